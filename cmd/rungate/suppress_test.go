package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fixture is a file under testdata/suppress.
func fixture(name string) string { return filepath.Join("..", "..", "testdata", "suppress", name) }

// fixtureRules are the rules the suppression, config and repository
// fixtures are written for (with alpine-image, the fixture policy's rule).
// Findings of rules added to the catalogue later are left out, as pkg/lint's
// fixture tests leave them out, so that a new rule does not change what
// these tests expect.
var fixtureRules = map[string]bool{
	"cap-add-dangerous": true, "docker-group-member": true, "host-ipc": true, "host-network": true, "host-pid": true,
	"host-root-mount": true, "log-json-unbounded": true, "privileged": true, "readonly-rootfs-missing": true,
	"runtime-socket-mount": true, "seccomp-unconfined": true, "writable-content-mount": true, "alpine-image": true,
}

// lintCase runs lint with JSON output and returns the open findings as
// "rule@line", the diagnostics (stderr, then the report's warnings and
// errors as "file:line:col: message" lines) and the exit code.
func lintCase(t *testing.T, args ...string) ([]string, string, int) {
	t.Helper()
	open, _, diag, code := lintSplit(t, args...)
	return open, diag, code
}

type jsonFinding struct {
	Rule        string `json:"rule"`
	Line        int    `json:"line"`
	Suppressed  bool   `json:"suppressed"`
	Suppression struct {
		Kind   string `json:"kind"`
		Reason string `json:"reason"`
	} `json:"suppression"`
}

type jsonDiag struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// lintSplit also returns the suppressed findings as "rule@line:kind:reason".
func lintSplit(t *testing.T, args ...string) (open, suppressed []string, diag string, code int) {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"lint", "--format", "json"}, args...)...)
	var got struct {
		Findings   []jsonFinding `json:"findings"`
		Suppressed []jsonFinding `json:"suppressed"`
		Warnings   []jsonDiag    `json:"warnings"`
		Errors     []jsonDiag    `json:"errors"`
	}
	if out == "" && code == exitUsage {
		// Refused before linting: there is no report.
		return nil, nil, stderr, code
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\nstdout: %s\nstderr: %s", err, out, stderr)
	}
	for _, f := range append(got.Findings, got.Suppressed...) {
		if !fixtureRules[f.Rule] {
			continue
		}
		key := f.Rule + "@" + strconv.Itoa(f.Line)
		if f.Suppressed {
			suppressed = append(suppressed, key+":"+f.Suppression.Kind+":"+f.Suppression.Reason)
			continue
		}
		open = append(open, key)
	}
	var b strings.Builder
	b.WriteString(stderr)
	for _, d := range got.Warnings {
		fmt.Fprintf(&b, "warning: %s:%d:%d: %s\n", d.File, d.Line, d.Column, d.Message)
	}
	for _, d := range got.Errors {
		fmt.Fprintf(&b, "error: %s:%d:%d: %s\n", d.File, d.Line, d.Column, d.Message)
	}
	return open, suppressed, b.String(), code
}

