package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/ruledoc"
)

// TestRuleDocs fails when docs/rules does not match the rules' metadata:
// a page missing, different, or left over from a rule that is gone.
func TestRuleDocs(t *testing.T) {
	eng, err := loadEngine(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := profileDocs(eng.Catalogue())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "docs", "rules")
	want := ruledoc.Pages(docs)
	hint := "regenerate with `make docs` (" + ruledoc.Regenerate + ")"
	for name, page := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("docs/rules/%s is missing: %s", name, hint)
			continue
		}
		if !bytes.Equal(got, page) {
			t.Errorf("docs/rules/%s is out of date: %s", name, hint)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range files {
		if _, ok := want[filepath.Base(f)]; !ok {
			t.Errorf("docs/rules/%s documents no loaded rule: %s", filepath.Base(f), hint)
		}
	}
}

// TestRulesWritesDocs: --output writes every page and removes the
// generated pages of rules that are gone, not other files.
func TestRulesWritesDocs(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "old-rule.md")
	mine := filepath.Join(dir, "notes.md")
	_ = os.WriteFile(stale, []byte(ruledoc.Marker+"x` ... -->\n"), 0o644)
	_ = os.WriteFile(mine, []byte("# my notes\n"), 0o644)
	if _, stderr, code := run(t, "", "rules", "--format", "markdown", "--output", dir); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale generated page kept")
	}
	if _, err := os.Stat(mine); err != nil {
		t.Error("hand-written file removed")
	}
	for _, f := range []string{"README.md", "privileged.md", "host-root-mount.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written", f)
		}
	}
}

func TestRulesExplain(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		want   []string // substrings of stdout
		stderr string
	}{
		{
			name: "one rule",
			args: []string{"rules", "readonly-rootfs-missing"},
			want: []string{
				"readonly-rootfs-missing: Root filesystem is writable",
				"Severity:     medium (default: medium, restricted: high)",
				"Fix: ", "See: https://",
				"Bad:\n  docker run nginx\n  => fires: ",
				"Good:\n  docker run --read-only", "=> readonly-rootfs-missing does not fire",
			},
		},
		{name: "unknown id suggests the nearest", args: []string{"rules", "host-rot-mount"}, code: exitUsage, stderr: `rungate: unknown rule "host-rot-mount": did you mean host-root-mount?`},
		{name: "unknown id far from any", args: []string{"rules", "xyzzy-plugh-quux"}, code: exitUsage, stderr: `unknown rule "xyzzy-plugh-quux" (rungate rules lists them)`},
		{name: "markdown page", args: []string{"rules", "privileged", "--format", "markdown"}, want: []string{"# privileged: Container runs privileged", "```sh\ndocker run --privileged alpine\n```"}},
		{name: "markdown needs a directory", args: []string{"rules", "--format", "markdown"}, code: exitUsage, stderr: "give --output DIR"},
		{name: "output needs markdown", args: []string{"rules", "--output", "x"}, code: exitUsage, stderr: "give --format markdown"},
		{name: "unknown format", args: []string{"rules", "--format", "yaml"}, code: exitUsage, stderr: "unknown format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := run(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if tc.stderr != "" && (!strings.Contains(stderr, tc.stderr) || strings.Count(stderr, "\n") != 1) {
				t.Errorf("stderr %q, want one line with %q", stderr, tc.stderr)
			}
		})
	}
}

// TestRulesJSON: every rule with its metadata, examples and severity in
// each profile; one rule alone with an ID.
func TestRulesJSON(t *testing.T) {
	out, _, code := run(t, "", "rules", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var list []ruleInfo
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) < 12 {
		t.Fatalf("%d rules", len(list))
	}
	for _, r := range list {
		if r.Description == "" || r.Remediation == "" || r.Examples.Bad == "" || r.File == "" {
			t.Errorf("%s: metadata missing from JSON: %+v", r.ID, r)
		}
		if r.Profiles["default"] != r.Severity.String() || r.Profiles["restricted"] == "" {
			t.Errorf("%s: profiles %v, severity %s", r.ID, r.Profiles, r.Severity)
		}
	}
	i := slices.IndexFunc(list, func(r ruleInfo) bool { return r.ID == "readonly-rootfs-missing" })
	if i < 0 || list[i].Profiles["restricted"] != "high" {
		t.Errorf("readonly-rootfs-missing in restricted: %+v", list[i].Profiles)
	}
	out, _, code = run(t, "", "rules", "privileged", "--format", "json")
	var one ruleInfo
	if err := json.Unmarshal([]byte(out), &one); err != nil || code != exitOK || one.ID != "privileged" {
		t.Errorf("rules privileged --format json: exit %d, %v, %+v", code, err, one)
	}
}
