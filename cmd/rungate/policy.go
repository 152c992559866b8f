package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/host"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/report"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// reportOptions are the flags shared by every verb that reports findings,
// so that lint and host print the same shapes and fail the same way.
type reportOptions struct {
	format string
	failOn string
}

func (o *reportOptions) bind(fs *pflag.FlagSet) {
	fs.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), "|"))
	fs.StringVar(&o.failOn, "fail-on", "high", "fail when a finding is at or above this severity: critical|high|medium|low|info")
}

// render writes the report and turns the threshold into the exit code.
func (o *reportOptions) render(s streams, res lint.Result, rules []engine.Rule) error {
	failOn, err := engine.ParseSeverity(o.failOn)
	if err != nil {
		return usageError(fmt.Errorf("--fail-on: %w", err))
	}
	rep, err := report.New(o.format, report.Options{Color: s.tty && os.Getenv("NO_COLOR") == ""})
	if err != nil {
		return usageError(fmt.Errorf("--format: %w", err))
	}
	r := report.Report{Result: res, FailOn: failOn, Rules: rules}
	if err := rep.Write(s.out, r); err != nil {
		return internalError(fmt.Errorf("write report: %w", err))
	}
	if len(res.Errors) > 0 {
		// Input that could not be checked is reported above; the run
		// must not look clean.
		return &exitError{code: exitUsage, err: fmt.Errorf("%d input error(s)", len(res.Errors))}
	}
	if r.Failed() {
		return errFindings
	}
	return nil
}

// validate checks the report flags before any work is done.
func (o *reportOptions) validate() error {
	if _, err := engine.ParseSeverity(o.failOn); err != nil {
		return usageError(fmt.Errorf("--fail-on: %w", err))
	}
	if _, err := report.New(o.format, report.Options{}); err != nil {
		return usageError(fmt.Errorf("--format: %w", err))
	}
	return nil
}

// policyOptions choose the policy and the daemon defaults it judges against.
type policyOptions struct {
	daemonConfig string
}

func (o *policyOptions) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.daemonConfig, "daemon-config", "", "daemon.json whose defaults (log driver and options, no-new-privileges) apply to every container")
}

// loadEngine compiles the built-in rules. A policy that does not compile is
// an internal error (exit 3), as is a policy with no rules.
func loadEngine(ctx context.Context) (*engine.Engine, error) {
	eng, err := engine.New(ctx, engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		return nil, internalError(fmt.Errorf("load policy: %w", err))
	}
	return eng, nil
}

// loadDaemon reads --daemon-config, or returns dockerd's built-in defaults.
func (o *policyOptions) loadDaemon() (runspec.Daemon, error) {
	if o.daemonConfig == "" {
		return runspec.DefaultDaemon(), nil
	}
	root, name, err := fsPath(o.daemonConfig)
	if err != nil {
		return runspec.Daemon{}, usageError(err)
	}
	d, err := host.LoadDaemon(root, name)
	if err != nil {
		return d, usageError(fmt.Errorf("--daemon-config: %w", err))
	}
	return d, nil
}

// fsPath splits a file path given on the command line into the root
// filesystem and the fs.FS path inside it, so host reads go through fs.FS.
func fsPath(p string) (fs.FS, string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, "", fmt.Errorf("resolve %s: %w", p, err)
	}
	return os.DirFS("/"), strings.TrimPrefix(filepath.ToSlash(abs), "/"), nil
}
