// Package engine loads the Rego rules, compiles them once, and judges run
// specs and host facts with them.
//
// Rules live in packages rungate.rules.<id> (one per file, <id>.rego, with
// a package-scope # METADATA block) and produce results in a `deny` set:
//
//	deny contains {"msg": "...", "pos": m.pos} if { ... }
//
// A result is an object with a "msg" string and, optionally, "pos" (a
// {file, line, column} object, usually the pos of a derived item) or "field"
// (a key of the spec's Positions, such as "HostConfig.ReadonlyRootfs"), and
// "severity" when this finding is graver or lighter than the rule's
// metadata severity says (a profile or configuration that sets the rule's
// severity overrides it). A finding is placed at pos, else at the field's
// position, else at the spec's origin. Input describes the input document; policy data sits under
// data.rungate.policy.
package engine

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/rungate/rungate/internal/planvm"
)

// Options say where the rules and their data come from.
type Options struct {
	// Policies are the file systems to load rules from: the built-in rules
	// first, then each --policy directory (see Named). Every .rego file but
	// *_test.rego is loaded.
	Policies []fs.FS
	// Data are the file systems to load policy data from (.json, .yaml,
	// .yml), merged in order under data.rungate.policy: the built-in policy
	// first, then the user's.
	Data []fs.FS
	// DataOverrides are merged last, over Data.
	DataOverrides map[string]any
	// Strict compiles in OPA's strict mode (unused variables and imports,
	// deprecated built-ins are errors). The built-in rules pass it.
	Strict bool
	// Choose, when set, picks the rules that run and the severity their
	// findings carry. It is given the metadata of every loaded rule, sorted
	// by id, and returns the chosen ones (Severity set as they should
	// report). Rules it leaves out are neither compiled nor evaluated, so a
	// disabled rule costs nothing. An error stops New. Nil runs every rule
	// at its metadata severity.
	Choose func(all []Rule) ([]Rule, error)
	// Topdown evaluates with OPA's own evaluator rather than the rules'
	// plan on planvm: several times slower, the same findings (the tests
	// hold the two to that), for comparison and for debugging.
	Topdown bool
}

// Engine holds the compiled rules and the prepared query that runs them all.
// It is safe for concurrent use.
type Engine struct {
	rules map[string]Rule        // the rules that run, by package key under data.rungate.rules
	list  []Rule                 // the rules that run, sorted by id
	all   []Rule                 // every loaded rule at its metadata severity, sorted by id
	query rego.PreparedEvalQuery // when plan is nil
	// cache serves the policy data without a store read per evaluation.
	cache policyCache
	// encode turns an Input into the AST value the query reads.
	encoder *inputEncoder
	// plan runs the rules on planvm; nil runs them with the query, on
	// topdown (a policy planvm cannot run).
	plan *planned
}

// The one query: every result of every rule, with the rule's package key.
const (
	query     = "result := data.rungate.rules[pkg].deny[_]"
	varPkg    = "pkg"
	varResult = "result"
)

// New loads, checks and compiles the rules and prepares their query.
func New(ctx context.Context, opts Options) (*Engine, error) {
	modules, err := loadModules(opts.Policies, func(name string) bool { return !isTestFile(name) })
	if err != nil {
		return nil, err
	}
	rules, err := rulesOf(modules)
	if err != nil {
		return nil, err
	}
	all := sortedRules(rules)
	if opts.Choose != nil {
		if rules, err = choose(opts.Choose, all, rules, modules); err != nil {
			return nil, err
		}
	}
	data, err := loadData(opts.Data, opts.DataOverrides)
	if err != nil {
		return nil, err
	}
	cache, err := newPolicyCache(data)
	if err != nil {
		return nil, fmt.Errorf("load policy data: %w", err)
	}
	compiler, err := compile(modules, opts.Strict)
	if err != nil {
		return nil, err
	}
	// A policy the VM cannot run (a statement or built-in it lacks) runs on
	// topdown, with the query prepared only then.
	var plan *planned
	if !opts.Topdown {
		plan, err = planRules(ctx, compiler, rules, cache.value)
		if err != nil && !errors.Is(err, planvm.ErrUnsupported) {
			return nil, err
		}
	}
	var pq rego.PreparedEvalQuery
	if plan == nil {
		pq, err = rego.New(
			rego.Query(query),
			rego.Compiler(compiler),
			rego.Store(newStore(data)),
			rego.GenerateJSON(keepAST),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare query: %w", err)
		}
	}
	return &Engine{
		plan:    plan,
		rules:   rules,
		list:    sortedRules(rules),
		all:     all,
		query:   pq,
		cache:   cache,
		encoder: newEncoder(reflect.TypeFor[Input](), readPaths(compiler.Modules)),
	}, nil
}

