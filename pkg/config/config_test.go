package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantErr string
		check   func(*Config) bool
	}{
		{name: "empty", src: "", check: func(c *Config) bool { return c.RequireReason == nil && c.Enable == nil }},
		{
			name: "every key",
			src: `fail-on: medium
enable: [host-root-mount]
disable: [log-json-unbounded]
severity: {readonly-rootfs-missing: high}
ignore-paths: [vendor/, "*.gen.sh"]
policy: [policies]
data:
  mounts:
    targets:
      /srv/app: {kind: content, what: the app}
require-reason: true
inline-ignores: false
`,
			check: func(c *Config) bool {
				return c.FailOn == "medium" && c.Enable[0] == "host-root-mount" && c.Disable[0] == "log-json-unbounded" &&
					c.Severity["readonly-rootfs-missing"] == "high" && len(c.IgnorePaths) == 2 && c.Policy[0] == "policies" &&
					c.Data["mounts"] != nil && *c.RequireReason && !*c.InlineIgnores
			},
		},
		{name: "unknown key", src: "fail-on: high\nfailon: low\n", wantErr: `parse config .rungate.yaml:2: unknown key "failon"`},
		{name: "bad type", src: "enable: 3\n", wantErr: "parse config .rungate.yaml: yaml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(".rungate.yaml", []byte(tc.src))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(c) {
				t.Errorf("got %+v", c)
			}
		})
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "repo", "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		t.Helper()
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A file above the repository root is not used.
	write(filepath.Join(root, FileName))
	if err := os.Mkdir(filepath.Join(root, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := Find(deep); err != nil || ok {
		t.Fatalf("found a file above the repository root: %v %v", ok, err)
	}
	write(filepath.Join(root, "repo", FileName))
	if p, ok, err := Find(deep); err != nil || !ok || p != filepath.Join(root, "repo", FileName) {
		t.Fatalf("Find = %q %v %v", p, ok, err)
	}
	write(filepath.Join(root, "repo", "a", FileName))
	if p, _, _ := Find(deep); p != filepath.Join(root, "repo", "a", FileName) {
		t.Fatalf("nearest not preferred: %q", p)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("fail-on: high\nenable: [a]\nseverity: {a: low}\ndata: {mounts: {targets: {/x: {kind: content}}}}\n"))
	f.Add([]byte("unknown: 1\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yaml", data)
		if err == nil && c == nil {
			t.Fatal("nil config without an error")
		}
	})
}
