package engine_test

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

// TestChoose: Options.Choose decides which rules are compiled and
// evaluated, and the severity their findings carry.
func TestChoose(t *testing.T) {
	files := map[string]string{
		"always-a.rego": header("always-a") + "deny contains \"a\" if true\n",
		"always-b.rego": header("always-b") + "deny contains \"b\" if true\n",
		// Does not compile: choosing it out must keep it from the compiler.
		"broken.rego": header("broken") + "deny contains x if {\n\tx := undefined_fn(1)\n}\n",
		"lib.rego":    "package rungate.lib.extra\n\nx := 1\n",
	}
	keep := func(ids ...string) func([]engine.Rule) ([]engine.Rule, error) {
		return func(all []engine.Rule) ([]engine.Rule, error) {
			var out []engine.Rule
			for _, r := range all {
				if slices.Contains(ids, r.ID) {
					out = append(out, r)
				}
			}
			return out, nil
		}
	}
	tests := []struct {
		name    string
		choose  func([]engine.Rule) ([]engine.Rule, error)
		want    []string // findings' rule:severity
		wantErr string
	}{
		{name: "nil compiles every rule", wantErr: "undefined function undefined_fn"},
		{name: "one rule", choose: keep("always-b"), want: []string{"always-b:low"}},
		{name: "two rules", choose: keep("always-a", "always-b"), want: []string{"always-a:low", "always-b:low"}},
		{
			name: "severity raised",
			choose: func(all []engine.Rule) ([]engine.Rule, error) {
				out, _ := keep("always-a")(all)
				out[0].Severity = engine.Critical
				return out, nil
			},
			want: []string{"always-a:critical"},
		},
		{name: "none", choose: keep(), wantErr: "every rule is disabled"},
		{
			name: "unknown id",
			choose: func([]engine.Rule) ([]engine.Rule, error) {
				return []engine.Rule{{ID: "nope", Severity: engine.Low}}, nil
			},
			wantErr: "unknown rule nope",
		},
		{
			name:    "chooser error",
			choose:  func([]engine.Rule) ([]engine.Rule, error) { return nil, errors.New("profile says no") },
			wantErr: "profile says no",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := engine.Options{Policies: []fs.FS{mapFS(files)}, Choose: tc.choose}
			e, err := engine.New(context.Background(), opts)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			spec := runspec.New(runspec.KindDockerRun, origin)
			spec.Create = container.CreateRequest{Config: &container.Config{Image: "alpine"}, HostConfig: &container.HostConfig{}}
			fs, err := e.Evaluate(context.Background(), spec, runspec.DefaultDaemon())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule+":"+f.Severity.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
			var ran []string
			for _, r := range e.Rules() {
				ran = append(ran, r.ID+":"+r.Severity.String())
			}
			if !slices.Equal(ran, tc.want) {
				t.Errorf("Rules() %v, want %v", ran, tc.want)
			}
			if n := len(e.Catalogue()); n != 3 {
				t.Errorf("Catalogue() has %d rules, want all 3", n)
			}
			for _, r := range e.Catalogue() {
				if r.Severity != engine.Low {
					t.Errorf("Catalogue() %s at %s, want its metadata severity", r.ID, r.Severity)
				}
			}
		})
	}
}

// BenchmarkEvaluateChosen evaluates the realistic spec with only two rules
// chosen: compare with BenchmarkEvaluate (every rule) to see that the
// rules left out cost nothing.
func BenchmarkEvaluateChosen(b *testing.B) {
	opts := builtin()
	opts.Choose = func(all []engine.Rule) ([]engine.Rule, error) {
		var out []engine.Rule
		for _, r := range all {
			if r.ID == "privileged" || r.ID == "host-root-mount" {
				out = append(out, r)
			}
		}
		return out, nil
	}
	e, err := engine.New(b.Context(), opts)
	if err != nil {
		b.Fatal(err)
	}
	s, d := realistic(), runspec.DefaultDaemon()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Evaluate(b.Context(), s, d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestResultSeverity: a result's "severity" is its finding's, unless a
// chooser (a profile, the configuration) set the rule's severity; a name
// that is no severity is an evaluation error.
func TestResultSeverity(t *testing.T) {
	files := map[string]string{
		"graded.rego": header("graded") + `deny contains {"msg": "grave", "severity": "critical"} if true

deny contains {"msg": "light", "severity": "info"} if true

deny contains {"msg": "plain"} if true
`,
	}
	raise := func(all []engine.Rule) ([]engine.Rule, error) {
		all[0].Severity = engine.High
		return all, nil
	}
	for _, tc := range []struct {
		name   string
		choose func([]engine.Rule) ([]engine.Rule, error)
		want   []string
	}{
		{"per result", nil, []string{"grave:critical", "light:info", "plain:low"}},
		{"set by a profile", raise, []string{"grave:high", "light:high", "plain:high"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{mapFS(files)}, Choose: tc.choose})
			if err != nil {
				t.Fatal(err)
			}
			spec := runspec.New(runspec.KindDockerRun, origin)
			fs, err := e.Evaluate(context.Background(), spec, runspec.DefaultDaemon())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.Message+":"+f.Severity.String())
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
		})
	}
	bad := map[string]string{"bad.rego": header("bad") + `deny contains {"msg": "m", "severity": "severe"} if true` + "\n"}
	e, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{mapFS(bad)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Evaluate(context.Background(), runspec.New(runspec.KindDockerRun, origin), runspec.DefaultDaemon()); err == nil || !strings.Contains(err.Error(), "severity") {
		t.Errorf("error %v, want one about the severity", err)
	}
}
