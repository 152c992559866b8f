package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

func finding(file string, line int, rule string) engine.Finding {
	return engine.Finding{Rule: rule, Severity: engine.High, Pos: runspec.Pos{File: file, Line: line, Column: 1}}
}

func rulesAt(fs []engine.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestInline(t *testing.T) {
	src := map[string][]byte{
		"a.sh": []byte("docker run x # rungate:ignore r1,r2 -- ok\n# rungate:ignore r3\ndocker run y\n"),
	}
	tests := []struct {
		name     string
		opts     InlineOptions
		findings []engine.Finding
		open     []string
		warnings []string
		errors   int
	}{
		{
			name:     "each rule of a list counts separately",
			findings: []engine.Finding{finding("a.sh", 1, "r1"), finding("a.sh", 3, "r3"), finding("a.sh", 3, "r1")},
			open:     []string{"r1"},
			warnings: []string{"unused suppression for r2"},
		},
		{
			name:     "require reason",
			opts:     InlineOptions{RequireReason: true},
			findings: []engine.Finding{finding("a.sh", 1, "r1"), finding("a.sh", 3, "r3")},
			open:     []string{"r3"},
			warnings: []string{"unused suppression for r2"},
			errors:   1,
		},
		{
			name:     "unknown rules",
			opts:     InlineOptions{Known: map[string]bool{"r1": true, "r2": true}},
			findings: []engine.Finding{finding("a.sh", 1, "r1"), finding("a.sh", 1, "r2")},
			warnings: []string{"suppression names unknown rule r3"},
		},
		{
			name:     "another file's comment does not apply",
			findings: []engine.Finding{finding("b.sh", 1, "r1")},
			open:     []string{"r1"},
			warnings: []string{"unused suppression for r1", "unused suppression for r2", "unused suppression for r3"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Result{Findings: tc.findings}
			Inline(&res, src, nil, tc.opts)
			if got := rulesAt(res.Findings); !slices.Equal(got, tc.open) {
				t.Errorf("open = %v, want %v", got, tc.open)
			}
			var warnings []string
			for _, w := range res.Warnings {
				warnings = append(warnings, w.Message)
			}
			if !slices.Equal(warnings, tc.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, tc.warnings)
			}
			if len(res.Errors) != tc.errors {
				t.Errorf("errors = %v, want %d", res.Errors, tc.errors)
			}
			for _, s := range res.Suppressed {
				if s.Kind != "inline" || s.Pos.File != "a.sh" || s.Pos.Line == 0 {
					t.Errorf("suppressed %+v", s)
				}
			}
		})
	}
}

func TestBaseline(t *testing.T) {
	before := map[string][]byte{"/repo/a.sh": []byte("docker run -v /:/h x\ndocker run -v /:/h x\n")}
	after := map[string][]byte{"/repo/a.sh": []byte("# moved\n\ndocker   run -v /:/h x\ndocker run -v /:/h x\ndocker run -v /:/r y\n")}
	opts := func(src map[string][]byte) BaselineOptions {
		return BaselineOptions{Root: "/repo", Source: func(n string) ([]byte, bool) { b, ok := src[n]; return b, ok }}
	}
	b := NewBaseline([]engine.Finding{finding("/repo/a.sh", 1, "r"), finding("/repo/a.sh", 2, "r")}, opts(before))
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	b, err = ParseBaseline("b.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if b.Entries[0].File != "a.sh" || b.Entries[0] != b.Entries[1] {
		t.Fatalf("entries = %+v", b.Entries)
	}
	res := Result{Findings: []engine.Finding{finding("/repo/a.sh", 3, "r"), finding("/repo/a.sh", 4, "r"), finding("/repo/a.sh", 5, "r")}}
	b.Apply(&res, "b.json", []string{"/repo/a.sh"}, opts(after))
	if len(res.Findings) != 1 || res.Findings[0].Pos.Line != 5 || len(res.Suppressed) != 2 || len(res.Warnings) != 0 {
		t.Fatalf("after a move: %+v", res)
	}
	// One of the two accepted commands is gone: one entry is stale, but
	// only when its file was linted.
	res = Result{Findings: []engine.Finding{finding("/repo/a.sh", 1, "r")}}
	b.Apply(&res, "b.json", nil, opts(before))
	if len(res.Warnings) != 0 {
		t.Fatalf("stale warned for a file not linted: %+v", res.Warnings)
	}
	res = Result{Findings: []engine.Finding{finding("/repo/a.sh", 1, "r")}}
	b.Apply(&res, "b.json", []string{"/repo/a.sh"}, opts(before))
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Message, "stale baseline entry: r in a.sh") {
		t.Fatalf("stale: %+v", res.Warnings)
	}
	if _, err := ParseBaseline("x.json", []byte(`{"version":1,"entries":[],"extra":1}`)); err == nil {
		t.Error("unknown field accepted")
	}
}
