// Package lint is where inputs and the policy engine meet: it turns sources
// into run specs, evaluates them, and collects findings and per-file errors.
// It never writes output or exits; cmd/rungate does.
package lint

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/inspect"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
)

// FileError is input that could not be read or parsed. It is data, not a
// failure of the run: the other inputs are still checked.
type FileError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

func (e FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}

// Result is what one run found.
type Result struct {
	Findings []engine.Finding
	Errors   []FileError
	// Files is the number of inputs read (a -c string counts as one).
	Files int
	// Specs is the number of containers checked.
	Specs int
	// Suppressed are findings a reviewed exception hides: an inline
	// `rungate:ignore` comment, or a baseline entry. They do not fail the
	// run, but reports still list them.
	Suppressed []Suppressed
	// Warnings are problems that do not stop a file being checked, such as
	// a suppression that matched nothing.
	Warnings []FileError
}

// Suppressed is a finding hidden by a reviewed exception.
type Suppressed struct {
	Finding engine.Finding
	// Kind is "inline" (a rungate:ignore comment) or "baseline".
	Kind string
	// Reason is the justification written with the suppression.
	Reason string
	// Pos is where the suppression was written.
	Pos runspec.Pos
}

// Runner lints sources with one compiled policy.
type Runner struct {
	Engine *engine.Engine
	// Daemon holds the daemon's defaults that rules compare against.
	Daemon runspec.Daemon
	// WorkDir resolves relative bind sources, and is $PWD for expansion.
	WorkDir string
	// Env holds the variables known while expanding shell words.
	Env scan.Env
	// ReadFile reads files a docker run refers to (--env-file,
	// seccomp=FILE); nil means the operating system's.
	ReadFile func(name string) ([]byte, error)
	// HostFacts, when set, reads a rule example that describes the host
	// rather than a container (a daemon.json text, a socket's `ls -l`
	// line) as host facts; ok false hands the text to the container
	// parsers. Only Example uses it.
	HostFacts func(text string) (h runspec.Host, ok bool, err error)
}

// Shell lints shell source: every docker run or docker create in it.
func (r *Runner) Shell(ctx context.Context, name string, src []byte) (Result, error) {
	return r.File(ctx, name, src, scan.KindShell)
}

// Merge adds other's findings, errors and counts to r.
func (r *Result) Merge(other Result) {
	r.Findings = append(r.Findings, other.Findings...)
	r.Errors = append(r.Errors, other.Errors...)
	r.Files += other.Files
	r.Specs += other.Specs
	r.Suppressed = append(r.Suppressed, other.Suppressed...)
	r.Warnings = append(r.Warnings, other.Warnings...)
	Sort(r.Findings)
}

// Sort orders findings by file, line, column, then rule, so output is
// stable whatever order the inputs were read in.
func Sort(fs []engine.Finding) { slices.SortStableFunc(fs, engine.CompareFindings) }

// lookupEnv is what `-e KEY` reads: the variables known to the runner,
// as the docker CLI would read its own environment.
func (r *Runner) lookupEnv(name string) (string, bool) {
	v, ok := r.Env[name]
	return v, ok
}

// toFileError keeps the position of errors that carry one.
func toFileError(name string, err error) FileError {
	var de *dockerrun.Error
	var se *scan.SyntaxError
	var ie *inspect.Error
	switch {
	case errors.As(err, &ie):
		return FileError{File: orName(ie.Pos.File, name), Line: ie.Pos.Line, Column: ie.Pos.Column, Message: ie.Msg}
	case errors.As(err, &de):
		return FileError{File: orName(de.Pos.File, name), Line: de.Pos.Line, Column: de.Pos.Column, Message: de.Msg}
	case errors.As(err, &se):
		return FileError{File: orName(se.Pos.File, name), Line: se.Pos.Line, Column: se.Pos.Column, Message: "shell syntax: " + se.Msg}
	}
	return FileError{File: name, Message: err.Error()}
}

func orName(file, name string) string {
	if file == "" {
		return name
	}
	return file
}
