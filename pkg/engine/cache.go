package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// policyCache serves the policy data to the evaluator from one AST value
// converted when the engine is made. Without it every evaluation reads the
// store and caches what it read afresh, which cost more than some rules.
// The data never changes after New, so the cache is read-only and shared by
// concurrent evaluations.
type policyCache struct {
	root  ast.Ref
	value ast.Value
}

func newPolicyCache(data map[string]any) (policyCache, error) {
	v, err := ast.InterfaceToValue(data)
	if err != nil {
		return policyCache{}, err
	}
	root := ast.DefaultRootRef.Copy()
	for _, k := range policyDataPath {
		root = root.Append(ast.InternedTerm(k))
	}
	return policyCache{root: root, value: v}, nil
}

// Get returns the value at ref when it lies within the policy data; other
// references, and absent keys, go to the store as usual.
func (c policyCache) Get(ref ast.Ref) ast.Value {
	if len(ref) < len(c.root) || !ref[:len(c.root)].Equal(c.root) {
		return nil
	}
	v, err := c.value.Find(ref[len(c.root):])
	if err != nil {
		return nil
	}
	return v
}

// Put drops what the evaluator read from the store: the cache is shared.
func (policyCache) Put(ast.Ref, ast.Value) {}
