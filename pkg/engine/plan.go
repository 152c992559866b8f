package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rungate/rungate/internal/planvm"
)

// The rules run on planvm, from the plan OPA's planner makes of them. The
// planner is internal to OPA; a rego "target plugin" is the public way to
// be handed its output, so rungate registers one that only keeps the plan.

const planTarget = "rungate-plan"

// planSink is where the target plugin leaves the plan of one preparation,
// passed through the context the preparation runs with.
type planSink struct{ policy *ir.Policy }

type planSinkKey struct{}

type planCapture struct{}

func (planCapture) IsTarget(t string) bool { return t == planTarget }

func (planCapture) PrepareForEval(ctx context.Context, p *ir.Policy, _ ...rego.PrepareOption) (rego.TargetPluginEval, error) {
	sink, ok := ctx.Value(planSinkKey{}).(*planSink)
	if !ok {
		return nil, errors.New("rungate-plan target used outside engine.New")
	}
	sink.policy = p
	return planCapture{}, nil
}

func (planCapture) Eval(context.Context, *rego.EvalContext, ast.Value) (ast.Value, error) {
	return nil, errors.New("rungate-plan target only plans")
}

// registerPlanTarget registers the plugin once per process: OPA keeps
// target plugins in a registry of its own.
var registerPlanTarget = sync.OnceFunc(func() { rego.RegisterPlugin(planTarget, planCapture{}) })

// planned is the rules' plan loaded in the VM, with each rule's deny set.
type planned struct {
	vm    *planvm.VM
	rules []plannedRule // sorted by package key
	data  ast.Value
}

type plannedRule struct {
	rule Rule
	deny planvm.Func
}

// planRules plans the deny set of every rule, by package key, compiled by compiler,
// and loads the plan. Preparing a plan switches the compiler to OPA's IR
// evaluation mode; it is switched back, for a topdown query prepared after.
func planRules(ctx context.Context, compiler *ast.Compiler, byKey map[string]Rule, data ast.Value) (*planned, error) {
	registerPlanTarget()
	keys := slices.Sorted(maps.Keys(byKey))
	refs := make([]string, len(keys))
	for i, k := range keys {
		refs[i] = "data.rungate.rules." + k + ".deny"
	}
	sink := &planSink{}
	_, err := rego.New(
		rego.Query("x := ["+strings.Join(refs, ", ")+"]"),
		rego.Compiler(compiler),
		rego.Target(planTarget),
	).PrepareForEval(context.WithValue(ctx, planSinkKey{}, sink))
	compiler.WithEvalMode(ast.EvalModeTopdown)
	if err != nil {
		return nil, fmt.Errorf("plan rules: %w", err)
	}
	if sink.policy == nil {
		return nil, errors.New("plan rules: the planner gave no plan")
	}
	vm, err := planvm.New(sink.policy)
	if err != nil {
		return nil, fmt.Errorf("plan rules: %w", err)
	}
	rules := make([]plannedRule, len(keys))
	for i, k := range keys {
		f, err := vm.Func("g0.data.rungate.rules." + k + ".deny")
		if err != nil {
			return nil, fmt.Errorf("plan rules: rule package %s: %w", k, err)
		}
		rules[i] = plannedRule{rule: byKey[k], deny: f}
	}
	root := ast.NewObject(ast.Item(ast.InternedTerm(policyDataPath[0]), ast.NewTerm(ast.NewObject(
		ast.Item(ast.InternedTerm(policyDataPath[1]), ast.NewTerm(data))))))
	return &planned{vm: vm, rules: rules, data: root}, nil
}
