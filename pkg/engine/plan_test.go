package engine_test

import (
	"context"
	"errors"
	"io/fs"
	"reflect"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
)

// planSpecs are the specs the evaluators are compared on.
func planSpecs() map[string]*runspec.Spec {
	return map[string]*runspec.Spec{
		"realistic": realistic(),
		"hardened":  hardened(),
		"seed":      dockerRun(container.HostConfig{}, "/repo/web_base:/var/www/html"),
		"root":      dockerRun(container.HostConfig{Privileged: true}, "/:/host", "/var/run/docker.sock:/var/run/docker.sock"),
	}
}

// evaluators returns an engine for opts on planvm (or on topdown, where
// the policy falls back) and one forced onto topdown, in that order.
func evaluators(tb testing.TB, opts engine.Options) [2]*engine.Engine {
	tb.Helper()
	var out [2]*engine.Engine
	for i, top := range []bool{false, true} {
		opts.Topdown = top
		e, err := engine.New(context.Background(), opts)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = e
	}
	return out
}

// sameFindings fails when the two evaluators disagree on one input.
func sameFindings(tb testing.TB, what string, plan, topdown []engine.Finding) {
	tb.Helper()
	if !reflect.DeepEqual(plan, topdown) {
		tb.Errorf("%s: planvm and topdown disagree\nplanvm:  %v\ntopdown: %v", what, plan, topdown)
	}
}

// TestPlanLanguage holds planvm to topdown on the parts of Rego a custom
// rule may use: each rule below runs on both, on several specs, and the
// findings must be equal. A rule planvm cannot run makes the engine fall
// back to topdown, which the case says.
func TestPlanLanguage(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		topdown bool // the engine falls back to topdown
	}{
		{name: "iteration and sprintf", body: `deny contains sprintf("%s at %s %v", [m.type, m.target, m.read_only]) if {
	some m in input.derived.mounts
}`},
		{name: "else chain", body: `deny contains level(count(input.derived.mounts)) if true

level(n) := "none" if n == 0
else := "one" if n == 1
else := "few" if n < 4
else := "many"`},
		{name: "negation", body: `deny contains m.target if {
	some m in input.derived.mounts
	not m.read_only
	not startswith(m.target, "/run")
}`},
		{name: "every", body: `deny contains "no mount targets /etc" if {
	every m in input.derived.mounts {
		not startswith(m.target, "/etc")
	}
}

deny contains "every bind is read-only" if {
	every m in input.derived.mounts {
		m.type == "bind"
		m.read_only
	}
}`},
		{name: "comprehensions", body: `deny contains msg if {
	targets := [m.target | some m in input.derived.mounts]
	kinds := {m.type | some m in input.derived.mounts}
	by := {m.target: m.type | some m in input.derived.mounts}
	msg := sprintf("%v %v %v %d", [targets, sort(kinds), by, count(by)])
}`},
		{name: "object rule and lookup", body: `kinds[m.target] := m.type if some m in input.derived.mounts

deny contains sprintf("%s is %s", [k, v]) if some k, v in kinds`},
		{name: "set rule and membership", body: `binds contains m.target if {
	some m in input.derived.mounts
	m.type == "bind"
}

deny contains t if {
	some t in binds
	not t in {"/var/lib/app"}
}`},
		{name: "default and complete rules", body: `default mode := "none"

mode := input.create.HostConfig.NetworkMode if input.create.HostConfig.NetworkMode != ""

deny contains sprintf("mode %s, privileged %v", [mode, object.get(input.create.HostConfig, "Privileged", false)])`},
		{name: "strings and numbers", body: `deny contains msg if {
	img := input.create.Image
	parts := split(img, ":")
	n := count(input.create.Env) * 2 + 1
	msg := sprintf("%s|%d|%s|%v|%s", [upper(parts[0]), n, concat(",", sort(input.create.Env)), n > 3, trim_space(" x ")])
}`},
		{name: "regex and glob", body: `deny contains m.target if {
	some m in input.derived.mounts
	regex.match("^/var/(www|log)", m.target)
	glob.match("/var/**", ["/"], m.target)
}`},
		{name: "walk and json", body: `deny contains json.marshal(p) if {
	walk(input.derived.capabilities, [p, v])
	v == "ALL"
}`},
		{name: "arrays by index", body: `deny contains sprintf("%s %s", [input.create.Env[0], input.create.Env[count(input.create.Env)-1]]) if count(input.create.Env) > 0`},
		{name: "data", body: `deny contains sprintf("%d sockets", [count(data.rungate.policy.runtime_sockets.sockets)]) if true`},
		{name: "undefined built-in result", body: `deny contains "never" if {
	x := to_number("not a number")
	x > 0
}

deny contains "caught" if not to_number("nope")`},
		{name: "print is left out on both", body: `deny contains "x" if {
	print("hello")
}`},
		{name: "clock falls back", topdown: true, body: `deny contains "x" if time.now_ns() > 0`},
	}
	specs := planSpecs()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := mapFS(map[string]string{"r.rego": header("r") + "\n" + tc.body + "\n"})
			var got [2]map[string][]engine.Finding
			for i, e := range evaluators(t, engine.Options{Policies: []fs.FS{files}, Data: []fs.FS{policy.FS}}) {
				if want := map[bool]string{false: "plan", true: "topdown"}[i == 1 || tc.topdown]; e.Evaluator() != want {
					t.Fatalf("evaluator %s, want %s", e.Evaluator(), want)
				}
				got[i] = map[string][]engine.Finding{}
				for name, s := range specs {
					fs, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					got[i][name] = fs
				}
			}
			fired := 0
			for name := range specs {
				sameFindings(t, name, got[0][name], got[1][name])
				fired += len(got[1][name])
			}
			if fired == 0 && tc.name != "undefined built-in result" {
				t.Errorf("the rule fires on no spec: the case compares nothing")
			}
		})
	}
}

