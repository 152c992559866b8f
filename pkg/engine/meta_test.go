package engine_test

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/rungate/rungate/rules"
)

// TestRuleMetadata holds every built-in rule to the conventions that let a
// user find and trust it: complete metadata, file named by id, a test file
// beside it, remediation as sentences.
func TestRuleMetadata(t *testing.T) {
	list := newEngine(t).Rules()
	if len(list) < 5 {
		t.Fatalf("%d rules loaded", len(list))
	}
	for _, r := range list {
		t.Run(r.ID, func(t *testing.T) {
			if want := "rules/" + r.ID + ".rego"; r.File != want {
				t.Errorf("file %s, want %s", r.File, want)
			}
			if _, err := fs.Stat(rules.FS, r.ID+"_test.rego"); err != nil {
				t.Errorf("no %s_test.rego", r.ID)
			}
			if !r.Severity.Valid() {
				t.Errorf("severity %v", r.Severity)
			}
			for name, v := range map[string]string{"title": r.Title, "description": r.Description, "remediation": r.Remediation} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("empty %s", name)
				}
			}
			if !strings.HasSuffix(r.Remediation, ".") {
				t.Errorf("remediation %q does not end with a period", r.Remediation)
			}
			if !strings.HasSuffix(r.Description, ".") {
				t.Errorf("description %q does not end with a period", r.Description)
			}
			if strings.HasSuffix(r.Title, ".") {
				t.Errorf("title %q ends with a period", r.Title)
			}
			if len(r.References) == 0 {
				t.Error("no references (a CIS Docker Benchmark id)")
			}
			for _, ref := range r.References {
				if !strings.HasPrefix(ref, "CIS Docker Benchmark v") {
					t.Errorf("reference %q does not name a CIS Docker Benchmark version", ref)
				}
			}
			if len(r.Links) == 0 || !strings.HasPrefix(r.Links[0].URL, "https://") {
				t.Errorf("links %v: want an https documentation link", r.Links)
			}
		})
	}
}

// TestRuleFiles: nothing in rules/ escapes the conventions: every .rego is a
// rule or a library, and every one has tests.
func TestRuleFiles(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range newEngine(t).Rules() {
		ids[r.ID] = true
	}
	err := fs.WalkDir(rules.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" {
			return err
		}
		base := strings.TrimSuffix(p, ".rego")
		switch {
		case strings.HasSuffix(base, "_test"):
			if _, err := fs.Stat(rules.FS, strings.TrimSuffix(base, "_test")+".rego"); err != nil {
				t.Errorf("%s tests no file", p)
			}
		case path.Dir(p) == "lib":
			if _, err := fs.Stat(rules.FS, base+"_test.rego"); err != nil {
				t.Errorf("library %s has no tests", p)
			}
		case !ids[base]:
			t.Errorf("%s is neither a rule nor in lib/", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
