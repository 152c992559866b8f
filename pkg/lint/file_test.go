package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rungate/rungate/pkg/scan"
)

// TestFileFindingsAtWantedLines lints one fixture per host format. Each
// finding must be announced by a `# want: rule-id` comment on its line,
// and each announced rule must fire there: nothing is read from prose,
// JSON or YAML blocks, Makefile variables or Dockerfile instructions.
func TestFileFindingsAtWantedLines(t *testing.T) {
	r := newRunner(t)
	r.WorkDir = "/w"
	r.Env = scan.Env{"PWD": "/w", "HOME": "/home/u"}
	tests := []struct {
		file string
		kind scan.Kind
	}{
		{"Makefile", scan.KindMakefile},
		{"README.md", scan.KindMarkdown},
		{"Dockerfile", scan.KindDockerfile},
		{".github/workflows/ci.yml", scan.KindWorkflow},
		{".gitlab-ci.yml", scan.KindGitLab},
		{"Jenkinsfile", scan.KindJenkins},
		{"deploy.sh", scan.KindShell},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			name := filepath.Join("testdata", "files", filepath.FromSlash(tc.file))
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if k := scan.Classify(name, data); k != tc.kind {
				t.Errorf("classified as %q, want %q", k, tc.kind)
			}
			res, err := r.File(context.Background(), name, data, tc.kind)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 || res.Files != 1 {
				t.Errorf("errors %v, files %d", res.Errors, res.Files)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, fmt.Sprintf("%s:%d %s", f.Pos.File, f.Pos.Line, f.Rule))
			}
			slices.Sort(got)
			got = slices.Compact(got)
			want := wants(t, name)
			if !slices.Equal(got, want) {
				t.Errorf("findings\n%v\nwant\n%v", got, want)
			}
		})
	}
}

func TestFileInspect(t *testing.T) {
	r := newRunner(t)
	name := filepath.Join("..", "..", "testdata", "inspect", "two.json")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.File(context.Background(), name, data, scan.KindInspect)
	if err != nil {
		t.Fatal(err)
	}
	if res.Specs != 1 || len(res.Errors) != 1 || res.Errors[0].Line != 67 {
		t.Errorf("specs %d, errors %v", res.Specs, res.Errors)
	}
	hostRoot := 0
	for _, f := range res.Findings {
		if f.Rule == "host-root-mount" {
			hostRoot++
			if f.Pos.Line != 27 {
				t.Errorf("host-root-mount at line %d, want the Mounts item at 27", f.Pos.Line)
			}
		}
	}
	if hostRoot != 1 {
		t.Errorf("%d host-root-mount findings, want 1 (a mount counted once)", hostRoot)
	}
}

func TestUnitsGroupComposeOverrides(t *testing.T) {
	files := []scan.File{
		{Path: "a/compose.yaml", Kind: scan.KindCompose},
		{Path: "a/run.sh", Kind: scan.KindShell},
		{Path: "a/compose.override.yaml", Kind: scan.KindCompose},
		{Path: "b/docker-compose.override.yml", Kind: scan.KindCompose},
	}
	units := Units(files)
	if len(units) != 3 || len(units[0]) != 2 || units[0][1].Path != "a/compose.override.yaml" || units[2][0].Path != "b/docker-compose.override.yml" {
		t.Errorf("units %v", units)
	}
}
