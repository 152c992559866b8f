package dockerrun

import (
	"os"
	"path/filepath"

	"github.com/rungate/rungate/pkg/runspec"
)

// Options tell the parser about the world the docker CLI would run in.
type Options struct {
	// WorkDir is the CLI's working directory: relative bind and mount sources
	// ("./x", ".") are made absolute against it. Empty means the process's.
	WorkDir string
	// LookupEnv is the CLI's environment, for `-e KEY` with no '=', for
	// env-file lines with no '=' and for DOCKER_DEFAULT_PLATFORM (the default
	// of --platform). nil means nothing is set.
	LookupEnv func(name string) (string, bool)
	// ReadFile reads --env-file, --label-file and seccomp=FILE. It gets the
	// name as written. nil means os.ReadFile, relative to WorkDir.
	ReadFile func(name string) ([]byte, error)
	// File is the file name recorded in positions (may be ""). It fills in
	// the file of words that do not name one.
	File string
}

// ParseArgs parses what follows the verb in `docker run ARGS...`. It reads the
// arguments as `docker run` does (which accepts a superset of `docker create`'s
// flags).
func ParseArgs(args []runspec.Word, opts Options) (*runspec.Spec, error) {
	args = opts.inFile(args)
	var origin runspec.Pos
	if len(args) > 0 {
		origin = args[0].Pos
	}
	return parse(verbRun, args, origin, opts)
}

// inFile returns words whose positions all name a file: Options.File where
// the word has none. The caller's slice is left alone.
func (o Options) inFile(words []runspec.Word) []runspec.Word {
	if o.File == "" {
		return words
	}
	out := make([]runspec.Word, len(words))
	for i, w := range words {
		if w.Pos.File == "" {
			w.Pos.File = o.File
		}
		out[i] = w
	}
	return out
}

// workDir returns the directory relative paths are resolved against, or ""
// when even the process's cannot be found (paths then stay relative, as the
// CLI leaves them when filepath.Abs fails).
func (o Options) workDir() string {
	if o.WorkDir != "" {
		return o.WorkDir
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// reader returns the function that reads the files a command names.
func (o Options) reader(workDir string) func(string) ([]byte, error) {
	if o.ReadFile != nil {
		return o.ReadFile
	}
	return func(name string) ([]byte, error) {
		if !filepath.IsAbs(name) && workDir != "" {
			name = filepath.Join(workDir, name)
		}
		return os.ReadFile(name) //nolint:gosec // reading the files the command names is the point
	}
}
