package compose

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

// overrideNames are the files docker compose merges over a single default
// file when one of them sits beside it, in the order it looks for them.
func overrideNames() []string {
	return []string{
		"compose.override.yml", "compose.override.yaml",
		"docker-compose.override.yml", "docker-compose.override.yaml",
	}
}

// Load loads files as one project, as `docker compose -f a -f b` would, and
// returns one spec per service, sorted by name. A file that cannot be
// loaded gives a FileError; the files that can still give their specs.
func Load(ctx context.Context, opts Options, files ...File) ([]*runspec.Spec, []FileError) {
	if len(files) == 0 {
		return nil, nil
	}
	if opts.WorkingDir == "" {
		opts.WorkingDir = filepath.Dir(files[0].Name)
	}
	files = withOverride(opts, files)
	var errs []FileError
	var good []File
	trees := map[string]*tree{}
	for _, f := range files {
		t, err := parseTree(f.Name, f.Data)
		if err != nil {
			errs = append(errs, yamlError(f.Name, err))
			continue
		}
		trees[f.Name] = t
		good = append(good, f)
	}
	if len(good) == 0 {
		return nil, errs
	}
	env := environment(opts)
	specs, loadErrs := loadChecked(ctx, opts, env, trees, good)
	if len(loadErrs) == 0 || len(good) == 1 {
		return specs, append(errs, loadErrs...)
	}
	// Together the files fail: load each alone so that one broken file
	// does not hide the others' services.
	var alone []*runspec.Spec
	failed := false
	for _, f := range good {
		s, e := loadChecked(ctx, opts, env, trees, []File{f})
		errs = append(errs, e...)
		failed = failed || len(e) > 0
		alone = append(alone, s...)
	}
	if !failed {
		errs = append(errs, loadErrs...)
	}
	return alone, errs
}

// loadChecked loads files as one project once every file they name has
// been read through Options.ReadFile.
func loadChecked(ctx context.Context, opts Options, env map[string]string, trees map[string]*tree, files []File) ([]*runspec.Spec, []FileError) {
	col := &collector{trees: trees, read: opts.ReadFile}
	if errs := col.checkRefs(files); len(errs) > 0 {
		return nil, errs
	}
	specs, err := loadProject(ctx, opts, env, trees, files, substitute)
	if err != nil && strings.Contains(err.Error(), "${") {
		// A placeholder broke a field compose parses further (a port
		// such as "${PORT}:80"): load again as compose itself does, with
		// unset variables empty, rather than lose the file.
		specs, err = loadProject(ctx, opts, env, trees, files, substituteBlank)
	}
	if err != nil {
		return nil, []FileError{locate(err, files[0].Name, trees)}
	}
	return specs, nil
}

// withOverride adds the override file beside a single file, read through
// opts.ReadFile, unless it was given already.
func withOverride(opts Options, files []File) []File {
	if len(files) != 1 || opts.ReadFile == nil {
		return files
	}
	dir := filepath.Dir(files[0].Name)
	for _, n := range overrideNames() {
		name := filepath.Join(dir, n)
		if name == files[0].Name || filepath.Base(files[0].Name) == n {
			return files
		}
		if data, err := opts.ReadFile(name); err == nil {
			return append(files, File{Name: name, Data: data})
		}
	}
	return files
}

// environment is opts.Env over the project's .env file.
func environment(opts Options) map[string]string {
	env := map[string]string{}
	if opts.ReadFile != nil {
		if data, err := opts.ReadFile(filepath.Join(opts.WorkingDir, ".env")); err == nil {
			lookup := func(k string) (string, bool) { v, ok := opts.Env[k]; return v, ok }
			if vars, err := dotenv.ParseWithLookup(bytes.NewReader(data), lookup); err == nil {
				for k, v := range vars {
					env[k] = v
				}
			}
		}
	}
	for k, v := range opts.Env {
		env[k] = v
	}
	return env
}

func loadProject(ctx context.Context, opts Options, env map[string]string, trees map[string]*tree, files []File, subst func(string, template.Mapping) (string, error)) (specs []*runspec.Spec, err error) {
	// compose-go panics on some malformed input (found by FuzzLoad); a
	// bad file must be an error of that file, not end the run.
	defer func() {
		if r := recover(); r != nil {
			specs, err = nil, fmt.Errorf("load compose %s: invalid file (compose-go: %v)", files[0].Name, r)
		}
	}()
	details := types.ConfigDetails{WorkingDir: absDir(opts.WorkingDir), Environment: env}
	for _, f := range files {
		details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: absPath(f.Name), Content: f.Data})
	}
	profiles := opts.Profiles
	if len(profiles) == 0 {
		profiles = []string{"*"}
	}
	name := loader.NormalizeProjectName(filepath.Base(details.WorkingDir))
	project, err := loader.LoadWithContext(ctx, details,
		loader.WithProfiles(profiles),
		func(o *loader.Options) {
			o.SetProjectName(name, false)
			o.SkipConsistencyCheck = true   // an undefined volume still runs as a spec
			o.SkipResolveEnvironment = true // env_file is not ours to read
			o.SkipResolveLabels = true
			if o.Interpolate != nil {
				o.Interpolate.Substitute = subst
			}
		})
	if err != nil {
		return nil, fmt.Errorf("load compose %s: %w", files[0].Name, err)
	}
	if project == nil {
		return nil, errors.New("load compose: no project")
	}
	col := &collector{trees: trees, read: opts.ReadFile}
	names := project.ServiceNames()
	sort.Strings(names)
	out := make([]*runspec.Spec, 0, len(names))
	for _, n := range names {
		svc := project.Services[n]
		out = append(out, convert(project, svc, col.sources(files, n), col.origin(files, n)))
	}
	return out, nil
}

// sources collects the mappings service name's settings may come from:
// the last file first.
func (c *collector) sources(files []File, name string) sources {
	c.out, c.seen = nil, map[*yaml.Node]bool{}
	for i := len(files) - 1; i >= 0; i-- {
		if t := c.trees[files[i].Name]; t != nil {
			_, m := t.service(name)
			c.add(t.name, m, 0)
		}
	}
	c.included(files, name)
	return c.out
}

// origin is the service's key in the first file that has it.
func (c *collector) origin(files []File, name string) runspec.Pos {
	for _, f := range files {
		if t := c.trees[f.Name]; t != nil {
			if k, _ := t.service(name); k != nil {
				return pos(t.name, k)
			}
		}
	}
	for _, s := range c.out {
		return pos(s.file, s.m)
	}
	if len(files) > 0 {
		return runspec.Pos{File: files[0].Name, Line: 1, Column: 1}
	}
	return runspec.Pos{}
}

func absDir(dir string) string {
	if d, err := filepath.Abs(dir); err == nil {
		return d
	}
	return dir
}

// absPath gives compose-go an absolute name, which it needs to find the
// files that extends and include name relative to this one.
func absPath(name string) string {
	if a, err := filepath.Abs(name); err == nil {
		return a
	}
	return name
}
