package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/spf13/cobra"

	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/scan"
)

type lintOptions struct {
	command string
	paths   []string
	exclude []string
	report  reportOptions
	policy  policyOptions
	except  exceptionOptions
	config  configOptions
	// changed reports whether a flag was given, so that only flags left at
	// their defaults take the configuration file's values.
	changed func(name string) bool
}

// applyConfig fills the options the command line left unset from the
// configuration file: flags > file > defaults.
func (o *lintOptions) applyConfig(c loaded) {
	changed := o.changed
	if changed == nil {
		changed = func(string) bool { return false }
	}
	if c.FailOn != "" && !changed("fail-on") {
		o.report.failOn = c.FailOn
	}
	if c.RequireReason != nil && !changed("require-reason") {
		o.except.requireReason = *c.RequireReason
	}
	if c.InlineIgnores != nil && !changed("no-inline-ignores") {
		o.except.noInlineIgnores = !*c.InlineIgnores
	}
	// A baseline named in the file is read unless one is given, or one is
	// being written (which reads none).
	if c.Baseline != "" && !changed("baseline") && !changed("write-baseline") {
		o.except.baseline = c.Baseline
		if !filepath.IsAbs(c.Baseline) {
			o.except.baseline = filepath.Join(c.dir, c.Baseline)
		}
	}
	// Ignored paths add to --exclude: both only narrow the walk.
	o.exclude = append(o.exclude, c.IgnorePaths...)
}

func newLintCommand(s streams) *cobra.Command {
	var o lintOptions
	cmd := &cobra.Command{
		Use:   "lint [PATH...] | lint - | lint -c 'docker run ...'",
		Short: "Check docker run commands against the policy",
		Long: `Check docker run commands against the policy.

With -c, the string is read as a shell would read it: quotes, escapes and
${VAR:-default} expansions; $PWD and $HOME are known, other variables stay
unresolved. With -, standard input is read: docker inspect output, a compose
file, or shell source. PATHs are files (always read; of an unknown kind, as
shell) or directories, walked honouring .gitignore and --exclude for shell
scripts, Makefiles, Markdown, Dockerfiles, GitHub Actions workflows, GitLab
CI files, Jenkinsfiles, compose files and docker inspect JSON.

Reviewed exceptions: a "# rungate:ignore RULE -- reason" comment at the end of
the flagged line or alone on the line before it (<!-- ... --> in Markdown,
rungate:ignore-file for a whole file), and a baseline (--write-baseline,
--baseline). Settings come from the nearest .rungate.yaml up to the
repository root, or --config; flags win. See docs/configuration.md.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			o.changed = cmd.Flags().Changed
			return runLint(cmd.Context(), s, &o)
		},
	}
	cmd.Flags().StringVarP(&o.command, "command", "c", "", "lint this command line instead of files")
	cmd.Flags().StringArrayVar(&o.exclude, "exclude", nil, "skip paths matching this glob (gitignore syntax) when walking directories; repeatable")
	o.report.bind(cmd.Flags())
	o.policy.bind(cmd.Flags())
	o.except.bind(cmd.Flags())
	o.config.bind(cmd.Flags())
	return cmd
}

func runLint(ctx context.Context, s streams, o *lintOptions) error {
	wd, err := os.Getwd()
	if err != nil {
		return internalError(fmt.Errorf("working directory: %w", err))
	}
	cfg, err := o.config.load(wd)
	if err != nil {
		return err
	}
	o.applyConfig(cfg)
	if err := o.report.validate(); err != nil {
		return err
	}
	if err := o.except.validate(); err != nil {
		return err
	}
	if o.command == "" && len(o.paths) == 0 {
		return usageError(errors.New("nothing to lint: give PATHs, - for standard input, or -c 'docker run ...'"))
	}
	if o.command != "" && len(o.paths) > 0 {
		return usageError(errors.New("-c and PATHs cannot be combined"))
	}
	daemon, err := o.policy.loadDaemon()
	if err != nil {
		return err
	}
	opts, err := o.policy.rules.engineOptions(cfg)
	if err != nil {
		return err
	}
	eng, err := newEngine(ctx, opts)
	if err != nil {
		return err
	}
	runner := &lint.Runner{Engine: eng, Daemon: daemon, WorkDir: wd, Env: knownEnv(wd)}

	var res lint.Result
	src := newSources()
	switch {
	case o.command != "":
		src.add("-c", []byte(o.command))
		res, err = runner.Shell(ctx, "-c", []byte(o.command))
	default:
		res, err = lintPaths(ctx, s, runner, src, o.paths, o.exclude)
	}
	if err != nil {
		return internalError(err)
	}
	o.except.applyInline(&res, src, eng)
	if err := o.except.applyBaseline(&res, src, wd); err != nil {
		return err
	}
	lint.Sort(res.Findings)
	return o.report.render(s, res, eng.Rules())
}

// lintPaths lints each PATH; - is standard input, recognised by its
// content (docker inspect output, a compose file, else shell). Files are
// linted on every core; the result is merged in the order the files were
// listed, so output does not depend on scheduling.
func lintPaths(ctx context.Context, s streams, runner *lint.Runner, src *sources, paths []string, exclude []string) (lint.Result, error) {
	var all lint.Result
	var files []string
	for _, p := range paths {
		if p != "-" {
			files = append(files, p)
			continue
		}
		data, err := io.ReadAll(s.in)
		if err != nil {
			all.Files++
			all.Errors = append(all.Errors, lint.FileError{File: "-", Message: fmt.Sprintf("read standard input: %v", err)})
			continue
		}
		src.add("-", data)
		kind := scan.Classify("-", data)
		if kind == scan.KindUnknown {
			kind = scan.KindShell
		}
		res, err := runner.File(ctx, "-", data, kind)
		if err != nil {
			return all, err
		}
		all.Merge(res)
	}
	found, errs := scan.Files(files, scan.FilesOptions{Exclude: exclude})
	for _, e := range errs {
		all.Errors = append(all.Errors, lint.FileError{File: errorPath(e), Message: e.Error()})
	}
	units := lint.Units(found)
	results := make([]lint.Result, len(units))
	failures := make([]error, len(units))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, u := range units {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			results[i], failures[i] = runner.Unit(ctx, u, src.read)
			if failures[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(failures...); err != nil {
		return all, err
	}
	// Merge once: Result.Merge sorts, which per file would be quadratic.
	for _, r := range results {
		all.Findings = append(all.Findings, r.Findings...)
		all.Errors = append(all.Errors, r.Errors...)
		all.Files += r.Files
		all.Specs += r.Specs
		all.Suppressed = append(all.Suppressed, r.Suppressed...)
		all.Warnings = append(all.Warnings, r.Warnings...)
	}
	lint.Sort(all.Findings)
	return all, nil
}

// errorPath is the path a walk error is about.
func errorPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	return ""
}

// knownEnv is what a shell expanding the command would surely know.
func knownEnv(wd string) scan.Env {
	env := scan.Env{"PWD": wd}
	if home, err := os.UserHomeDir(); err == nil {
		env["HOME"] = home
	}
	return env
}
