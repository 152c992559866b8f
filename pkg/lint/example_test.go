package lint_test

import (
	"context"
	"io/fs"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/host"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// TestRuleExamples: every rule carries a bad and a good example, and
// through the real parsers and engine the bad one makes the rule fire and
// the good one does not. `rungate rules ID` shows the same check.
func TestRuleExamples(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	wd := "/home/dev/app"
	runner := &lint.Runner{Engine: eng, Daemon: runspec.DefaultDaemon(), WorkDir: wd, Env: scan.Env{"PWD": wd, "HOME": "/home/dev"}, HostFacts: host.ExampleFacts}
	for _, r := range eng.Catalogue() {
		t.Run(r.ID, func(t *testing.T) {
			if r.Examples.Bad == "" || r.Examples.Good == "" {
				t.Fatalf("%s: metadata has no custom.examples.bad and .good (a one-line docker run each)", r.File)
			}
			for _, tc := range []struct {
				kind, text string
				want       bool
			}{{"bad", r.Examples.Bad, true}, {"good", r.Examples.Good, false}} {
				fired, findings, err := runner.Example(t.Context(), r.ID, tc.text)
				if err != nil {
					t.Errorf("%s example: %v", tc.kind, err)
					continue
				}
				if fired != tc.want {
					t.Errorf("%s example %q: rule fired = %v, want %v (findings: %v)", tc.kind, tc.text, fired, tc.want, ids(findings))
				}
			}
		})
	}
}

// TestExampleInputs: an example is a docker run line or a compose file;
// one that does not parse or holds no container is an error.
func TestExampleInputs(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	runner := &lint.Runner{Engine: eng, Daemon: runspec.DefaultDaemon(), WorkDir: "/", Env: scan.Env{}}
	// A host example: facts of a docker group member fire
	// docker-group-member through EvaluateHost.
	runner.HostFacts = func(text string) (runspec.Host, bool, error) {
		if text != "{daemon}" {
			return runspec.Host{}, false, nil
		}
		var h runspec.Host
		h.DockerGroup.Found = true
		h.DockerGroup.Members = []runspec.GroupMember{{User: "alice", Via: "member"}}
		return h, true, nil
	}
	for _, tc := range []struct {
		name, text, rule string
		fired, err       bool
	}{
		{name: "docker run", text: "docker run --privileged alpine", fired: true},
		{name: "compose", text: "services:\n  app:\n    image: alpine\n    privileged: true\n", fired: true},
		{name: "compose, safe", text: "services:\n  app:\n    image: alpine\n"},
		{name: "bad flag", text: "docker run --privilegd alpine", err: true},
		{name: "no container", text: "echo hello", err: true},
		{name: "host facts", text: "{daemon}", rule: "docker-group-member", fired: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rule := tc.rule
			if rule == "" {
				rule = "privileged"
			}
			fired, _, err := runner.Example(t.Context(), rule, tc.text)
			if (err != nil) != tc.err || fired != tc.fired {
				t.Errorf("fired %v, error %v; want fired %v, error %v", fired, err, tc.fired, tc.err)
			}
		})
	}
}

func ids(fs []engine.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule
	}
	return out
}
