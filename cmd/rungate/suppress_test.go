package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fixture is a file under testdata/suppress.
func fixture(name string) string { return filepath.Join("..", "..", "testdata", "suppress", name) }

// lintCase runs lint with JSON output and returns the findings as
// "rule@line", stderr and the exit code.
func lintCase(t *testing.T, args ...string) ([]string, string, int) {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"lint", "--format", "json"}, args...)...)
	var got jsonOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\nstdout: %s\nstderr: %s", err, out, stderr)
	}
	var fs []string
	for _, f := range got.Findings {
		fs = append(fs, f.Rule+"@"+strconv.Itoa(f.Line))
	}
	return fs, stderr, code
}

func TestInlineSuppression(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		want   []string // findings left, rule@line
		stderr []string // substrings of stderr
		code   int
	}{
		{name: "end of line, shell", args: []string{fixture("eol.sh")}},
		{name: "line before a continued command", args: []string{fixture("before.sh")}},
		{name: "compose list item", args: []string{fixture("compose.yaml")}},
		{name: "makefile recipe", args: []string{fixture("Makefile")}},
		{name: "markdown comment before a fence", args: []string{fixture("README.md")}},
		{name: "file level", args: []string{fixture("file.sh")}},
		{
			name:   "unused and unknown",
			args:   []string{fixture("unused.sh")},
			stderr: []string{"unused.sh:2:1: unused suppression for host-root-mount", "unused.sh:4:1: suppression names unknown rule no-such-rule"},
		},
		{name: "no reason is fine by default", args: []string{fixture("noreason.sh")}},
		{
			name:   "require reason",
			args:   []string{"--require-reason", fixture("noreason.sh")},
			want:   []string{"host-root-mount@2"},
			code:   exitUsage,
			stderr: []string{"1 input error"},
		},
		{
			name: "no inline ignores",
			args: []string{"--no-inline-ignores", fixture("eol.sh")},
			want: []string{"host-root-mount@3"},
			code: exitFindings,
		},
		{
			name: "end of line covers only its own command",
			args: []string{"-c", "docker run --read-only --log-opt max-size=10m -v /:/host alpine # rungate:ignore readonly-rootfs-missing -- no"},
			want: []string{"host-root-mount@1"},
			code: exitFindings,
			// The comment is in the -c string, so it is unused there.
			stderr: []string{"unused suppression for readonly-rootfs-missing"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, stderr, code := lintCase(t, tc.args...)
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings = %v, want %v\nstderr: %s", got, tc.want, stderr)
			}
			if code != tc.code {
				t.Errorf("exit code = %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if len(tc.stderr) == 0 && strings.Contains(stderr, "warning") {
				t.Errorf("unexpected warnings:\n%s", stderr)
			}
		})
	}
}
