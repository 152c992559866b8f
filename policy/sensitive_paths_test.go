package policy

import (
	"path"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSensitivePathHolders keeps the built-in holders complete: every
// directory above a listed path or home parent, but /, is a holder, and
// nothing else is. sensitive-path-mount looks holders up rather than
// searching the lists, which is what keeps it cheap.
func TestSensitivePathHolders(t *testing.T) {
	data, err := FS.ReadFile("sensitive_paths.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SensitivePaths struct {
			Paths       map[string]string `yaml:"paths"`
			HomeParents map[string]string `yaml:"home_parents"`
			Holders     map[string]string `yaml:"holders"`
			Exact       map[string]string `yaml:"exact"`
		} `yaml:"sensitive_paths"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	sp := doc.SensitivePaths
	want := map[string]bool{}
	for _, m := range []map[string]string{sp.Paths, sp.HomeParents, sp.Exact} {
		for p := range m {
			if p != path.Clean(p) || !path.IsAbs(p) || p == "/" {
				t.Errorf("%q is not a clean absolute path below /", p)
			}
			for d := path.Dir(p); d != "/"; d = path.Dir(d) {
				want[d] = true
			}
		}
	}
	for d := range want {
		if _, ok := sp.Holders[d]; !ok {
			t.Errorf("holders lacks %s", d)
		}
	}
	for d := range sp.Holders {
		if !want[d] {
			t.Errorf("holder %s holds no listed path", d)
		}
		if _, listed := sp.Paths[d]; listed {
			t.Errorf("holder %s is itself listed", d)
		}
	}
	if len(sp.Paths) == 0 || len(sp.HomeParents) == 0 {
		t.Error("no paths")
	}
}
