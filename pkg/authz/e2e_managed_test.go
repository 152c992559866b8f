package authz

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rungate/rungate/internal/testreport"
)

// TestE2EManagedPlugin installs rungate as a managed (v2) plugin, built
// with `docker plugin create` from a root filesystem holding the static
// binary, into a private dockerd; turns it on as the authorization plugin
// through daemon.json and SIGHUP; and checks that it refuses a root bind
// and its own disabling and removal.
func TestE2EManagedPlugin(t *testing.T) {
	if reason := e2eSkipReason(); reason != "" {
		testreport.Write(t, "authz-e2e-managed", "authz managed plugin e2e: SKIPPED: "+reason)
		t.Skip(reason)
	}
	ctx := t.Context()
	dir, err := os.MkdirTemp("", "rgm")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeTree(t, dir) })
	d := startDockerd(t, dir, "")
	docker := func(args ...string) (string, error) { return d.docker(ctx, dir, args...) }
	must := func(args ...string) string {
		t.Helper()
		out, err := docker(args...)
		if err != nil {
			t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}

	name := fmt.Sprintf("rungate-e2e-%d", os.Getpid())
	ref := name + ":latest"
	pdir := filepath.Join(dir, "plugin")
	rootfs := filepath.Join(pdir, "rootfs")
	for _, sub := range []string{"run/docker/plugins", "tmp", "etc"} {
		if err := os.MkdirAll(filepath.Join(rootfs, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", filepath.Join(rootfs, "rungate"), "github.com/rungate/rungate/cmd/rungate")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build rungate: %v\n%s", err, out)
	}
	config := map[string]any{
		"description":   "rungate: docker run security policy as an authorization plugin",
		"documentation": "https://github.com/rungate/rungate/blob/main/docs/authz.md",
		"entrypoint":    []string{"/rungate", "authz", "--socket", "/run/docker/plugins/rungate.sock", "--docker-host=", "--name", name},
		"interface":     map[string]any{"types": []string{"docker.authz/1.0"}, "socket": "rungate.sock"},
		"network":       map[string]any{"type": "host"},
	}
	b, _ := json.Marshal(config)
	if err := os.WriteFile(filepath.Join(pdir, "config.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	must("plugin", "create", ref, pdir)
	must("plugin", "enable", ref)
	must("import", buildImage(t, dir), "rungate-tiny:e2e")

	// Turn authorization on: daemon.json, then SIGHUP.
	cfg := fmt.Sprintf(`{"authorization-plugins":[%q]}`, ref)
	if err := os.WriteFile(filepath.Join(dir, "daemon.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := d.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	// The probe is harmless if it runs before the reload takes effect.
	var out string
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err = docker("run", "--rm", "-v", "/:/host", "rungate-tiny:e2e", "/tiny")
		if err != nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err == nil || !strings.Contains(out, "authorization denied by plugin "+ref) || !strings.Contains(out, "host-root-mount") {
		t.Fatalf("docker run -v /:/host with the managed plugin on: err=%v\n%s", err, out)
	}
	var log strings.Builder
	fmt.Fprintf(&log, "authz managed plugin e2e (docker plugin create + enable, authorization-plugins via SIGHUP): RAN\n")
	fmt.Fprintf(&log, "  docker run -v /:/host      -> refused: %s\n", firstLine(out))
	must("run", "--rm", "--read-only", "--log-opt", "max-size=1m", "rungate-tiny:e2e", "/tiny")
	fmt.Fprintf(&log, "  compliant docker run       -> ran, exit 0\n")
	for _, args := range [][]string{{"plugin", "disable", ref}, {"plugin", "disable", "-f", name}, {"plugin", "rm", "-f", ref}} {
		out, err := docker(args...)
		if err == nil || !strings.Contains(out, "self-protection") {
			t.Fatalf("docker %s: err=%v, want refused by self-protection:\n%s", strings.Join(args, " "), err, out)
		}
		fmt.Fprintf(&log, "  docker %-22s -> refused: %s\n", strings.Join(args, " "), firstLine(out))
	}
	testreport.Write(t, "authz-e2e-managed", strings.TrimRight(log.String(), "\n"))
}
