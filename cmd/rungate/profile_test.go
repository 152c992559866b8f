package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintProfile: --profile (or the configuration's profile key) chooses
// the rules and their severity; a bad profile is exit 2.
func TestLintProfile(t *testing.T) {
	web := `docker run -d -p 80:80 -v $PWD/web_base:/var/www/html web-server`
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	custom := write("quiet.yaml", "name: quiet\nextends: restricted\nrules:\n  log-json-unbounded: {enabled: false}\n")
	typo := write("typo.yaml", "rules:\n  readonly-rootfs-mising: {severity: high}\n")
	tests := []struct {
		name   string
		config string
		args   []string
		want   map[string]string // rule -> severity of its finding; absent = no finding
		code   int
		stderr string
	}{
		{
			name: "default",
			want: map[string]string{"readonly-rootfs-missing": "medium", "log-json-unbounded": "medium", "writable-content-mount": "medium"},
		},
		{
			name: "restricted fails the build on hardening gaps",
			args: []string{"--profile", "restricted"},
			want: map[string]string{"readonly-rootfs-missing": "high", "log-json-unbounded": "high", "writable-content-mount": "high"},
			code: exitFindings,
		},
		{
			name:   "profile from the configuration",
			config: "profile: restricted\n",
			want:   map[string]string{"readonly-rootfs-missing": "high", "log-json-unbounded": "high", "writable-content-mount": "high"},
			code:   exitFindings,
		},
		{
			name:   "configuration on top of the profile",
			config: "profile: restricted\ndisable: [writable-content-mount]\nseverity: {log-json-unbounded: low}\n",
			want:   map[string]string{"readonly-rootfs-missing": "high", "log-json-unbounded": "low"},
			code:   exitFindings,
		},
		{
			name:   "flag beats the configuration",
			config: "profile: restricted\n",
			args:   []string{"--profile", "default"},
			want:   map[string]string{"readonly-rootfs-missing": "medium", "log-json-unbounded": "medium", "writable-content-mount": "medium"},
		},
		{
			name: "profile file",
			args: []string{"--profile", custom},
			want: map[string]string{"readonly-rootfs-missing": "high", "writable-content-mount": "high"},
			code: exitFindings,
		},
		{name: "unknown profile", args: []string{"--profile", "strict"}, code: exitUsage, stderr: `--profile: unknown profile "strict"`},
		{name: "missing profile file", args: []string{"--profile", "nope.yaml"}, code: exitUsage, stderr: "--profile: read profile"},
		{name: "profile names an unknown rule", args: []string{"--profile", typo}, code: exitUsage, stderr: `unknown rule "readonly-rootfs-mising" (did you mean readonly-rootfs-missing?)`},
		{name: "configuration names an unknown profile", config: "profile: baseline\n", code: exitUsage, stderr: `profile: unknown profile "baseline"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"lint", "--format", "json"}, tc.args...)
			if tc.config != "" {
				args = append(args, "--config", writeConfig(t, tc.config))
			}
			if tc.code == exitUsage {
				_, stderr, code := run(t, "", append(args, "-c", web)...)
				if code != exitUsage || !strings.Contains(stderr, tc.stderr) || strings.Count(stderr, "\n") != 1 {
					t.Fatalf("exit %d, stderr %q; want exit 2 and one line with %q", code, stderr, tc.stderr)
				}
				return
			}
			got, code := lintJSON(t, append(args[3:], "-c", web)...)
			sev := map[string]string{}
			failing := exitOK
			for _, f := range got.Findings {
				sev[f.Rule] = f.Severity
				if f.Severity == "high" || f.Severity == "critical" {
					failing = exitFindings
				}
			}
			// Only the mission rules are judged: other rules of the
			// catalogue may fire on this line too.
			for _, r := range []string{"readonly-rootfs-missing", "log-json-unbounded", "writable-content-mount"} {
				if sev[r] != tc.want[r] {
					t.Errorf("%s: severity %q, want %q (all: %v)", r, sev[r], tc.want[r], sev)
				}
			}
			if code != failing || (tc.code == exitFindings && code != exitFindings) {
				t.Errorf("exit %d, want %d (findings %v)", code, max(failing, tc.code), sev)
			}
		})
	}
}

// TestSuppressionOfADisabledRule: a comment for a rule the configuration
// turns off is neither unknown nor unused, since the rule is not run.
func TestSuppressionOfADisabledRule(t *testing.T) {
	script := filepath.Join(t.TempDir(), "run.sh")
	body := "docker run --read-only -v /:/host alpine # rungate:ignore host-root-mount -- node agent\n"
	if err := os.WriteFile(script, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diag, _ := lintCase(t, "--config", writeConfig(t, "disable: [host-root-mount]\n"), "--unused-suppressions", "error", script)
	if diag != "" {
		t.Errorf("diagnostics for a disabled rule's comment:\n%s", diag)
	}
}

// TestHostProfile: host takes --profile (and --policy) too; a profile
// file can turn a host rule's severity down, and a bad one is exit 2.
func TestHostProfile(t *testing.T) {
	dir := t.TempDir()
	group, passwd := filepath.Join(dir, "group"), filepath.Join(dir, "passwd")
	write(t, group, "root:x:0:\ndocker:x:998:alice\n")
	write(t, passwd, "root:x:0:0::/root:/bin/sh\n")
	low := filepath.Join(dir, "low.yaml")
	write(t, low, "rules:\n  docker-group-member: {severity: low}\n")
	for _, tc := range []struct {
		name     string
		profile  string
		severity string // of docker-group-member's finding
		code     int
	}{
		{name: "default", profile: "default", severity: "high"},
		{name: "restricted", profile: "restricted", severity: "high"},
		{name: "lowered", profile: low, severity: "low"},
		{name: "unknown", profile: "strict", code: exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := run(t, "", "host", "--format", "json", "--profile", tc.profile, "--group-file", group, "--passwd-file", passwd)
			if tc.code == exitUsage {
				if code != exitUsage {
					t.Errorf("exit %d, want 2; %s", code, stderr)
				}
				return
			}
			var got jsonOut
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %s %s", err, out, stderr)
			}
			sev := ""
			for _, f := range got.Findings {
				if f.Rule == "docker-group-member" {
					sev = f.Severity
				}
			}
			if sev != tc.severity {
				t.Errorf("docker-group-member at %q, want %q", sev, tc.severity)
			}
		})
	}
}

// TestConfigProfileFileIsRelative: a profile file named in .rungate.yaml
// is found beside the configuration, wherever rungate runs.
func TestConfigProfileFileIsRelative(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "team.yaml"), "extends: restricted\nrules:\n  readonly-rootfs-missing: {severity: critical}\n")
	cfg := filepath.Join(dir, ".rungate.yaml")
	write(t, cfg, "profile: team.yaml\n")
	got, code := lintJSON(t, "--config", cfg, "-c", "docker run nginx")
	sev := ""
	for _, f := range got.Findings {
		if f.Rule == "readonly-rootfs-missing" {
			sev = f.Severity
		}
	}
	if sev != "critical" || code != exitFindings {
		t.Errorf("readonly-rootfs-missing at %q, exit %d; want critical, 1", sev, code)
	}
}
