package inspect

import (
	"bytes"

	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

// objectNodes reads data (JSON is YAML) for the positions of the
// container objects. Tabs, legal blanks in JSON but not in YAML
// indentation, are read as spaces, which keeps every column. Positions are
// a nicety: JSON that YAML cannot read gives none.
func objectNodes(data []byte) []*yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(bytes.ReplaceAll(data, []byte("\t"), []byte(" ")), &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	switch root.Kind {
	case yaml.SequenceNode:
		return root.Content
	case yaml.MappingNode:
		return []*yaml.Node{root}
	}
	return nil
}

// maxDepth bounds how deep positions are recorded: HostConfig.LogConfig.Config
// is the deepest key rules read.
const maxDepth = 2

// positions records where each key under n is written, as the field key
// prefix.key, and each list item and map key as a value key of prefix.key.
func positions(s *runspec.Spec, prefix string, n *yaml.Node, depth int) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + "." + k.Value
		file := s.Origin.File
		s.SetPos(runspec.FieldKey(key), at(file, k))
		s.SetPos(runspec.ValueKey(prefix, k.Value), at(file, k))
		switch v.Kind {
		case yaml.SequenceNode:
			for _, item := range v.Content {
				if item.Kind == yaml.ScalarNode {
					s.SetPos(runspec.ValueKey(key, item.Value), at(file, item))
				}
			}
		case yaml.MappingNode:
			if depth < maxDepth {
				positions(s, key, v, depth+1)
			}
		}
	}
}

// child returns the value of key in mapping n.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func at(file string, n *yaml.Node) runspec.Pos {
	return runspec.Pos{File: file, Line: n.Line, Column: n.Column}
}