// TestPlanConflict: a complete rule with two values is an error on both
// evaluators, never a finding or a silent pass.
func TestPlanConflict(t *testing.T) {
	body := `x := 1 if true

x := 2 if true

deny contains "x" if x`
	files := mapFS(map[string]string{"r.rego": header("r") + "\n" + body + "\n"})
	for _, e := range evaluators(t, engine.Options{Policies: []fs.FS{files}}) {
		if fs, err := e.Evaluate(t.Context(), realistic(), runspec.DefaultDaemon()); err == nil {
			t.Errorf("%s: no error, findings %v", e.Evaluator(), fs)
		}
	}
}

// TestPlanDeadline: a built-in that loops (numbers.range) stops at the
// deadline on both evaluators.
func TestPlanDeadline(t *testing.T) {
	slow := header("slow") + "deny contains \"x\" if {\n\tsome i in numbers.range(1, 100000000)\n\ti < 0\n}\n"
	for _, e := range evaluators(t, engine.Options{Policies: []fs.FS{mapFS(map[string]string{"slow.rego": slow})}}) {
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		_, err := e.Evaluate(ctx, runspec.New(runspec.KindAuthz, runspec.Pos{}), runspec.DefaultDaemon())
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: error = %v, want the deadline", e.Evaluator(), err)
		}
	}
}

// TestPlanHost: the host rules agree on both evaluators, on a host that
// fails every check and on one that passes them.
func TestPlanHost(t *testing.T) {
	var bad runspec.Host
	bad.DockerGroup.Found = true
	bad.DockerGroup.Members = []runspec.GroupMember{{User: "alice", Via: "member"}, {User: "bob", Via: "primary"}}
	bad.DockerGroup.Pos = runspec.Pos{File: "/etc/group", Line: 30, Column: 1}
	bad.Daemon = runspec.Daemon{
		Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", ICC: true,
		Hosts:     []runspec.DaemonHost{{Raw: "tcp://0.0.0.0:2375", Scheme: "tcp", Address: "0.0.0.0:2375", Host: "0.0.0.0", Port: 2375}},
		Positions: map[string]runspec.Pos{"icc": {File: "/etc/docker/daemon.json", Line: 2, Column: 3}},
	}
	bad.Sockets = []runspec.Socket{{Path: "/var/run/docker.sock", Resolved: "/run/docker.sock", Exists: true, IsSocket: true, Mode: "0666", Perm: 0o666, WorldWritable: true}}
	var good runspec.Host
	good.Daemon = runspec.Daemon{
		Known: true, File: "/etc/docker/daemon.json", LogDriver: "local", NoNewPrivileges: true, UsernsRemap: "default",
		LiveRestore: true, AuthorizationPlugins: []string{"rungate"}, TLS: true, TLSVerify: true,
	}
	good.Sockets = []runspec.Socket{{Path: "/run/docker.sock", Resolved: "/run/docker.sock", Exists: true, IsSocket: true, Mode: "0660", Perm: 0o660}}
	var got [2][2][]engine.Finding
	for i, e := range evaluators(t, builtin()) {
		for j, h := range []runspec.Host{bad, good} {
			var err error
			if got[i][j], err = e.EvaluateHost(t.Context(), h); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(got[1][0]) < 5 {
		t.Fatalf("the failing host has %d findings on topdown: the case compares little", len(got[1][0]))
	}
	for j, name := range []string{"failing host", "passing host"} {
		sameFindings(t, name, got[0][j], got[1][j])
	}
}
