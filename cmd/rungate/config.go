package main

import (
	"context"
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
	"github.com/rungate/rungate/pkg/lint"
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

// loadEngineConfig compiles the built-in rules with the configuration's
// extra policy directories and data overrides.
func loadEngineConfig(ctx context.Context, c loaded) (*engine.Engine, error) {
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
	opts := builtinOptions(dirs...)
	opts.DataOverrides = c.Data
	eng, err := engine.New(ctx, opts)
	if err != nil {
		return nil, internalError(fmt.Errorf("load policy: %w", err))
	}
	return eng, nil
}

// ruleFilter checks the configuration's rule ids against the loaded rules:
// an unknown id is a usage error, since a typo would silently keep a rule
// on or leave its severity unchanged.
func ruleFilter(c loaded, known []engine.Rule) (lint.RuleFilter, error) {
	ids := map[string]bool{}
	for _, r := range known {
		ids[r.ID] = true
	}
	var errs []error
	set := func(key string, list []string) map[string]bool {
		m := map[string]bool{}
		for _, id := range list {
			if !ids[id] {
				errs = append(errs, fmt.Errorf("%s: unknown rule %q", key, id))
			}
			m[id] = true
		}
		return m
	}
	f := lint.RuleFilter{Enable: set("enable", c.Enable), Disable: set("disable", c.Disable), Severity: map[string]engine.Severity{}}
	for _, id := range slices.Sorted(maps.Keys(c.Severity)) {
		if !ids[id] {
			errs = append(errs, fmt.Errorf("severity: unknown rule %q", id))
			continue
		}
		sev, err := engine.ParseSeverity(c.Severity[id])
		if err != nil {
			errs = append(errs, fmt.Errorf("severity: %s: %w", id, err))
			continue
		}
		f.Severity[id] = sev
	}
	if err := errors.Join(errs...); err != nil {
		return f, usageError(fmt.Errorf("config %s: %w", c.file, err))
	}
	return f, nil
}
