package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungate/rungate/pkg/runspec"
)

// TestAuthzServes starts `rungate authz` on a socket, has it deny a root
// bind and allow a read, and shuts it down by cancelling its context.
func TestAuthzServes(t *testing.T) {
	dir, err := os.MkdirTemp("", "rga")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "plugins", "rungate.sock")
	logFile := filepath.Join(dir, "decisions.jsonl")
	ctx, cancel := context.WithCancel(t.Context())
	var errBuf bytes.Buffer
	s := streams{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &lockedWriter{w: &errBuf}}
	done := make(chan error, 1)
	go func() {
		done <- runAuthz(ctx, s, &authzOptions{socket: sock, mode: "enforce", failOn: "high", logFile: logFile, timeout: time.Minute})
	}()
	c := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", sock)
	}}}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("socket never appeared: %v", <-done)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ask := func(method, uri, body string) (allow bool, msg string) {
		t.Helper()
		b, _ := json.Marshal(map[string]any{"RequestMethod": method, "RequestUri": uri, "RequestBody": []byte(body)})
		resp, err := c.Post("http://plugin/AuthZPlugin.AuthZReq", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Allow bool
			Msg   string
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out.Allow, out.Msg
	}
	if allow, msg := ask("POST", "/v1.41/containers/create", `{"Image":"a","HostConfig":{"Binds":["/:/host"]}}`); allow || !strings.Contains(msg, "host-root-mount") {
		t.Errorf("root bind: allow=%v msg=%q", allow, msg)
	}
	if allow, msg := ask("GET", "/v1.41/containers/json", ""); !allow {
		t.Errorf("read denied: %s", msg)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("runAuthz: %v", err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("socket left behind: %v", err)
	}
	logged, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logged), `"policy":"sha256:`) {
		t.Errorf("decision log names no policy hash:\n%s", logged)
	}
	if n := strings.Count(string(logged), "\n"); n != 2 {
		t.Errorf("decision log has %d lines, want 2:\n%s", n, logged)
	}
}

func TestAuthzFlags(t *testing.T) {
	for _, o := range []authzOptions{
		{socket: "/tmp/x.sock", mode: "permissive", failOn: "high"},
		{socket: "/tmp/x.sock", mode: "audit", failOn: "severe"},
		{mode: "audit", failOn: "high"},
	} {
		err := runAuthz(t.Context(), streams{out: &bytes.Buffer{}, err: &bytes.Buffer{}}, &o)
		if exitCode(err) != exitUsage {
			t.Errorf("%+v: exit %d (%v), want %d", o, exitCode(err), err, exitUsage)
		}
	}
}

// lockedWriter lets the server's goroutines share one buffer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestAuthzPolicyLoad checks that a policy whose Rego does not compile or
// whose tests fail is refused, which is what keeps the last good policy on
// SIGHUP and keeps the plugin from starting without one.
func TestAuthzPolicyLoad(t *testing.T) {
	good := &authzOptions{}
	p, err := good.loadPolicy(t.Context(), runspec.DefaultDaemon(), loaded{})
	if err != nil || p.Engine == nil || !strings.HasPrefix(p.Hash, "sha256:") {
		t.Fatalf("built-in policy: %+v, %v", p, err)
	}
	for name, files := range map[string]map[string]string{
		"does not compile": {"bad.rego": "package rungate.rules.bad\n\ndeny contains x if {"},
		"failing test": {
			"extra_test.rego": "package rungate.rules.extra_test\n\ntest_fails if { false }\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for f, body := range files {
				if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o := &authzOptions{policy: policyOptions{rules: ruleOptions{dirs: []string{dir}}}}
			if _, err := o.loadPolicy(t.Context(), runspec.DefaultDaemon(), loaded{}); err == nil {
				t.Fatal("broken policy loaded")
			}
		})
	}
}

// TestAuthzProfileAndConfig: the plugin runs the rules the profile and
// .rungate.yaml choose, at their severities, and says so in its policy
// hash; a bad choice stops it as bad configuration.
func TestAuthzProfileAndConfig(t *testing.T) {
	tests := []struct {
		name    string
		profile string
		config  string
		want    map[string]string // rule -> severity; "" = must not run
		code    int
	}{
		{name: "default", want: map[string]string{"readonly-rootfs-missing": "medium", "privileged": "critical"}},
		{name: "restricted", profile: "restricted", want: map[string]string{"readonly-rootfs-missing": "high", "privileged": "critical"}},
		{name: "profile from config", config: "profile: restricted\n", want: map[string]string{"readonly-rootfs-missing": "high"}},
		{name: "flag beats config", profile: "default", config: "profile: restricted\n", want: map[string]string{"readonly-rootfs-missing": "medium"}},
		{
			name:   "config overrides on the profile",
			config: "profile: restricted\ndisable: [host-ipc]\nseverity: {readonly-rootfs-missing: low}\n",
			want:   map[string]string{"readonly-rootfs-missing": "low", "host-ipc": ""},
		},
		{name: "unknown rule", config: "disable: [host-icp]\n", code: exitUsage},
		{name: "unknown profile", profile: "strict", code: exitUsage},
	}
	hashes := map[string]string{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := &authzOptions{policy: policyOptions{rules: ruleOptions{profile: tc.profile}}}
			if tc.config != "" {
				o.config = writeConfig(t, tc.config)
			}
			cfg, err := o.loadConfig()
			if err != nil {
				t.Fatal(err)
			}
			p, err := o.loadPolicy(t.Context(), runspec.DefaultDaemon(), cfg)
			if tc.code != 0 {
				if exitCode(err) != tc.code {
					t.Fatalf("exit %d (%v), want %d", exitCode(err), err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, r := range p.Engine.Rules() {
				got[r.ID] = r.Severity.String()
			}
			for id, sev := range tc.want {
				if got[id] != sev {
					t.Errorf("%s: severity %q, want %q", id, got[id], sev)
				}
			}
			if other, dup := hashes[p.Hash]; dup && got["readonly-rootfs-missing"] != other {
				t.Errorf("policy hash %s is the same for different choices", p.Hash)
			}
			hashes[p.Hash] = got["readonly-rootfs-missing"]
		})
	}
}
