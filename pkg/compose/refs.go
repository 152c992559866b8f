package compose

import (
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// checkRefs makes sure every file named by extends or include, at any
// depth, was read through Options.ReadFile before compose-go reads it from
// disk on its own: so that what the caller's ReadFile refuses (a device, a
// file too large, anything when ReadFile is nil) is never read, and a
// missing file is an error at the line that names it.
func (c *collector) checkRefs(files []File) []FileError {
	var errs []FileError
	visited := map[string]bool{}
	queue := make([]string, 0, len(files))
	for _, f := range files {
		queue = append(queue, f.Name)
	}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if visited[name] {
			continue
		}
		visited[name] = true
		t := c.trees[name]
		if t == nil {
			continue
		}
		for _, r := range refs(t) {
			target := filepath.Join(filepath.Dir(name), r.path)
			if strings.Contains(r.path, "://") || strings.HasPrefix(r.path, "git@") {
				errs = append(errs, FileError{File: name, Line: r.node.Line, Column: r.node.Column,
					Message: fmt.Sprintf("remote resource %s is not loaded", r.path)})
				continue
			}
			if c.tree(target) == nil {
				errs = append(errs, FileError{File: name, Line: r.node.Line, Column: r.node.Column,
					Message: fmt.Sprintf("cannot read %s", target)})
				continue
			}
			queue = append(queue, target)
		}
	}
	return errs
}

// ref is a file named by extends.file or an include entry.
type ref struct {
	path string
	node *yaml.Node
}

func refs(t *tree) []ref {
	var out []ref
	_, svcs := lookup(t.root, "services")
	if svcs != nil && svcs.Kind == yaml.MappingNode {
		for i := 1; i < len(svcs.Content); i += 2 {
			_, ext := lookup(svcs.Content[i], "extends")
			if _, f := lookup(ext, "file"); f != nil && f.Kind == yaml.ScalarNode {
				out = append(out, ref{path: f.Value, node: f})
			}
		}
	}
	_, inc := lookup(t.root, "include")
	if inc != nil && inc.Kind == yaml.SequenceNode {
		for _, it := range inc.Content {
			for _, p := range includePaths(deref(it)) {
				out = append(out, ref{path: p, node: it})
			}
		}
	}
	return out
}
