package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// inputPaths is the part of the input document that the loaded rules can
// read: a tree of object keys, where all marks a subtree read as a whole.
// The engine encodes only these parts: the five built-in rules read a
// handful of the create body's hundred fields, and encoding the rest cost
// more than evaluating them. A rule cannot tell: every path it names, and
// everything below a value it takes whole or indexes with a variable, is
// there.
type inputPaths struct {
	all  bool
	kids map[string]*inputPaths
}

// readPaths collects the input paths that the compiled modules reference.
func readPaths(modules map[string]*ast.Module) *inputPaths {
	root := &inputPaths{}
	for _, m := range modules {
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if r.HasPrefix(ast.InputRootRef) {
				root.add(r[1:])
			}
			return false
		})
	}
	return root
}

// add records one reference below input. The reference is followed while
// its terms are constant strings; a variable or a number (an array index)
// takes the whole subtree from there, as does the end of the reference,
// since the value there is taken whole.
func (p *inputPaths) add(r ast.Ref) {
	node := p
	for _, t := range r {
		if node.all {
			return
		}
		key, ok := t.Value.(ast.String)
		if !ok {
			break
		}
		if node.kids == nil {
			node.kids = map[string]*inputPaths{}
		}
		next, ok := node.kids[string(key)]
		if !ok {
			next = &inputPaths{}
			node.kids[string(key)] = next
		}
		node = next
	}
	node.all, node.kids = true, nil
}

// kid returns the tree below key, or nil when no rule reads it.
func (p *inputPaths) kid(key string) *inputPaths {
	if p.all {
		return p
	}
	return p.kids[key]
}
