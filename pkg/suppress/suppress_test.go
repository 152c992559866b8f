package suppress

import (
	"cmp"
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		src      string
		want     []Directive
		problems int
	}{
		{
			name: "end of line",
			src:  "docker run -v /:/h x # rungate:ignore host-root-mount -- reviewed\n",
			want: []Directive{{Rules: []string{"host-root-mount"}, Reason: "reviewed", Line: 1, Column: 22, From: 1, To: 1}},
		},
		{
			name: "line before a continued command",
			src:  "# rungate:ignore a,b -- why\n\n# other comment\ndocker run \\\n  -v /:/h \\\n  x\necho\n",
			want: []Directive{{Rules: []string{"a", "b"}, Reason: "why", Line: 1, Column: 1, From: 4, To: 6}},
		},
		{
			name: "end of the last continued line",
			src:  "docker run \\\n  -v /:/h x # rungate:ignore a\n",
			want: []Directive{{Rules: []string{"a"}, Line: 2, Column: 13, From: 1, To: 2}},
		},
		{
			name: "groovy",
			src:  "  // rungate:ignore a -- ok\n  sh 'docker run x'\n",
			want: []Directive{{Rules: []string{"a"}, Reason: "ok", Line: 1, Column: 3, From: 2, To: 2}},
		},
		{
			name: "markdown before a fence",
			src:  "<!-- rungate:ignore a -- demo -->\n```sh\ndocker run x\n\ndocker run y\n```\ntext\n",
			want: []Directive{{Rules: []string{"a"}, Reason: "demo", Line: 1, Column: 1, From: 2, To: 6}},
		},
		{
			name: "markdown without reason",
			src:  "<!-- rungate:ignore a -->\n    docker run x\n",
			want: []Directive{{Rules: []string{"a"}, Line: 1, Column: 1, From: 2, To: 2}},
		},
		{
			name: "file",
			src:  "x\n# rungate:ignore-file a -- all\n",
			want: []Directive{{Rules: []string{"a"}, Reason: "all", Line: 2, Column: 1, File: true}},
		},
		{name: "no rule", src: "# rungate:ignore -- why\nx\n", problems: 1},
		{name: "bad rule", src: "# rungate:ignore a b\nx\n", problems: 1},
		{name: "nothing follows", src: "x\n# rungate:ignore a\n", problems: 1},
		{name: "other text", src: "# rungate is great\n"},
		{
			name: "dockerfile header",
			file: "Dockerfile",
			src:  "# rungate:ignore a -- why\n# docker run \\\n#   -v /:/h x\nFROM x\n",
			want: []Directive{{Rules: []string{"a"}, Reason: "why", Line: 1, Column: 1, From: 2, To: 3}},
		},
		{
			name: "two directives stacked",
			src:  "# rungate:ignore a -- one\n# rungate:ignore b -- two\ndocker run x\n",
			want: []Directive{
				{Rules: []string{"a"}, Reason: "one", Line: 1, Column: 1, From: 3, To: 3},
				{Rules: []string{"b"}, Reason: "two", Line: 2, Column: 1, From: 3, To: 3},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, problems := Parse(cmp.Or(tc.file, "x.sh"), []byte(tc.src))
			if len(problems) != tc.problems {
				t.Fatalf("problems = %v, want %d", problems, tc.problems)
			}
			if !slices.EqualFunc(got, tc.want, func(a, b Directive) bool {
				return slices.Equal(a.Rules, b.Rules) && a.Reason == b.Reason && a.Line == b.Line &&
					a.Column == b.Column && a.File == b.File && a.From == b.From && a.To == b.To
			}) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("# rungate:ignore a -- b\nx \\\n y\n"))
	f.Add([]byte("<!-- rungate:ignore a -->\n```\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		ds, _ := Parse("Dockerfile", src)
		for _, d := range ds {
			if !d.File && (d.From < 1 || d.To < d.From) {
				t.Fatalf("bad span %+v", d)
			}
		}
	})
}
