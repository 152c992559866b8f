package lint

import (
	"context"
	"fmt"

	"github.com/rungate/rungate/pkg/compose"
)

// Compose lints compose files loaded together as one project, as
// `docker compose -f a -f b` would load them: every service is checked.
// A file that cannot be loaded is an error in the result, not a failure;
// the other files' services are still checked.
func (r *Runner) Compose(ctx context.Context, files ...compose.File) (Result, error) {
	res := Result{Files: len(files)}
	read := r.ReadFile
	if read == nil {
		read = readRegular
	}
	specs, errs := compose.Load(ctx, compose.Options{Env: r.Env, ReadFile: read}, files...)
	for _, e := range errs {
		res.Errors = append(res.Errors, FileError{File: e.File, Line: e.Line, Column: e.Column, Message: e.Message})
	}
	for _, spec := range specs {
		findings, err := r.Engine.Evaluate(ctx, spec, r.Daemon)
		if err != nil {
			return res, fmt.Errorf("evaluate %s service %s: %w", spec.Origin.File, spec.Name, err)
		}
		res.Specs++
		res.Findings = append(res.Findings, findings...)
	}
	Sort(res.Findings)
	return res, nil
}
