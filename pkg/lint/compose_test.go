package lint

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rungate/rungate/pkg/compose"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

func newRunner(t *testing.T) *Runner {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{fixtureRules(t)}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	return &Runner{Engine: eng, Daemon: runspec.DefaultDaemon()}
}

// fixtureRuleIDs are the rules the fixtures' `# want:` comments are written
// for. The fixtures test where findings land in each host format, not the
// catalogue, so a rule added later does not change what they expect.
var fixtureRuleIDs = []string{
	"cap-add-dangerous", "docker-group-member", "host-ipc", "host-network", "host-pid", "host-root-mount",
	"log-json-unbounded", "privileged", "readonly-rootfs-missing", "runtime-socket-mount",
	"seccomp-unconfined", "writable-content-mount",
}

// fixtureRules is the built-in rules' file system holding only
// fixtureRuleIDs and their shared library.
func fixtureRules(t *testing.T) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	for _, name := range append([]string{"lib/lib.rego"}, fixtureRuleNames()...) {
		data, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			t.Fatalf("built-in rule: %v", err)
		}
		out[name] = &fstest.MapFile{Data: data}
	}
	return out
}

func fixtureRuleNames() []string {
	names := make([]string, len(fixtureRuleIDs))
	for i, id := range fixtureRuleIDs {
		names[i] = id + ".rego"
	}
	return names
}

// wantComment is `# want: rule-id [rule-id...]` on the flagged line.
var wantComment = regexp.MustCompile(`# want: ([a-z0-9 -]+)`)

// wants reads the expected findings of the fixtures, as "file:line rule".
func wants(t *testing.T, names ...string) []string {
	t.Helper()
	var out []string
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := wantComment.FindStringSubmatch(line); m != nil {
				for _, rule := range strings.Fields(m[1]) {
					out = append(out, fmt.Sprintf("%s:%d %s", n, i+1, rule))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestComposeFindingsAtTheirLines(t *testing.T) {
	dir := filepath.Join("testdata", "compose")
	main := filepath.Join(dir, "compose.yaml")
	data, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(t)
	res, err := r.Compose(t.Context(), compose.File{Name: main, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	got := make([]string, 0, len(res.Findings))
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Pos.File, f.Pos.Line, f.Rule))
	}
	slices.Sort(got)
	want := wants(t, main, filepath.Join(dir, "base.yaml"), filepath.Join(dir, "compose.override.yaml"))
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Specs != 4 || res.Files != 1 {
		t.Errorf("specs = %d, files = %d", res.Specs, res.Files)
	}
}

func TestComposeBrokenFileIsAnError(t *testing.T) {
	r := newRunner(t)
	res, err := r.Compose(t.Context(),
		compose.File{Name: "bad.yaml", Data: []byte("services:\n  a:\n    image: alpine\n    user: 0\n")},
		compose.File{Name: "good.yaml", Data: []byte("services:\n  b:\n    image: alpine\n    volumes: ['/:/host']\n")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || res.Errors[0].File != "bad.yaml" || res.Errors[0].Line != 4 {
		t.Errorf("errors = %v", res.Errors)
	}
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, fmt.Sprintf("%s:%d %s", f.Pos.File, f.Pos.Line, f.Rule))
	}
	if !slices.Contains(rules, "good.yaml:4 host-root-mount") {
		t.Errorf("findings = %v", rules)
	}
}
