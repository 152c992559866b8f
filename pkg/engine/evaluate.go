package engine

import (
	"context"
	"fmt"
	"reflect"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/rungate/rungate/pkg/runspec"
)

// Evaluate judges one container spec with every rule. daemon is what the
// daemon's configuration sets; pass runspec.DefaultDaemon() when unknown.
func (e *Engine) Evaluate(ctx context.Context, spec *runspec.Spec, daemon runspec.Daemon) ([]Finding, error) {
	return e.eval(ctx, SpecInput(spec, daemon), func(field string) runspec.Pos {
		if field == "" {
			return spec.Origin
		}
		return spec.PosOf(field)
	})
}

// EvaluateHost judges the host's facts with every rule. A result's "field"
// names the host file it is about (a daemon.json that is not there, a
// socket), which has no line to point at; with neither pos nor field, a
// finding is placed at the docker group's entry.
func (e *Engine) EvaluateHost(ctx context.Context, host runspec.Host) ([]Finding, error) {
	return e.eval(ctx, HostInput(host), func(file string) runspec.Pos {
		if file != "" {
			return runspec.Pos{File: file}
		}
		return host.DockerGroup.Pos
	})
}

// eval judges one input with every rule, on the plan or, for a policy that
// is not planned, with the prepared query. fallback places a result that
// carries no position of its own, given its "field" ("" when none).
func (e *Engine) eval(ctx context.Context, in Input, fallback func(field string) runspec.Pos) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	v, st, err := e.encoder.encode(reflect.ValueOf(in))
	// The input's terms are reused once the findings, which copy what they
	// keep, are read.
	defer e.encoder.release(st)
	if err != nil {
		return nil, fmt.Errorf("convert input: %w", err)
	}
	if e.plan != nil {
		return e.evalPlan(ctx, v.Value, fallback)
	}
	// Cancel through a callback on ctx rather than the goroutine rego would
	// start for each evaluation, and keep no metrics: both cost more than
	// some rules.
	cancel := topdown.NewCancel()
	stop := context.AfterFunc(ctx, cancel.Cancel)
	defer stop()
	rs, err := e.query.Eval(ctx,
		rego.EvalParsedInput(v.Value),
		rego.EvalExternalCancel(cancel),
		rego.EvalMetrics(metrics.NoOp()),
		rego.EvalBaseCache(e.cache),
	)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			// Let callers tell a timeout from a broken policy.
			return nil, fmt.Errorf("evaluate: %w", ctxErr)
		}
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	findings := make([]Finding, 0, len(rs))
	for _, r := range rs {
		key := stringOf(r.Bindings[varPkg])
		rule, ok := e.rules[key]
		if !ok {
			// A helper package under rungate.rules with a deny set but no
			// metadata cannot be loaded, so this is a bug.
			return nil, fmt.Errorf("evaluate: result from unknown rule package %q", key)
		}
		f, err := rule.finding(r.Bindings[varResult], fallback)
		if err != nil {
			return nil, fmt.Errorf("evaluate: rule %s: %w", rule.ID, err)
		}
		findings = append(findings, f)
	}
	sortFindings(findings)
	return findings, nil
}

// evalPlan runs every rule's deny set on the VM.
func (e *Engine) evalPlan(ctx context.Context, input ast.Value, fallback func(field string) runspec.Pos) ([]Finding, error) {
	ev := e.plan.vm.NewEval(ctx, input, e.plan.data)
	defer ev.Release()
	findings := []Finding{}
	for _, pr := range e.plan.rules {
		rule := pr.rule
		v, ok, err := ev.Call(pr.deny)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, fmt.Errorf("evaluate: %w", ctxErr)
			}
			return nil, fmt.Errorf("evaluate: rule %s: %w", rule.ID, err)
		}
		set, _ := v.(ast.Set)
		if !ok || set == nil {
			return nil, fmt.Errorf("evaluate: rule %s: deny is not a set", rule.ID)
		}
		if set.Len() == 0 {
			continue
		}
		for _, t := range set.Slice() {
			f, err := rule.finding(t, fallback)
			if err != nil {
				return nil, fmt.Errorf("evaluate: rule %s: %w", rule.ID, err)
			}
			findings = append(findings, f)
		}
	}
	sortFindings(findings)
	return findings, nil
}
