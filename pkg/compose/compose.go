package compose

import (
	"fmt"
)

// File is one compose file: its name (a path, relative to the working
// directory or absolute) and its contents.
type File struct {
	Name string
	Data []byte
}

// Options is how files are loaded: what docker compose would take from its
// flags and environment.
type Options struct {
	// WorkingDir is the project directory; relative paths resolve against
	// it and the project is named after it. Empty means the directory of
	// the first file.
	WorkingDir string
	// Env is the environment the files are interpolated with. It wins over
	// .env, as in docker compose.
	Env map[string]string
	// Profiles are the profiles to enable; empty enables all of them, so
	// that a linter sees every service.
	Profiles []string
	// ReadFile reads .env, the override file beside a single file, and
	// the files extends and include name. nil means none is read, and a
	// project that names another file is an error.
	ReadFile func(name string) ([]byte, error)
}

// FileError is a file that could not be loaded, with the position of the
// cause where it is known.
type FileError struct {
	File    string
	Line    int
	Column  int
	Message string
}

func (e FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Message)
}
