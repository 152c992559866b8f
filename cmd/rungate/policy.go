package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/host"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/profile"
	"github.com/rungate/rungate/pkg/report"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// reportOptions are the flags shared by every verb that reports findings,
// so that lint and host print the same shapes and fail the same way.
type reportOptions struct {
	// formats and outputs are paired in order, as hadolint pairs them:
	// -f text -f sarif -o - -o out.sarif. With no -o, every format goes to
	// standard output.
	formats []string
	outputs []string
	failOn  string
	// sarifCategory tells SARIF uploads of one commit apart.
	sarifCategory string
}

func (o *reportOptions) bind(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&o.formats, "format", "f", []string{"text"}, "output format: "+strings.Join(report.Formats(), "|")+"; repeatable, paired in order with -o")
	fs.StringArrayVarP(&o.outputs, "output", "o", nil, "write the report to this file (- is standard output); repeatable, one per --format")
	fs.StringVar(&o.sarifCategory, "sarif-category", "", "SARIF run category (automationDetails.id), to tell several uploads of one commit apart")
	fs.StringVar(&o.failOn, "fail-on", "high", "fail when a finding is at or above this severity: critical|high|medium|low|info")
}

// destination is one report to write: a format and where it goes.
type destination struct {
	format string
	// path is the file to write; "" or "-" is standard output.
	path string
}

// destinations pairs formats with outputs. A count mismatch is a usage
// error rather than a guess, as is one file given twice.
func (o *reportOptions) destinations() ([]destination, error) {
	formats := o.formats
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	if len(o.outputs) > 0 && len(o.outputs) != len(formats) {
		return nil, fmt.Errorf("%d --format and %d --output: give one --output per --format, in the same order", len(formats), len(o.outputs))
	}
	seen := map[string]bool{}
	out := make([]destination, 0, len(formats))
	for i, f := range formats {
		if _, err := report.New(f, report.Options{}); err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
		d := destination{format: f}
		if len(o.outputs) > 0 {
			d.path = o.outputs[i]
		}
		if d.path != "" && d.path != "-" {
			if seen[d.path] {
				return nil, fmt.Errorf("--output %s given twice", d.path)
			}
			seen[d.path] = true
		}
		out = append(out, d)
	}
	return out, nil
}

