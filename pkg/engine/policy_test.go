package engine_test

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

// header is valid metadata for a rule with id, followed by its package.
func header(id string) string {
	return `# METADATA
# title: A test rule
# description: Flags nothing of note.
# custom:
#   id: ` + id + `
#   severity: low
#   remediation: Do nothing.
package rungate.rules.` + strings.ReplaceAll(id, "-", "_") + "\n"
}

func mapFS(files map[string]string) fs.FS {
	m := fstest.MapFS{}
	for name, src := range files {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return m
}

// TestBadPolicy: a policy that cannot be loaded is an error that says
// where.
func TestBadPolicy(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error
	}{
		{
			name:  "syntax error",
			files: map[string]string{"bad-rule.rego": header("bad-rule") + "\ndeny contains x if {\n\tx := \n}\n"},
			want:  []string{"mine/bad-rule.rego:12", "rego_parse_error"},
		},
		{
			name:  "compile error",
			files: map[string]string{"bad-rule.rego": header("bad-rule") + "deny contains x if {\n\tx := undefined_fn(1)\n}\n"},
			want:  []string{"compile policy", "mine/bad-rule.rego:10", "undefined function undefined_fn"},
		},
		{
			name:  "misspelt input field",
			files: map[string]string{"bad-rule.rego": header("bad-rule") + "deny contains \"x\" if input.create.HostConfig.ReadOnlyRootfs\n"},
			want:  []string{"compile policy", "mine/bad-rule.rego:9", "ReadOnlyRootfs"},
		},
		{
			name:  "misspelt derived field",
			files: map[string]string{"bad-rule.rego": header("bad-rule") + "deny contains \"x\" if input.derived.mounts[_].readonly\n"},
			want:  []string{"compile policy", "readonly"},
		},
		{
			name:  "no rules",
			files: map[string]string{"lib.rego": "package rungate.lib.extra\n\nx := 1\n"},
			want:  []string{"no rules loaded"},
		},
		{
			name:  "no metadata",
			files: map[string]string{"bare.rego": "package rungate.rules.bare\n\ndeny contains \"x\" if false\n"},
			want:  []string{"mine/bare.rego", "no package-scope # METADATA"},
		},
		{
			name:  "unknown custom key",
			files: map[string]string{"r.rego": strings.Replace(header("r"), "#   severity: low", "#   severity: low\n#   sevrity: high", 1)},
			want:  []string{"mine/r.rego:7: METADATA: unknown key sevrity"},
		},
		{
			name:  "unknown top-level key",
			files: map[string]string{"r.rego": strings.Replace(header("r"), "# title:", "# titel: x\n# title:", 1)},
			want:  []string{"mine/r.rego:2: METADATA: unknown key titel"},
		},
		{
			name:  "missing fields",
			files: map[string]string{"r.rego": strings.Replace(strings.Replace(header("r"), "# title: A test rule\n", "", 1), "#   remediation: Do nothing.\n", "", 1)},
			want:  []string{"mine/r.rego:1", "missing title, custom.remediation"},
		},
		{
			name:  "bad severity",
			files: map[string]string{"r.rego": strings.Replace(header("r"), "severity: low", "severity: urgent", 1)},
			want:  []string{"custom.severity", `unknown severity "urgent"`},
		},
		{
			name:  "file name is not the id",
			files: map[string]string{"other.rego": header("r")},
			want:  []string{`custom.id "r" does not match the file name other.rego`},
		},
		{
			name:  "package is not the id",
			files: map[string]string{"r.rego": strings.Replace(header("r"), "package rungate.rules.r", "package rungate.rules.s", 1)},
			want:  []string{`does not match package rungate.rules.s`},
		},
		{
			name:  "id not kebab-case",
			files: map[string]string{"My_Rule.rego": strings.Replace(header("My_Rule"), "rules.My_Rule", "rules.My_Rule", 1)},
			want:  []string{`custom.id "My_Rule" is not kebab-case`},
		},
		{
			name:  "nested rule package",
			files: map[string]string{"r.rego": strings.Replace(header("r"), "package rungate.rules.r", "package rungate.rules.r.sub", 1)},
			want:  []string{"a rule's package is rungate.rules.<id>"},
		},
		{
			name:  "related resource without ref",
			files: map[string]string{"r.rego": strings.Replace(header("r"), "# custom:", "# related_resources:\n#   - description: docs\n# custom:", 1)},
			want:  []string{"r.rego"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{engine.Named("mine", mapFS(tc.files))}})
			if err == nil {
				t.Fatal("New succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestDuplicateRule(t *testing.T) {
	a := mapFS(map[string]string{"r.rego": header("r") + "deny contains \"x\" if false\n"})
	_, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{engine.Named("a", a), engine.Named("b", a)}})
	if err == nil || !strings.Contains(err.Error(), "rule r is defined in a/r.rego and b/r.rego") {
		t.Errorf("error = %v", err)
	}
}

func TestBadData(t *testing.T) {
	rules := mapFS(map[string]string{"r.rego": header("r") + "deny contains \"x\" if false\n"})
	for name, data := range map[string]string{"list.yaml": "- a\n", "broken.json": "{", "bad.yml": "a: [\n"} {
		_, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{rules}, Data: []fs.FS{mapFS(map[string]string{name: data})}})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}

