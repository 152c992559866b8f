package lint

import (
	"context"
	"errors"
	"fmt"

	"github.com/rungate/rungate/pkg/compose"
	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/inspect"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
)

// File lints one file of the given kind: the docker run commands written
// in a script, Makefile, Markdown document, Dockerfile header, CI file or
// Jenkinsfile; the containers of docker inspect output; the services of a
// compose file (with the override file beside it, as docker compose
// loads it).
func (r *Runner) File(ctx context.Context, name string, data []byte, kind scan.Kind) (Result, error) {
	switch kind {
	case scan.KindCompose:
		return r.Compose(ctx, compose.File{Name: name, Data: data})
	case scan.KindInspect:
		return r.inspect(ctx, name, data)
	}
	res := Result{Files: 1}
	cmds, err := scan.Commands(kind, name, data, r.Env)
	if err != nil {
		res.Errors = append(res.Errors, toFileError(name, err))
		return res, nil
	}
	if err := r.commands(ctx, name, cmds, &res); err != nil {
		return res, err
	}
	Sort(res.Findings)
	return res, nil
}

// commands evaluates every docker run or create among cmds.
func (r *Runner) commands(ctx context.Context, name string, cmds []scan.Command, res *Result) error {
	for _, c := range cmds {
		spec, err := dockerrun.ParseCommand(c.Words, dockerrun.Options{
			WorkDir:   r.WorkDir,
			LookupEnv: r.lookupEnv,
			ReadFile:  r.ReadFile,
			File:      name,
		})
		if errors.Is(err, dockerrun.ErrNotRun) {
			continue
		}
		if err != nil {
			res.Errors = append(res.Errors, toFileError(name, err))
			continue
		}
		if err := r.evaluate(ctx, spec, res); err != nil {
			return err
		}
	}
	return nil
}

// inspect lints the containers of docker inspect output.
func (r *Runner) inspect(ctx context.Context, name string, data []byte) (Result, error) {
	res := Result{Files: 1}
	specs, errs, err := inspect.Parse(name, data)
	if err != nil {
		errs = append(errs, err)
	}
	for _, e := range errs {
		res.Errors = append(res.Errors, toFileError(name, e))
	}
	for _, spec := range specs {
		if err := r.evaluate(ctx, spec, &res); err != nil {
			return res, err
		}
	}
	Sort(res.Findings)
	return res, nil
}

// evaluate checks one spec and adds its findings to res.
func (r *Runner) evaluate(ctx context.Context, spec *runspec.Spec, res *Result) error {
	findings, err := r.Engine.Evaluate(ctx, spec, r.Daemon)
	if err != nil {
		return fmt.Errorf("evaluate %s:%d: %w", spec.Origin.File, spec.Origin.Line, err)
	}
	res.Specs++
	res.Findings = append(res.Findings, findings...)
	return nil
}
