package main

import (
	"errors"
	"strings"
)

// Exit codes, as DESIGN.md fixes them.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
	exitInternal = 3
)

// errFindings ends a run whose findings reach the threshold. It is not
// printed: the report already said everything.
var errFindings = errors.New("findings at or above the threshold")

// exitError carries the exit code a failure should end the process with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is bad usage, bad configuration or input that cannot be parsed.
func usageError(err error) error { return &exitError{code: exitUsage, err: err} }

// internalError is a failure of rungate itself or of its policy.
func internalError(err error) error { return &exitError{code: exitInternal, err: err} }

// exitCode decides the process's exit code, once, for main.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errFindings) {
		return exitFindings
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	// cobra's own errors are flag and argument mistakes.
	return exitUsage
}

// errorText keeps an error on one line.
func errorText(err error) string {
	return strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", "; ")
}
