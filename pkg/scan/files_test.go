package scan

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestIgnored(t *testing.T) {
	lists := []ignoreList{
		parseIgnore("", "# comment\n*.log\n/build\ntmp/\n!keep.log\ndocs/**/gen\n**/cache\na?c\n[xy].sh\n"),
		parseIgnore("sub", "local.sh\n!/build\n"),
	}
	tests := []struct {
		rel   string
		isDir bool
		want  bool
	}{
		{"x.log", false, true},
		{"deep/er/x.log", false, true},
		{"keep.log", false, false},
		{"build", true, true},
		{"sub/build", true, false},
		{"other/build", true, false},
		{"tmp", true, true},
		{"tmp", false, false},
		{"docs/a/b/gen", false, true},
		{"docs/gen", false, true},
		{"x/cache", true, true},
		{"abc", false, true},
		{"x.sh", false, true},
		{"z.sh", false, false},
		{"sub/local.sh", false, true},
		{"local.sh", false, false},
	}
	for _, tc := range tests {
		if got := ignored(lists, tc.rel, tc.isDir); got != tc.want {
			t.Errorf("ignored(%q, dir=%v) = %v, want %v", tc.rel, tc.isDir, got, tc.want)
		}
	}
}

func TestFilesWalksHonouringIgnores(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".gitignore":                 "generated/\n*.bak.sh\n",
		"run.sh":                     "docker run x\n",
		"old.bak.sh":                 "docker run x\n",
		"generated/gen.sh":           "docker run x\n",
		"Makefile":                   "a:\n\tdocker run x\n",
		"README.md":                  "```sh\ndocker run x\n```\n",
		"notes.txt":                  "docker run x\n",
		"bin/tool":                   "#!/bin/sh\ndocker run x\n",
		"bin/data":                   "plain\n",
		"ci/.gitlab-ci.yml":          "j:\n  script: [docker run x]\n",
		".github/workflows/ci.yml":   "on: push\n",
		"deploy/compose.yaml":        "services: {}\n",
		"deploy/stack.yml":           "services:\n  a:\n    image: x\n",
		"deploy/inspect.json":        `[{"Id": "a", "HostConfig": {}}]`,
		"vendor/x.sh":                "docker run x\n",
		"sub/.gitignore":             "skip.sh\n",
		"sub/skip.sh":                "docker run x\n",
		"sub/keep.sh":                "docker run x\n",
		"excluded/e.sh":              "docker run x\n",
		"node_modules/m/Dockerfile":  "# docker run x\n",
		"images/web/Dockerfile.prod": "# docker run x\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "notes.txt")
	got, errs := Files([]string{dir, explicit, filepath.Join(dir, "missing")}, FilesOptions{Exclude: []string{"excluded/"}})
	if len(errs) != 1 {
		t.Errorf("errors %v, want one for the missing path", errs)
	}
	want := []File{
		{".github/workflows/ci.yml", KindWorkflow},
		{"Makefile", KindMakefile},
		{"README.md", KindMarkdown},
		{"bin/tool", KindShell},
		{"ci/.gitlab-ci.yml", KindGitLab},
		{"deploy/compose.yaml", KindCompose},
		{"deploy/inspect.json", KindInspect},
		{"deploy/stack.yml", KindCompose},
		{"images/web/Dockerfile.prod", KindDockerfile},
		{"run.sh", KindShell},
		{"sub/keep.sh", KindShell},
		{"notes.txt", KindShell},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d files %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].Path != filepath.Join(dir, filepath.FromSlash(w.Path)) || got[i].Kind != w.Kind {
			t.Errorf("file %d = %+v, want %+v", i, got[i], w)
		}
	}
}

// TestFilesHonoursParentIgnores walks a subdirectory of a repository: the
// .gitignore files above it, up to the repository root, and the root's
// .git/info/exclude still apply.
func TestFilesHonoursParentIgnores(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".git/info/exclude": "private.sh\n",
		".gitignore":        "/app/gen/\n*.tmp.sh\n",
		"app/.gitignore":    "!keep.tmp.sh\n",
		"app/gen/g.sh":      "x\n",
		"app/a.tmp.sh":      "x\n",
		"app/keep.tmp.sh":   "x\n",
		"app/private.sh":    "x\n",
		"app/run.sh":        "x\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, errs := Files([]string{filepath.Join(dir, "app")}, FilesOptions{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var names []string
	for _, f := range got {
		names = append(names, filepath.Base(f.Path))
	}
	if want := []string{"keep.tmp.sh", "run.sh"}; !slices.Equal(names, want) {
		t.Errorf("files %v, want %v", names, want)
	}
}
