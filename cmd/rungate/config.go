package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/pflag"

	"github.com/rungate/rungate/pkg/config"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/profile"
)

// configOptions choose the .rungate.yaml a lint run reads.
type configOptions struct {
	path string
}

func (o *configOptions) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.path, "config", "", "read this configuration file instead of the nearest "+config.FileName+" (searched from the working directory up to the repository root)")
}

// loaded is a configuration and the directory its relative paths are
// resolved against. A run without a file gets an empty one.
type loaded struct {
	config.Config
	dir  string
	file string
}

// load reads --config, or the nearest .rungate.yaml above wd. A file that
// cannot be read or parsed is a usage error (exit 2).
func (o *configOptions) load(wd string) (loaded, error) {
	p := o.path
	if p == "" {
		found, ok, err := config.Find(wd)
		if err != nil {
			return loaded{}, usageError(fmt.Errorf("find %s: %w", config.FileName, err))
		}
		if !ok {
			return loaded{dir: wd}, nil
		}
		p = found
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return loaded{}, usageError(fmt.Errorf("read config: %w", err))
	}
	c, err := config.Parse(p, data)
	if err != nil {
		return loaded{}, usageError(err)
	}
	if c.FailOn != "" {
		if _, err := engine.ParseSeverity(c.FailOn); err != nil {
			return loaded{}, usageError(fmt.Errorf("config %s: fail-on: %w", p, err))
		}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return loaded{}, usageError(fmt.Errorf("resolve config %s: %w", p, err))
	}
	return loaded{Config: *c, dir: filepath.Dir(abs), file: p}, nil
}

// policyDirs are the configuration's policy directories, resolved
// against the file's directory and checked to be directories.
func (c loaded) policyDirs() ([]fs.FS, error) {
	var dirs []fs.FS
	for _, d := range c.Policy {
		dir := d
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(c.dir, dir)
		}
		st, err := os.Stat(dir)
		if err != nil {
			return nil, usageError(fmt.Errorf("config %s: policy: %w", c.file, err))
		}
		if !st.IsDir() {
			return nil, usageError(fmt.Errorf("config %s: policy: %s is not a directory", c.file, dir))
		}
		dirs = append(dirs, engine.Named(d, os.DirFS(dir)))
	}
	return dirs, nil
}

// overrides are the configuration's per-rule choices, applied over the
// profile. Their rule ids are checked when the engine is built.
func (c loaded) overrides() (profile.Overrides, error) {
	o := profile.Overrides{Source: "config " + c.file, Enable: c.Enable, Disable: c.Disable}
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(c.Severity)) {
		sev, err := engine.ParseSeverity(c.Severity[id])
		if err != nil {
			errs = append(errs, fmt.Errorf("severity: %s: %w", id, err))
			continue
		}
		if o.Severity == nil {
			o.Severity = map[string]engine.Severity{}
		}
		o.Severity[id] = sev
	}
	if err := errors.Join(errs...); err != nil {
		return o, usageError(fmt.Errorf("config %s: %w", c.file, err))
	}
	return o, nil
}
