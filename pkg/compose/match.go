package compose

import (
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
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

// portIndex maps each container port ("80/tcp") to the first ports item
// that publishes it, parsing every item once: a range such as "1-65535"
// expands to one entry per port, and matching each entry against every
// item again would be quadratic.
func (c *converter) portIndex() map[string]runspec.Pos {
	idx := map[string]runspec.Pos{}
	for _, src := range c.src {
		_, v := lookup(src.m, "ports")
		if v == nil || v.Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range v.Content {
			for _, key := range portKeys(deref(it)) {
				if _, ok := idx[key]; !ok {
					idx[key] = pos(src.file, it)
				}
			}
		}
	}
	return idx
}

// portKeys lists the container ports one item publishes, short or long
// syntax.
func portKeys(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		ps, err := types.ParsePortConfig(n.Value)
		if err != nil {
			return nil
		}
		out := make([]string, 0, len(ps))
		for _, p := range ps {
			proto := p.Protocol
			if proto == "" {
				proto = "tcp"
			}
			out = append(out, strconv.FormatUint(uint64(p.Target), 10)+"/"+proto)
		}
		return out
	case yaml.MappingNode:
		_, t := lookup(n, "target")
		if t == nil {
			return nil
		}
		proto := "tcp"
		if _, pr := lookup(n, "protocol"); pr != nil && pr.Value != "" {
			proto = pr.Value
		}
		return []string{t.Value + "/" + proto}
	}
	return nil
}

// pathPrefix matches PATH or PATH:options (tmpfs, devices).
func pathPrefix(path string) func(*yaml.Node) bool {
	return func(n *yaml.Node) bool {
		return n.Kind == yaml.ScalarNode && (n.Value == path || strings.HasPrefix(n.Value, path+":"))
	}
}
