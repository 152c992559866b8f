package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// examplePolicy is the custom policy example shipped in examples/policy.
var examplePolicy = filepath.Join("..", "..", "examples", "policy")

// policyDir writes a policy directory for one test.
func policyDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const teamRule = `# METADATA
# title: Team rule
# description: Flags privileged containers again.
# custom:
#   id: team-rule
#   severity: low
#   remediation: Do not.
package rungate.rules.team_rule

import data.rungate.rules.privileged

deny contains {"msg": "again"} if count(privileged.deny) > 0
`

func TestVerify(t *testing.T) {
	pass := "package rungate.rules.team_rule_test\n\nimport data.rungate.rules.team_rule\n\n" +
		"test_fires if count(team_rule.deny) == 1 with input as {\"kind\": \"docker-run\", \"create\": {\"Image\": \"a\", \"HostConfig\": {\"Privileged\": true}}, \"source\": {\"name\": \"\"}}\n"
	fail := pass + "\ntest_wrong if count(team_rule.deny) == 1 with input as {\"kind\": \"host\"}\n"
	tests := []struct {
		name   string
		args   func(t *testing.T) []string
		config string
		code   int
		out    []string // regular expressions stdout must match
		stderr string
	}{
		{
			name: "example policy",
			args: func(*testing.T) []string { return []string{examplePolicy} },
			out: []string{
				`PASS  \.\./\.\./examples/policy/owner-label-missing_test\.rego:7  rungate\.rules\.owner_label_missing_test\.test_no_labels`,
				`\.\./\.\./examples/policy/owner-label-missing\.rego +100\.0%`,
				`6 tests, 6 passed, 0 failed; coverage 100\.0%`,
			},
		},
		{
			name: "a failing test",
			args: func(t *testing.T) []string {
				return []string{policyDir(t, map[string]string{"team-rule.rego": teamRule, "team-rule_test.rego": fail})}
			},
			code: exitFindings,
			out:  []string{`PASS  \S+/team-rule_test\.rego:5 `, `FAIL  \S+/team-rule_test\.rego:7  rungate\.rules\.team_rule_test\.test_wrong`, `2 tests, 1 passed, 1 failed`},
		},
		{
			name: "rule does not compile",
			args: func(t *testing.T) []string {
				bad := strings.Replace(teamRule, "count(privileged.deny) > 0", "undefined_fn(1)", 1)
				return []string{policyDir(t, map[string]string{"team-rule.rego": bad, "team-rule_test.rego": pass})}
			},
			code:   exitUsage,
			stderr: `team-rule\.rego:12: .*undefined function undefined_fn`,
		},
		{
			name: "test does not compile",
			args: func(t *testing.T) []string {
				return []string{policyDir(t, map[string]string{"team-rule.rego": teamRule, "team-rule_test.rego": pass + "\ntest_x if {\n"})}
			},
			code:   exitUsage,
			stderr: `team-rule_test\.rego:\d+`,
		},
		{
			name: "bad metadata",
			args: func(t *testing.T) []string {
				return []string{policyDir(t, map[string]string{"team-rule.rego": strings.Replace(teamRule, "severity: low", "severity: lowish", 1), "team-rule_test.rego": pass})}
			},
			code:   exitUsage,
			stderr: `team-rule\.rego:1: METADATA: custom\.severity: unknown severity "lowish"`,
		},
		{
			name: "no tests",
			args: func(t *testing.T) []string {
				return []string{policyDir(t, map[string]string{"team-rule.rego": teamRule})}
			},
			code:   exitUsage,
			stderr: "no tests found",
		},
		{name: "not a directory", args: func(*testing.T) []string { return []string{"nope"} }, code: exitUsage, stderr: "--policy: stat nope"},
		{
			name:   "directories from the configuration",
			args:   func(*testing.T) []string { return nil },
			config: "policy: [" + func() string { p, _ := filepath.Abs(examplePolicy); return p }() + "]\n",
			out:    []string{`6 tests, 6 passed`},
		},
		{name: "nothing to verify", args: func(*testing.T) []string { return nil }, config: "fail-on: high\n", code: exitUsage, stderr: "nothing to verify"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"verify"}, tc.args(t)...)
			if tc.config != "" {
				args = append(args, "--config", writeConfig(t, tc.config))
			}
			out, stderr, code := run(t, "", args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, stderr)
			}
			for _, re := range tc.out {
				if !regexp.MustCompile(re).MatchString(out) {
					t.Errorf("stdout does not match %q:\n%s", re, out)
				}
			}
			if tc.stderr != "" && !regexp.MustCompile(tc.stderr).MatchString(stderr) {
				t.Errorf("stderr %q does not match %q", stderr, tc.stderr)
			}
		})
	}
}

// TestLintCustomPolicy: --policy DIR adds the user's rules and data to
// lint, with the same input and metadata; a profile can rate them.
func TestLintCustomPolicy(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "team.yaml")
	if err := os.WriteFile(prof, []byte("extends: restricted\nrules:\n  owner-label-missing: {severity: high}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, command string
		args          []string
		want          string // severity of owner-label-missing; "" = no finding
		code          int    // -1: other rules decide
	}{
		{name: "fires", command: "docker run -d nginx", want: "low", code: -1},
		{name: "quiet", command: "docker run -d --label owner=web-team nginx", code: -1},
		{name: "rated by a profile", command: "docker run -d --read-only --log-opt max-size=1m nginx", args: []string{"--profile", prof}, want: "high", code: exitFindings},
		{name: "disabled by the configuration", command: "docker run -d nginx", args: []string{"--config", writeConfig(t, "disable: [owner-label-missing]\n")}, code: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, code := lintJSON(t, append(append([]string{"--policy", examplePolicy}, tc.args...), "-c", tc.command)...)
			sev := ""
			for _, f := range got.Findings {
				if f.Rule == "owner-label-missing" {
					sev = f.Severity
					if f.File != "-c" || f.Line != 1 {
						t.Errorf("finding at %s:%d", f.File, f.Line)
					}
				}
			}
			if sev != tc.want || (tc.code >= 0 && code != tc.code) {
				t.Errorf("owner-label-missing severity %q, exit %d; want %q, exit %d", sev, code, tc.want, tc.code)
			}
		})
	}
}