// TestResultPositions: a result is placed at its pos, else its field, else
// the spec's origin; a bare string result is a message.
func TestResultPositions(t *testing.T) {
	src := header("where") + `
deny contains {"msg": "at pos", "pos": {"file": "x.sh", "line": 9, "column": 2}} if input.create
deny contains {"msg": "at field", "field": "HostConfig.Privileged"} if input.create
deny contains {"msg": "at unknown field", "field": "HostConfig.Nope"} if input.create
deny contains {"msg": "unknown pos", "pos": {"file": "", "line": 0, "column": 0}} if input.create
deny contains "a string" if input.create
`
	e, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{mapFS(map[string]string{"where.rego": src})}, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	s := runspec.New(runspec.KindCompose, runspec.Pos{File: "compose.yaml", Line: 3, Column: 3})
	s.Create.HostConfig = &container.HostConfig{Privileged: true}
	s.SetPos("HostConfig.Privileged", runspec.Pos{File: "compose.yaml", Line: 5, Column: 17})
	got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]runspec.Pos{
		"at pos":           {File: "x.sh", Line: 9, Column: 2},
		"at field":         {File: "compose.yaml", Line: 5, Column: 17},
		"at unknown field": s.Origin,
		"unknown pos":      s.Origin,
		"a string":         s.Origin,
	}
	if len(got) != len(want) {
		t.Fatalf("findings = %+v", got)
	}
	for _, f := range got {
		if p, ok := want[f.Message]; !ok || f.Pos != p {
			t.Errorf("%q at %v, want %v", f.Message, f.Pos, p)
		}
		if f.Rule != "where" || f.Severity != engine.Low || f.Title != "A test rule" || f.Remediation != "Do nothing." {
			t.Errorf("finding %+v lacks the rule's metadata", f)
		}
	}
	// Sorted by position: compose.yaml before x.sh, line 3 before line 5.
	if got[0].Pos.File != "compose.yaml" || got[len(got)-1].Pos.File != "x.sh" || got[len(got)-2].Pos.Line != 5 {
		t.Errorf("findings are not sorted: %+v", got)
	}
}

