package engine

import (
	"io/fs"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// flatten lists the paths of a tree, each whole subtree once.
func flatten(p *inputPaths, prefix string) []string {
	if p.all {
		return []string{prefix}
	}
	var out []string
	for k, kid := range p.kids {
		out = append(out, flatten(kid, prefix+"."+k)...)
	}
	slices.Sort(out)
	return out
}

func TestReadPaths(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"field", `deny contains "x" if input.create.HostConfig.Privileged`, []string{"input.create.HostConfig.Privileged"}},
		{"iteration", `deny contains m.pos if { some m in input.derived.mounts; m.type == "bind" }`, []string{"input.derived.mounts"}},
		{"variable key", `deny contains "x" if { some k; input.create.HostConfig[k] == true }`, []string{"input.create.HostConfig"}},
		{"array index", `deny contains "x" if input.create.Cmd[0] == "sh"`, []string{"input.create.Cmd"}},
		{"map key", `deny contains "x" if input.create.HostConfig.LogConfig.Config["max-size"] == ""`, []string{"input.create.HostConfig.LogConfig.Config.max-size"}},
		{"whole value", `deny contains "x" if count(input.create.Env) > 0`, []string{"input.create.Env"}},
		{"whole input", `deny contains "x" if { x := input; x.kind == "host" }`, []string{"input"}},
		{"whole input in a call", `deny contains "x" if object.get(input, "kind", "") == "host"`, []string{"input"}},
		{"deeper under whole", `deny contains "x" if { input.derived.log; input.derived.log.driver == "" }`, []string{"input.derived.log"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "package rungate.rules.x\n\n" + tc.body + "\n"
			mods, err := loadModules([]fs.FS{fstest.MapFS{"x.rego": {Data: []byte(src)}}}, func(string) bool { return true })
			if err != nil {
				t.Fatal(err)
			}
			c, err := compile(mods, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := flatten(readPaths(c.Modules), "input"); !slices.Equal(got, tc.want) {
				t.Errorf("paths = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestBuiltinRulesReadLittle guards the input's size: the built-in rules
// read a few fields of the create body, not all of it.
func TestBuiltinRulesReadLittle(t *testing.T) {
	mods, err := loadModules([]fs.FS{rules.FS}, func(n string) bool { return !isTestFile(n) })
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile(mods, true)
	if err != nil {
		t.Fatal(err)
	}
	paths := readPaths(c.Modules)
	if paths.all || paths.kid("create") == nil || paths.kid("create").all {
		t.Errorf("the built-in rules read the whole create body: %v", flatten(paths, "input"))
	}
}

// TestPrunedInputSameFindings: encoding only what the rules read changes
// no finding.
func TestPrunedInputSameFindings(t *testing.T) {
	e, err := New(t.Context(), Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	full := *e
	full.encoder = newEncoder(reflect.TypeFor[Input](), nil)

	everything := runspec.New(runspec.KindCompose, runspec.Pos{File: "c.yaml", Line: 1, Column: 1})
	fill(reflect.ValueOf(&everything.Create).Elem(), 0)
	seed := benchSpec()
	groups := runspec.New(runspec.KindDockerRun, runspec.Pos{})
	groups.Create.HostConfig = &container.HostConfig{GroupAdd: []string{"docker"}, LogConfig: container.LogConfig{Type: "json-file", Config: map[string]string{"max-size": "-1"}}}
	daemons := []runspec.Daemon{
		runspec.DefaultDaemon(),
		{Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", LogOpts: map[string]string{"max-size": "1m"}},
		{Known: true, LogDriver: "local"},
	}
	for _, s := range []*runspec.Spec{everything, seed, groups, runspec.New(runspec.KindAuthz, runspec.Pos{})} {
		for _, d := range daemons {
			got, err := e.Evaluate(t.Context(), s, d)
			if err != nil {
				t.Fatal(err)
			}
			want, err := full.Evaluate(t.Context(), s, d)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pruned input gives\n%+v\nfull input gives\n%+v", got, want)
			}
		}
	}
	var h runspec.Host
	fill(reflect.ValueOf(&h).Elem(), 0)
	got, err := e.EvaluateHost(t.Context(), h)
	if err != nil {
		t.Fatal(err)
	}
	want, err := full.EvaluateHost(t.Context(), h)
	if err != nil || !reflect.DeepEqual(got, want) || len(got) == 0 {
		t.Errorf("host: pruned %+v, full %+v, %v", got, want, err)
	}
}