// Evaluator names what evaluates the rules: "plan" (planvm) or "topdown"
// (OPA's evaluator, for a policy planvm cannot run, or Options.Topdown).
func (e *Engine) Evaluator() string {
	if e.plan != nil {
		return "plan"
	}
	return "topdown"
}

// Rules returns the rules that run, sorted by id, each with the severity
// its findings carry.
func (e *Engine) Rules() []Rule { return slices.Clone(e.list) }

// Catalogue returns every loaded rule, chosen or not, at its metadata
// severity, sorted by id.
func (e *Engine) Catalogue() []Rule { return slices.Clone(e.all) }

func sortedRules(rules map[string]Rule) []Rule {
	return slices.SortedFunc(maps.Values(rules), func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
}

// choose applies Options.Choose: it returns the chosen rules by package key
// and deletes the modules of the others, so they are never compiled. Helper
// libraries (packages outside rungate.rules) stay.
func choose(pick func([]Rule) ([]Rule, error), all []Rule, rules map[string]Rule, modules map[string]*ast.Module) (map[string]Rule, error) {
	chosen, err := pick(slices.Clone(all))
	if err != nil {
		return nil, err
	}
	byID := map[string]Rule{}
	for _, r := range chosen {
		if !r.Severity.Valid() {
			return nil, fmt.Errorf("choose rules: %s: invalid severity %v", r.ID, r.Severity)
		}
		byID[r.ID] = r
	}
	if len(byID) == 0 {
		// A gate with every rule off would pass everything.
		return nil, errors.New("choose rules: every rule is disabled")
	}
	out := map[string]Rule{}
	for key, r := range rules {
		c, ok := byID[r.ID]
		if !ok {
			continue
		}
		delete(byID, r.ID)
		// Only the severity is the chooser's to change; a changed one
		// holds for every finding of the rule.
		r.fixed = c.Severity != r.Severity
		r.Severity = c.Severity
		out[key] = r
	}
	if len(byID) > 0 {
		return nil, fmt.Errorf("choose rules: unknown rule %s", slices.Sorted(maps.Keys(byID))[0])
	}
	for file, m := range modules {
		if isRuleModule(m) {
			if _, ok := out[pkgKey(m.Package.Path)]; !ok {
				delete(modules, file)
			}
		}
	}
	return out, nil
}

// rulesOf reads the metadata of every rule module. It fails on zero rules:
// a gate with no rules would pass everything.
func rulesOf(modules map[string]*ast.Module) (map[string]Rule, error) {
	rules := map[string]Rule{}
	for _, file := range slices.Sorted(maps.Keys(modules)) {
		m := modules[file]
		if !isRuleModule(m) {
			continue
		}
		r, err := ruleFromModule(file, m)
		if err != nil {
			return nil, fmt.Errorf("load policy: %w", err)
		}
		key := pkgKey(m.Package.Path)
		if old, dup := rules[key]; dup {
			return nil, fmt.Errorf("load policy: rule %s is defined in %s and %s", r.ID, old.File, file)
		}
		rules[key] = r
	}
	if len(rules) == 0 {
		return nil, errors.New("load policy: no rules loaded")
	}
	return rules, nil
}

// compile compiles the modules once, type-checking every `input.` reference
// against the input schema, so that a misspelt field fails here rather than
// silently never matching.
func compile(modules map[string]*ast.Module, strict bool) (*ast.Compiler, error) {
	schemas, err := inputSchemaSet()
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler().
		WithSchemas(schemas).
		WithStrict(strict).
		WithEnablePrintStatements(false)
	if c.Compile(modules); c.Failed() {
		return nil, fmt.Errorf("compile policy: %w", c.Errors)
	}
	return c, nil
}

// newStore puts the policy data in an in-memory store that hands out AST
// values as they are, so that a read does not convert it again.
func newStore(data map[string]any) storage.Store {
	root := map[string]any{policyDataPath[0]: map[string]any{policyDataPath[1]: data}}
	return inmem.NewFromObjectWithOpts(root, inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
}
