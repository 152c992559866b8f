package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/scan"
)

type lintOptions struct {
	command string
	paths   []string
	report  reportOptions
	policy  policyOptions
}

func newLintCommand(s streams) *cobra.Command {
	var o lintOptions
	cmd := &cobra.Command{
		Use:   "lint [PATH...] | lint - | lint -c 'docker run ...'",
		Short: "Check docker run commands against the policy",
		Long: `Check docker run commands against the policy.

With -c, the string is read as a shell would read it: quotes, escapes and
${VAR:-default} expansions; $PWD and $HOME are known, other variables stay
unresolved. With -, shell source is read from standard input. PATHs are
shell scripts, or directories searched for them.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return runLint(cmd.Context(), s, &o)
		},
	}
	cmd.Flags().StringVarP(&o.command, "command", "c", "", "lint this command line instead of files")
	o.report.bind(cmd.Flags())
	o.policy.bind(cmd.Flags())
	return cmd
}

func runLint(ctx context.Context, s streams, o *lintOptions) error {
	if err := o.report.validate(); err != nil {
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
	eng, err := loadEngine(ctx)
	if err != nil {
		return err
	}
	wd, err := os.Getwd()
	if err != nil {
		return internalError(fmt.Errorf("working directory: %w", err))
	}
	runner := &lint.Runner{Engine: eng, Daemon: daemon, WorkDir: wd, Env: knownEnv(wd)}

	var res lint.Result
	switch {
	case o.command != "":
		res, err = runner.Shell(ctx, "-c", []byte(o.command))
	default:
		res, err = lintPaths(ctx, s, runner, o.paths)
	}
	if err != nil {
		return internalError(err)
	}
	return o.report.render(s, res, eng.Rules())
}

// lintPaths lints each PATH; - is standard input.
func lintPaths(ctx context.Context, s streams, runner *lint.Runner, paths []string) (lint.Result, error) {
	var all lint.Result
	for _, p := range paths {
		if p == "-" {
			src, err := io.ReadAll(s.in)
			if err != nil {
				all.Errors = append(all.Errors, lint.FileError{File: "-", Message: fmt.Sprintf("read standard input: %v", err)})
				continue
			}
			res, err := runner.Shell(ctx, "-", src)
			if err != nil {
				return all, err
			}
			all.Merge(res)
			continue
		}
		files, errs := scan.ShellFiles(p)
		for _, e := range errs {
			all.Errors = append(all.Errors, lint.FileError{File: p, Message: e.Error()})
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				all.Errors = append(all.Errors, lint.FileError{File: f, Message: fmt.Sprintf("read: %v", err)})
				continue
			}
			res, err := runner.Shell(ctx, f, src)
			if err != nil {
				return all, err
			}
			all.Merge(res)
		}
	}
	return all, nil
}

// knownEnv is what a shell expanding the command would surely know.
func knownEnv(wd string) scan.Env {
	env := scan.Env{"PWD": wd}
	if home, err := os.UserHomeDir(); err == nil {
		env["HOME"] = home
	}
	return env
}
