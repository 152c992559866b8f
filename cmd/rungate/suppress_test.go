package main

import (
	"encoding/json"
	"os"
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

// configFixture is a file under testdata/config.
func configFixture(name string) string {
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "config", name))
	if err != nil {
		panic(err)
	}
	return p
}

// writeConfig writes a .rungate.yaml into a new directory and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".rungate.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfig(t *testing.T) {
	app := configFixture("app.sh")
	tests := []struct {
		name   string
		config string
		args   []string
		want   []string
		code   int
		stderr string
	}{
		{name: "no config", args: []string{app}, want: []string{"host-root-mount@2"}, code: exitFindings},
		{name: "disable", config: "disable: [host-root-mount]\n", args: []string{app}},
		{name: "enable", config: "enable: [readonly-rootfs-missing]\n", args: []string{app}},
		{name: "severity below the threshold", config: "severity: {host-root-mount: low}\n", args: []string{app}, want: []string{"host-root-mount@2"}},
		{name: "fail-on", config: "fail-on: critical\nseverity: {host-root-mount: high}\n", args: []string{app}, want: []string{"host-root-mount@2"}},
		{name: "flag beats config", config: "fail-on: critical\nseverity: {host-root-mount: high}\n", args: []string{"--fail-on", "high", app}, want: []string{"host-root-mount@2"}, code: exitFindings},
		{
			name:   "data marks a directory as content",
			config: "data:\n  mounts:\n    targets:\n      /stuff: {kind: content, what: the stuff}\n",
			args:   []string{app},
			want:   []string{"host-root-mount@2", "writable-content-mount@2"},
			code:   exitFindings,
		},
		{
			name:   "extra policy directory",
			config: "policy: [" + configFixture("policy") + "]\nfail-on: low\ndisable: [host-root-mount]\n",
			args:   []string{app},
			want:   []string{"alpine-image@2"},
			code:   exitFindings,
		},
		{
			name:   "ignore-paths",
			config: "ignore-paths: [skipped/]\n",
			args:   []string{configFixture("tree")},
			want:   []string{"host-root-mount@2"},
			code:   exitFindings,
		},
		{name: "inline ignores off", config: "inline-ignores: false\n", args: []string{fixture("eol.sh")}, want: []string{"host-root-mount@3"}, code: exitFindings},
		{name: "require reason", config: "require-reason: true\n", args: []string{fixture("noreason.sh")}, want: []string{"host-root-mount@2"}, code: exitUsage},
		{name: "unknown key", config: "fail-on: high\nfailon: low\n", args: []string{app}, code: exitUsage, stderr: `.rungate.yaml:2: unknown key "failon"`},
		{name: "unknown rule", config: "disable: [no-such-rule]\n", args: []string{app}, code: exitUsage, stderr: `disable: unknown rule "no-such-rule"`},
		{name: "bad severity", config: "severity: {host-root-mount: huge}\n", args: []string{app}, code: exitUsage, stderr: "unknown severity"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if tc.config != "" {
				args = append([]string{"--config", writeConfig(t, tc.config)}, args...)
			}
			if tc.code == exitUsage && tc.stderr != "" {
				_, stderr, code := run(t, "", append([]string{"lint"}, args...)...)
				if code != tc.code || !strings.Contains(stderr, tc.stderr) {
					t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.stderr)
				}
				return
			}
			got, stderr, code := lintCase(t, args...)
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings = %v, want %v\nstderr: %s", got, tc.want, stderr)
			}
			if code != tc.code {
				t.Errorf("exit code = %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
		})
	}
}

// TestConfigSearch finds .rungate.yaml above the working directory, and
// not above the repository root.
func TestConfigSearch(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	sub := filepath.Join(repo, "sub")
	for _, d := range []string{filepath.Join(repo, ".git"), sub} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Above the repository: must not be read.
	if err := os.WriteFile(filepath.Join(root, ".rungate.yaml"), []byte("fail-on: critical\nsever: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	app := configFixture("app.sh")
	t.Chdir(sub)
	if got, _, code := lintCase(t, app); code != exitFindings || len(got) != 1 {
		t.Fatalf("without a config in the repository: %v, exit %d", got, code)
	}
	if err := os.WriteFile(filepath.Join(repo, ".rungate.yaml"), []byte("disable: [host-root-mount]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, stderr, code := lintCase(t, app); code != exitOK || len(got) != 0 {
		t.Fatalf("with the repository's config: %v, exit %d\n%s", got, code, stderr)
	}
}