// render writes every report and turns the threshold into the exit code.
func (o *reportOptions) render(s streams, res lint.Result, rules []engine.Rule) error {
	failOn, err := engine.ParseSeverity(o.failOn)
	if err != nil {
		return usageError(fmt.Errorf("--fail-on: %w", err))
	}
	dests, err := o.destinations()
	if err != nil {
		return usageError(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return internalError(fmt.Errorf("working directory: %w", err))
	}
	r := report.Report{Result: res, FailOn: failOn, Rules: rules, Version: toolVersion(), Root: repoRoot(wd), WorkDir: wd, Category: o.sarifCategory}
	for _, d := range dests {
		if err := writeReport(s, d, r); err != nil {
			return internalError(err)
		}
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

// writeReport writes one report. Colour is for a terminal only, never a
// file, and NO_COLOR turns it off.
func writeReport(s streams, d destination, r report.Report) error {
	toStdout := d.path == "" || d.path == "-"
	rep, err := report.New(d.format, report.Options{Color: toStdout && s.tty && os.Getenv("NO_COLOR") == ""})
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	if toStdout {
		if err := rep.Write(s.out, r); err != nil {
			return fmt.Errorf("write %s report: %w", d.format, err)
		}
		return nil
	}
	f, err := os.Create(d.path)
	if err != nil {
		return fmt.Errorf("write %s report: %w", d.format, err)
	}
	if err := rep.Write(f, r); err != nil {
		_ = f.Close()
		return fmt.Errorf("write %s report to %s: %w", d.format, d.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s report to %s: %w", d.format, d.path, err)
	}
	return nil
}

// validate checks the report flags before any work is done.
func (o *reportOptions) validate() error {
	if _, err := engine.ParseSeverity(o.failOn); err != nil {
		return usageError(fmt.Errorf("--fail-on: %w", err))
	}
	if _, err := o.destinations(); err != nil {
		return usageError(err)
	}
	return nil
}

// toolVersion is the version set at build time, else the module version
// `go install ...@vX` records, else "dev".
func toolVersion() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

// repoRoot is the nearest directory at or above dir holding .git, so
// report paths are repository-relative wherever rungate runs in the
// checkout; outside a repository it is dir itself.
func repoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// policyOptions choose the policy and the daemon defaults it judges against.
type policyOptions struct {
	daemonConfig string
	daemonUnit   string
	rules        ruleOptions
}

func (o *policyOptions) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.daemonConfig, "daemon-config", "", "daemon.json whose defaults (log driver and options, no-new-privileges) apply to every container")
	fs.StringVar(&o.daemonUnit, "daemon-unit", "", "the docker service's systemd unit: the dockerd flags of its ExecStart (and of its FILE.d/*.conf drop-ins) apply on top of --daemon-config")
	o.rules.bind(fs)
}

// ruleOptions choose the rules that run: the user's policy directories and
// the profile.
type ruleOptions struct {
	dirs    []string
	profile string
}

func (o *ruleOptions) bind(fs *pflag.FlagSet) {
	fs.StringArrayVar(&o.dirs, "policy", nil, "directory of extra Rego rules and policy data, loaded with the built-in ones (repeatable)")
	fs.StringVar(&o.profile, "profile", "", "profile choosing the rules that run and their severity: "+strings.Join(profile.Names(), "|")+", or a profile .yaml file (default: the configuration's, else default)")
}

// builtinOptions are the engine options of every verb: the embedded rules
// and policy data, then the user's policy directories (from --policy or
// .rungate.yaml), each read for both its Rego and its data files.
func builtinOptions(extra ...fs.FS) engine.Options {
	return engine.Options{
		Policies: append([]fs.FS{engine.Named("rules", rules.FS)}, extra...),
		Data:     append([]fs.FS{policy.FS}, extra...),
	}
}

// loadEngine compiles every built-in rule, at its metadata severity. A
// policy that does not compile is an internal error (exit 3).
func loadEngine(ctx context.Context) (*engine.Engine, error) {
	eng, err := engine.New(ctx, builtinOptions())
	if err != nil {
		return nil, internalError(fmt.Errorf("load policy: %w", err))
	}
	return eng, nil
}

// engineOptions are the options of one run: the built-in rules and data,
// the --policy directories then the configuration's, the profile (the
// flag's, else the configuration's, else default) and the configuration's
// per-rule overrides on top of it. Only the rules chosen are compiled.
func (o *ruleOptions) engineOptions(c loaded) (engine.Options, error) {
	dirs, err := o.policyDirs()
	if err != nil {
		return engine.Options{}, err
	}
	cdirs, err := c.policyDirs()
	if err != nil {
		return engine.Options{}, err
	}
	name := o.profile
	if name == "" && c.Profile != "" {
		name = c.Profile
		if profile.IsFile(name) && !filepath.IsAbs(name) {
			name = filepath.Join(c.dir, name)
		}
	}
	p, err := profile.Load(name, os.ReadFile)
	if err != nil {
		if o.profile == "" && c.Profile != "" {
			err = fmt.Errorf("config %s: profile: %w", c.file, err)
		} else {
			err = fmt.Errorf("--profile: %w", err)
		}
		return engine.Options{}, usageError(err)
	}
	over, err := c.overrides()
	if err != nil {
		return engine.Options{}, err
	}
	opts := builtinOptions(append(dirs, cdirs...)...)
	opts.DataOverrides = c.Data
	opts.Choose = profile.Chooser(p, over)
	return opts, nil
}

// policyDirs opens the --policy directories, each named as given.
func (o *ruleOptions) policyDirs() ([]fs.FS, error) {
	var dirs []fs.FS
	for _, d := range o.dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, usageError(fmt.Errorf("--policy: %w", err))
		}
		if !st.IsDir() {
			return nil, usageError(fmt.Errorf("--policy: %s is not a directory", d))
		}
		dirs = append(dirs, engine.Named(d, os.DirFS(d)))
	}
	return dirs, nil
}

// newEngine compiles the policy of opts. A profile or override naming an
// unknown rule is bad configuration (exit 2); a policy that does not
// compile is an internal error (exit 3).
func newEngine(ctx context.Context, opts engine.Options) (*engine.Engine, error) {
	eng, err := engine.New(ctx, opts)
	var pe *profile.Error
	switch {
	case errors.As(err, &pe):
		return nil, usageError(pe)
	case err != nil:
		return nil, internalError(fmt.Errorf("load policy: %w", err))
	}
	return eng, nil
}

// loadDaemon reads --daemon-config and the dockerd flags of --daemon-unit
// on top, as dockerd merges them; without either, dockerd's built-in
// defaults.
func (o *policyOptions) loadDaemon() (runspec.Daemon, error) {
	d := runspec.DefaultDaemon()
	if o.daemonConfig != "" {
		root, name, err := fsPath(o.daemonConfig)
		if err != nil {
			return runspec.Daemon{}, usageError(err)
		}
		if d, err = host.LoadDaemon(root, name); err != nil {
			return d, usageError(fmt.Errorf("--daemon-config: %w", err))
		}
	}
	if o.daemonUnit != "" {
		root, name, err := fsPath(o.daemonUnit)
		if err != nil {
			return runspec.Daemon{}, usageError(err)
		}
		words, pos, found, err := host.LoadUnit(root, []string{name})
		switch {
		case err != nil:
			return d, usageError(fmt.Errorf("--daemon-unit: %w", err))
		case !found:
			return d, usageError(fmt.Errorf("--daemon-unit: %s: no such file", o.daemonUnit))
		}
		// A key set both in daemon.json and by a flag stops dockerd, and
		// is an error here too.
		if err := host.ApplyFlags(&d, words, pos); err != nil {
			return d, usageError(fmt.Errorf("--daemon-unit: %w", err))
		}
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