func TestInlineSuppression(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		want   []string // findings left, rule@line
		sup    []string // suppressed, rule@line:kind:reason; nil = not checked
		stderr []string // substrings of stderr
		code   int
	}{
		{name: "end of line, shell", args: []string{fixture("eol.sh")}, sup: []string{"host-root-mount@3:inline:node agent, reviewed in SEC-12"}},
		{name: "line before a continued command", args: []string{fixture("before.sh")}, sup: []string{"host-root-mount@5:inline:covers every line of the command below"}},
		{name: "compose list item", args: []string{fixture("compose.yaml")}, sup: []string{"host-root-mount@10:inline:the agent reads host files"}},
		{name: "makefile recipe", args: []string{fixture("Makefile")}, sup: []string{"host-root-mount@2:inline:dev only"}},
		{name: "markdown comment before a fence", args: []string{fixture("README.md")}, sup: []string{"host-root-mount@6:inline:documented example of the agent"}},
		{name: "comment in a compose override file", args: []string{fixture("override")}, sup: []string{"host-root-mount@4:inline:added for local debugging only"}},
		{name: "workflow block scalar", args: []string{fixture("ci.yml")}, sup: []string{"host-root-mount@9:inline:the CI job inspects the runner"}},
		{name: "jenkinsfile groovy comment", args: []string{fixture("Jenkinsfile")}, sup: []string{"host-root-mount@7:inline:the scanner reads the node"}},
		{name: "dockerfile header", args: []string{fixture("Dockerfile")}, sup: []string{"host-root-mount@4:inline:the image is a node agent"}},
		{name: "file level", args: []string{fixture("file.sh")}, sup: []string{
			"host-root-mount@2:inline:this script is the node agent's launcher",
			"host-root-mount@3:inline:this script is the node agent's launcher",
		}},
		{
			name:   "unused and unknown",
			args:   []string{fixture("unused.sh")},
			stderr: []string{"unused.sh:2:1: unused suppression for host-root-mount", "unused.sh:4:1: suppression names unknown rule no-such-rule"},
		},
		{
			name:   "unused as error",
			args:   []string{"--unused-suppressions", "error", fixture("unused.sh")},
			code:   exitUsage,
			stderr: []string{"error: ../../testdata/suppress/unused.sh:2:1: unused suppression for host-root-mount"},
		},
		{name: "unused-suppressions takes warn or error", args: []string{"--unused-suppressions", "fail", fixture("unused.sh")}, code: exitUsage, stderr: []string{"--unused-suppressions"}},
		{name: "no reason is fine by default", args: []string{fixture("noreason.sh")}},
		{
			name:   "require reason",
			args:   []string{"--require-reason", fixture("noreason.sh")},
			want:   []string{"host-root-mount@2"},
			code:   exitUsage,
			stderr: []string{"error: ../../testdata/suppress/noreason.sh:2:65: suppression of host-root-mount has no reason"},
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
			got, sup, stderr, code := lintSplit(t, tc.args...)
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings = %v, want %v\nstderr: %s", got, tc.want, stderr)
			}
			if tc.sup != nil && !slices.Equal(sup, tc.sup) {
				t.Errorf("suppressed = %q, want %q", sup, tc.sup)
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
		{name: "bad fail-on", config: "fail-on: severe\n", args: []string{app}, code: exitUsage, stderr: "fail-on: unknown severity"},
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

// TestBaseline writes a baseline, then moves the accepted finding down the
// file: it stays hidden, a new finding still fails, and an entry whose
// finding was fixed is reported stale.
func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile("run.sh", []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const accepted = "docker run --read-only --log-opt max-size=10m -v /:/host alpine\n"
	write("#!/bin/sh\n" + accepted)
	got, stderr, code := lintCase(t, "--write-baseline", "baseline.json", "run.sh")
	if code != exitOK || len(got) != 0 {
		t.Fatalf("writing: findings %v, exit %d\n%s", got, code, stderr)
	}
	data, err := os.ReadFile("baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"file": "run.sh"`) || !strings.Contains(string(data), `"rule": "host-root-mount"`) || strings.Contains(string(data), `"line"`) {
		t.Fatalf("baseline:\n%s", data)
	}

	// The accepted command moves down; a new one is added.
	write("#!/bin/sh\necho start\n\n" + accepted + "docker run --read-only --log-opt max-size=10m -v /:/rootfs busybox\n")
	got, stderr, code = lintCase(t, "--baseline", "baseline.json", "run.sh")
	if want := []string{"host-root-mount@5"}; !slices.Equal(got, want) || code != exitFindings {
		t.Fatalf("after edits: findings %v, exit %d; want %v, exit 1\n%s", got, code, want, stderr)
	}
	if strings.Contains(stderr, "stale") {
		t.Errorf("no entry is stale:\n%s", stderr)
	}

	// The accepted finding is fixed: its entry is stale.
	write("#!/bin/sh\ndocker run --read-only --log-opt max-size=10m alpine\n")
	got, stderr, code = lintCase(t, "--baseline", "baseline.json", "run.sh")
	if len(got) != 0 || code != exitOK || !strings.Contains(stderr, "baseline.json:0:0: stale baseline entry: host-root-mount in run.sh") {
		t.Fatalf("fixed: findings %v, exit %d\n%s", got, code, stderr)
	}

	// The configuration file names the baseline, relative to itself.
	write("#!/bin/sh\n" + accepted)
	if err := os.WriteFile(".rungate.yaml", []byte("baseline: baseline.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, stderr, code = lintCase(t, "run.sh"); len(got) != 0 || code != exitOK {
		t.Fatalf("baseline from the config: findings %v, exit %d\n%s", got, code, stderr)
	}

	// A baseline that is not one is a usage error.
	if err := os.WriteFile("bad.json", []byte(`{"version": 7, "entries": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "lint", "--baseline", "bad.json", "run.sh"); code != exitUsage || !strings.Contains(stderr, "version 7") {
		t.Fatalf("bad baseline: exit %d\n%s", code, stderr)
	}
}
