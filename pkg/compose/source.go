package compose

import (
	"path/filepath"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

// tree is one compose file parsed as YAML nodes, kept for positions.
type tree struct {
	name string
	root *yaml.Node // the document's top mapping; nil if not a mapping
}

// parseTree parses data as YAML (JSON is YAML too) for its positions.
func parseTree(name string, data []byte) (*tree, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if a := recursiveAlias(&doc, map[*yaml.Node]bool{}); a != nil {
		return nil, &aliasError{node: a}
	}
	t := &tree{name: name}
	if len(doc.Content) > 0 && doc.Content[0].Kind == yaml.MappingNode {
		t.root = doc.Content[0]
	}
	return t, nil
}

// recursiveAlias returns an alias that refers to a node containing it.
// compose-go takes a very long time over such a file before it gives up,
// so it is rejected here first.
func recursiveAlias(n *yaml.Node, open map[*yaml.Node]bool) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		if open[n.Alias] {
			return n
		}
		return nil
	}
	open[n] = true
	defer delete(open, n)
	for _, c := range n.Content {
		if a := recursiveAlias(c, open); a != nil {
			return a
		}
	}
	return nil
}

// aliasError is a recursive alias, at its line.
type aliasError struct{ node *yaml.Node }

func (e *aliasError) Error() string {
	return "yaml: line " + strconv.Itoa(e.node.Line) + ": alias *" + e.node.Value + " refers to a node that contains it"
}

// service returns the key and value nodes of services.<name>.
func (t *tree) service(name string) (key, val *yaml.Node) {
	_, svcs := lookup(t.root, "services")
	return lookup(svcs, name)
}

// lookup returns the key and value nodes of key in mapping m, following
// aliases; the last occurrence wins, as in YAML decoding.
func lookup(m *yaml.Node, key string) (k, v *yaml.Node) {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i].Kind == yaml.ScalarNode {
			k, v = m.Content[i], m.Content[i+1]
		}
	}
	return k, deref(v)
}

// deref follows an alias to its anchor, a bounded number of times.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

func pos(file string, n *yaml.Node) runspec.Pos {
	if n == nil {
		return runspec.Pos{}
	}
	return runspec.Pos{File: file, Line: n.Line, Column: n.Column}
}

// source is one mapping that contributes settings to a service: its own
// mapping in one file, a `<<` merge source, or an extends base.
type source struct {
	file string
	m    *yaml.Node
}

// sources lists the mappings a service's settings may come from, in the
// order compose gives them precedence: the last file first, a service's own
// keys before its `<<` sources, then its extends chain.
type sources []source

// collector gathers sources, reading extends files through read.
type collector struct {
	trees map[string]*tree // by file name
	read  func(name string) ([]byte, error)
	out   sources
	seen  map[*yaml.Node]bool
}

func (c *collector) add(file string, m *yaml.Node, depth int) {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode || c.seen[m] || depth > 16 {
		return
	}
	c.seen[m] = true
	c.out = append(c.out, source{file: file, m: m})
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "<<" {
			continue
		}
		v := m.Content[i+1]
		if v.Kind == yaml.SequenceNode {
			for _, item := range v.Content {
				c.add(file, item, depth+1)
			}
			continue
		}
		c.add(file, v, depth+1)
	}
	c.extends(file, m, depth)
}

// extends follows `extends: name` or `extends: {file, service}`.
func (c *collector) extends(file string, m *yaml.Node, depth int) {
	_, ext := lookup(m, "extends")
	if ext == nil {
		return
	}
	target, base := file, ""
	switch ext.Kind {
	case yaml.ScalarNode:
		base = ext.Value
	case yaml.MappingNode:
		if _, f := lookup(ext, "file"); f != nil && f.Kind == yaml.ScalarNode {
			target = filepath.Join(filepath.Dir(file), f.Value)
		}
		if _, s := lookup(ext, "service"); s != nil {
			base = s.Value
		}
	}
	t := c.tree(target)
	if t == nil || base == "" {
		return
	}
	_, svc := t.service(base)
	c.add(t.name, svc, depth+1)
}

// tree returns the parsed file, reading it if it is not one of the loaded
// files; nil if it cannot be read or parsed.
func (c *collector) tree(name string) *tree {
	if t, ok := c.trees[name]; ok {
		return t
	}
	c.trees[name] = nil
	if c.read == nil {
		return nil
	}
	data, err := c.read(name)
	if err != nil {
		return nil
	}
	t, err := parseTree(name, data)
	if err != nil {
		return nil
	}
	c.trees[name] = t
	return t
}

// key returns where the setting at path (such as "logging", "driver") was
// written: the key in the first source that has it.
func (s sources) key(path ...string) (runspec.Pos, *yaml.Node) {
	for _, src := range s {
		m := src.m
		var k, v *yaml.Node
		for _, p := range path {
			k, v = lookup(m, p)
			m = v
		}
		if k != nil {
			return pos(src.file, k), v
		}
	}
	return runspec.Pos{}, nil
}

// item returns where the first list item under path that match accepts was
// written, searching every source: list settings are merged across files.
func (s sources) item(match func(*yaml.Node) bool, path ...string) runspec.Pos {
	for _, src := range s {
		m := src.m
		var v *yaml.Node
		for _, p := range path {
			_, v = lookup(m, p)
			m = v
		}
		v = deref(v)
		if v == nil {
			continue
		}
		switch v.Kind {
		case yaml.SequenceNode:
			for _, it := range v.Content {
				if match(deref(it)) {
					return pos(src.file, it)
				}
			}
		case yaml.MappingNode: // a map setting: match the keys
			for i := 0; i+1 < len(v.Content); i += 2 {
				if match(v.Content[i]) {
					return pos(src.file, v.Content[i])
				}
			}
		}
	}
	return runspec.Pos{}
}

// included adds the service's mapping from files the loaded files include
// (`include: [path]` or `include: [{path: ...}]`), one level deep per call
// and recursively through the included files' own includes.
func (c *collector) included(files []File, name string) {
	queue := make([]string, 0, len(files))
	for _, f := range files {
		queue = append(queue, f.Name)
	}
	visited := map[string]bool{}
	for len(queue) > 0 && len(visited) < 64 {
		file := queue[0]
		queue = queue[1:]
		if visited[file] {
			continue
		}
		visited[file] = true
		t := c.tree(file)
		if t == nil {
			continue
		}
		if file != files[0].Name && !isGiven(files, file) {
			_, m := t.service(name)
			c.add(t.name, m, 0)
		}
		_, inc := lookup(t.root, "include")
		if inc == nil || inc.Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range inc.Content {
			for _, p := range includePaths(deref(it)) {
				queue = append(queue, filepath.Join(filepath.Dir(file), p))
			}
		}
	}
}

func isGiven(files []File, name string) bool {
	for _, f := range files {
		if f.Name == name {
			return true
		}
	}
	return false
}

// includePaths reads one include entry: a path, or {path: p | [p...]}.
func includePaths(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	_, p := lookup(n, "path")
	switch {
	case p == nil:
		return nil
	case p.Kind == yaml.ScalarNode:
		return []string{p.Value}
	case p.Kind == yaml.SequenceNode:
		out := make([]string, 0, len(p.Content))
		for _, x := range p.Content {
			if x.Kind == yaml.ScalarNode {
				out = append(out, x.Value)
			}
		}
		return out
	}
	return nil
}
