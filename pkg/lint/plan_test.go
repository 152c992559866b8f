package lint

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rungate/rungate/pkg/compose"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// The built-in rules run on planvm, from OPA's plan of them. These tests
// hold it to OPA's own evaluator: on every input of the catalogue tables,
// the fixture repository and the rules' examples, both give the same
// findings, to the message and the position.

// enginePair is the built-in catalogue on planvm and on topdown.
type enginePair struct{ plan, topdown *engine.Engine }

func newEnginePair(t *testing.T) enginePair {
	t.Helper()
	var p enginePair
	for _, top := range []bool{false, true} {
		e, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}, Topdown: top})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{false: "plan", true: "topdown"}[top]; e.Evaluator() != want {
			t.Fatalf("the built-in rules are evaluated by %s, want %s", e.Evaluator(), want)
		}
		if top {
			p.topdown = e
		} else {
			p.plan = e
		}
	}
	return p
}

// sameFindings fails when the two evaluators disagree.
func sameFindings(t *testing.T, what string, plan, topdown []engine.Finding) {
	t.Helper()
	if !reflect.DeepEqual(plan, topdown) {
		t.Errorf("%s: planvm and topdown disagree\nplanvm:  %v\ntopdown: %v", what, plan, topdown)
	}
}

// sameResults lints with both engines through lint and compares.
func (p enginePair) sameResults(t *testing.T, what string, r *Runner, lint func(r *Runner) (Result, error)) {
	t.Helper()
	var got [2][]engine.Finding
	for i, e := range []*engine.Engine{p.plan, p.topdown} {
		rr := *r
		rr.Engine = e
		res, err := lint(&rr)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		got[i] = res.Findings
	}
	sameFindings(t, what, got[0], got[1])
}

func TestPlanMatchesTopdown(t *testing.T) {
	p := newEnginePair(t)
	ctx := t.Context()
	base := &Runner{Daemon: runspec.DefaultDaemon(), WorkDir: "/work", ReadFile: readEnvFile}
	n := 0
	for _, row := range resourceRows {
		r := *base
		if row.daemon != nil {
			r.Daemon = *row.daemon
		}
		p.sameResults(t, row.name(), &r, func(r *Runner) (Result, error) { return row.lint(t, r), nil })
		n++
	}
	for _, row := range securityRows {
		r := *base
		if row.daemon != nil {
			r.Daemon = *row.daemon
		}
		r.Engine = p.plan
		_, spec := row.lint(t, &r)
		if spec == nil {
			continue
		}
		var got [2][]engine.Finding
		for i, e := range []*engine.Engine{p.plan, p.topdown} {
			fs, err := e.Evaluate(ctx, spec, r.Daemon)
			if err != nil {
				t.Fatalf("%s: %v", row.name(), err)
			}
			got[i] = fs
		}
		sameFindings(t, row.name(), got[0], got[1])
		n++
	}
	for _, rule := range p.plan.Catalogue() {
		for _, text := range []string{rule.Examples.Bad, rule.Examples.Good} {
			var got [2][]engine.Finding
			for i, e := range []*engine.Engine{p.plan, p.topdown} {
				r := *base
				r.Engine = e
				_, fs, err := r.Example(ctx, rule.ID, text)
				if err != nil {
					// TestRuleExamples reports a broken example; host
					// examples need facts this runner has not.
					continue
				}
				got[i] = fs
			}
			sameFindings(t, rule.ID+" example "+text, got[0], got[1])
			n++
		}
	}
	err := filepath.WalkDir("testdata/files", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		p.sameResults(t, name, base, func(r *Runner) (Result, error) {
			return r.File(ctx, name, data, scan.Classify(name, data))
		})
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var cfs []compose.File
	for _, name := range []string{"testdata/compose/compose.yaml", "testdata/compose/compose.override.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		cfs = append(cfs, compose.File{Name: name, Data: data})
	}
	p.sameResults(t, "fixture compose project", base, func(r *Runner) (Result, error) { return r.Compose(ctx, cfs...) })
	t.Logf("planvm and topdown compared on %d inputs", n+1)
}
