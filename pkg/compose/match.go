package compose

import (
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"go.yaml.in/yaml/v3"
)

// Matchers find the list item that produced a value. Items are matched by
// content, not index: compose merges lists across files and expands port
// ranges, so indexes in the result do not line up with any one file.

// scalarIs matches an item whose text, normalized by norm, is want.
func scalarIs(want string, norm func(string) string) func(*yaml.Node) bool {
	return func(n *yaml.Node) bool {
		return n.Kind == yaml.ScalarNode && norm(n.Value) == want
	}
}

func same(s string) string { return s }

// scalarPrefix matches NAME or NAME=... (environment, sysctls in list
// form) and a map key NAME.
func scalarPrefix(name string) func(*yaml.Node) bool {
	return func(n *yaml.Node) bool {
		return n.Kind == yaml.ScalarNode && (n.Value == name || strings.HasPrefix(n.Value, name+"="))
	}
}

// volumeTarget matches a volume, short or long syntax, by its target.
func volumeTarget(target string) func(*yaml.Node) bool {
	return func(n *yaml.Node) bool {
		switch n.Kind {
		case yaml.ScalarNode:
			v, err := format.ParseVolume(n.Value)
			return err == nil && v.Target == target
		case yaml.MappingNode:
			_, t := lookup(n, "target")
			return t != nil && t.Value == target
		}
		return false
	}
}

// pathPrefix matches PATH or PATH:options (tmpfs, devices).
func pathPrefix(path string) func(*yaml.Node) bool {
	return func(n *yaml.Node) bool {
		return n.Kind == yaml.ScalarNode && (n.Value == path || strings.HasPrefix(n.Value, path+":"))
	}
}

// deviceSource matches a device, short syntax (PATH or PATH:...) or long
// syntax (`source: PATH`), by its host path.
func deviceSource(path string) func(*yaml.Node) bool {
	short := pathPrefix(path)
	return func(n *yaml.Node) bool {
		if n.Kind == yaml.MappingNode {
			_, src := lookup(n, "source")
			return src != nil && src.Value == path
		}
		return short(n)
	}
}