func TestBadResult(t *testing.T) {
	for name, body := range map[string]string{
		"no msg":     `deny contains {"message": "x"} if true`,
		"msg number": `deny contains {"msg": 1} if true`,
		"a number":   `deny contains 1 if true`,
	} {
		e, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{mapFS(map[string]string{"r.rego": header("r") + body + "\n"})}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, err = e.Evaluate(t.Context(), runspec.New(runspec.KindDockerRun, runspec.Pos{}), runspec.DefaultDaemon())
		if err == nil || !strings.Contains(err.Error(), "rule r") {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}

// TestUserPolicy: a user directory adds rules and helper libraries beside
// the built-in ones, and overrides policy data.
func TestUserPolicy(t *testing.T) {
	user := mapFS(map[string]string{
		"lib/names.rego": "package rungate.lib.names\n\nbad := {\"evil\"}\n",
		"no-evil.rego": header("no-evil") + `
import data.rungate.lib.names

deny contains {"msg": sprintf("image %s is evil", [input.create.Image])} if input.create.Image in names.bad
`,
		"no-evil_test.rego": "package rungate.rules.no_evil_test\n\nimport data.rungate.rules.no_evil\n\ntest_evil if count(no_evil.deny) == 1 with input as {\"create\": {\"Image\": \"evil\"}}\n",
	})
	opts := builtin()
	opts.Policies = append(opts.Policies, engine.Named("policies", user))
	// Policy data merges as a JSON merge patch: an entry added, one removed.
	opts.Data = append(opts.Data, mapFS(map[string]string{"mounts.yaml": "mounts:\n  targets:\n    /web: {kind: content, what: the site}\n    /var/www: null\n"}))
	e, err := engine.New(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if n, want := len(e.Rules()), len(newEngine(t).Rules())+1; n != want {
		t.Errorf("%d rules, want %d (the built-in ones and no-evil)", n, want)
	}
	s := dockerRun(container.HostConfig{ReadonlyRootfs: true, LogConfig: container.LogConfig{Type: "local"}}, "/h/site:/web", "/h/x:/var/www")
	s.Create.Image = "evil"
	got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
	if err != nil {
		t.Fatal(err)
	}
	// /var/www is no longer content, /web is.
	got = seedOnly(got, "no-evil")
	if ids := rulesOf(got); len(ids) != 2 || ids[0] != "no-evil" || ids[1] != "writable-content-mount" || !strings.Contains(got[1].Message, "at /web,") {
		t.Errorf("findings = %+v", got)
	}

	report, err := engine.Test(t.Context(), opts, engine.TestOptions{Run: "test_evil"})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Results) != 1 || !report.Results[0].Pass || report.Results[0].File != "policies/no-evil_test.rego" {
		t.Errorf("results = %+v", report.Results)
	}
}

func TestTestFailures(t *testing.T) {
	files := mapFS(map[string]string{
		"r.rego":      header("r") + "deny contains \"x\" if input.create\n",
		"r_test.rego": "package rungate.rules.r_test\n\nimport data.rungate.rules.r\n\ntest_pass if count(r.deny) == 1 with input as {\"create\": {}}\n\ntest_fail if count(r.deny) == 1 with input as {}\n\ntodo_test_later if false\n",
	})
	report, err := engine.Test(t.Context(), engine.Options{Policies: []fs.FS{files}}, engine.TestOptions{Coverage: true})
	if err != nil {
		t.Fatal(err)
	}
	failed := report.Failed()
	if len(report.Results) != 3 || len(failed) != 1 || failed[0].Name != "test_fail" || failed[0].Line != 7 || failed[0].Error == "" {
		t.Errorf("results = %+v", report.Results)
	}
	if len(report.Coverage.Files) != 1 || report.Coverage.Files[0].File != "r.rego" || report.Coverage.Percent != 100 {
		t.Errorf("coverage = %+v", report.Coverage)
	}

	_, err = engine.Test(t.Context(), engine.Options{Policies: []fs.FS{mapFS(map[string]string{"r.rego": header("r")})}}, engine.TestOptions{})
	if err == nil || !strings.Contains(err.Error(), "no tests found") {
		t.Errorf("no tests: error = %v", err)
	}
	_, err = engine.Test(t.Context(), engine.Options{Policies: []fs.FS{mapFS(map[string]string{"r_test.rego": "package x\n\ntest_x if {"})}}, engine.TestOptions{})
	if err == nil || !strings.Contains(err.Error(), "r_test.rego:3") {
		t.Errorf("bad test file: error = %v", err)
	}
}

// TestEvaluateDeadline: a rule that runs past the context's deadline is
// stopped, and the error says so.
func TestEvaluateDeadline(t *testing.T) {
	slow := header("slow") + "deny contains \"x\" if {\n\tsome i in numbers.range(1, 100000000)\n\ti < 0\n}\n"
	e, err := engine.New(t.Context(), engine.Options{Policies: []fs.FS{mapFS(map[string]string{"slow.rego": slow})}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err = e.Evaluate(ctx, runspec.New(runspec.KindAuthz, runspec.Pos{}), runspec.DefaultDaemon())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the deadline", err)
	}
}
