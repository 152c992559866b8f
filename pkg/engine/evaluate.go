package engine

import (
	"context"
	"fmt"
	"reflect"

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

// EvaluateHost judges the host's facts with every rule.
func (e *Engine) EvaluateHost(ctx context.Context, host runspec.Host) ([]Finding, error) {
	return e.eval(ctx, HostInput(host), func(string) runspec.Pos { return host.DockerGroup.Pos })
}

// eval runs the prepared query on one input. fallback places a result that
// carries no position of its own, given its "field" ("" when none).
func (e *Engine) eval(ctx context.Context, in Input, fallback func(field string) runspec.Pos) ([]Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	v, err := e.encode(reflect.ValueOf(in))
	if err != nil {
		return nil, fmt.Errorf("convert input: %w", err)
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
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	findings := make([]Finding, 0, len(rs))
	for _, r := range rs {
		key, _ := r.Bindings[varPkg].(string)
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

// finding turns one deny result into a finding. A bare string result is
// taken as its message, as conftest does.
func (r Rule) finding(result any, fallback func(field string) runspec.Pos) (Finding, error) {
	f := Finding{Rule: r.ID, Severity: r.Severity, Title: r.Title, Remediation: r.Remediation}
	switch res := result.(type) {
	case string:
		f.Message, f.Pos = res, fallback("")
		return f, nil
	case map[string]any:
		msg, ok := res["msg"].(string)
		if !ok || msg == "" {
			return f, fmt.Errorf("result %v has no \"msg\" string", res)
		}
		f.Message = msg
		field, _ := res["field"].(string)
		f.Pos = fallback(field)
		if p, ok := res["pos"].(map[string]any); ok {
			if pos := posOf(p); pos.Known() {
				f.Pos = pos
			}
		}
		return f, nil
	}
	return f, fmt.Errorf("result %v is neither an object nor a string", result)
}

// posOf reads a {file, line, column} object; the numbers arrive as JSON
// numbers.
func posOf(p map[string]any) runspec.Pos {
	var pos runspec.Pos
	pos.File, _ = p["file"].(string)
	pos.Line = intOf(p["line"])
	pos.Column = intOf(p["column"])
	return pos
}

func intOf(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case interface{ Int64() (int64, error) }: // json.Number
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}
