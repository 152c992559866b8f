package engine

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Named gives a file system a name, such as the --policy directory it was
// opened from. Its files are then called name/file in errors, findings and
// coverage, so that two directories with the same file names stay apart.
func Named(name string, fsys fs.FS) fs.FS { return namedFS{FS: fsys, name: name} }

type namedFS struct {
	fs.FS
	name string
}

// fsName returns the name Named gave fsys, or "".
func fsName(fsys fs.FS) string {
	if n, ok := fsys.(namedFS); ok {
		return n.name
	}
	return ""
}

var parserOptions = ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}

// isTestFile reports whether name holds Rego tests rather than rules.
func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// loadModules parses every .rego file of every file system, keyed by file
// name. keep picks the files to load (rules, tests or both), by that name.
func loadModules(fss []fs.FS, keep func(name string) bool) (map[string]*ast.Module, error) {
	modules := map[string]*ast.Module{}
	for _, fsys := range fss {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := path.Join(fsName(fsys), p)
			if d.IsDir() || path.Ext(p) != ".rego" || !keep(name) {
				return nil
			}
			if _, dup := modules[name]; dup {
				return fmt.Errorf("%s: loaded twice", name)
			}
			src, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			m, err := ast.ParseModuleWithOpts(name, string(src), parserOptions)
			if err != nil {
				return err
			}
			modules[name] = m
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load policy: %w", err)
		}
	}
	return modules, nil
}
