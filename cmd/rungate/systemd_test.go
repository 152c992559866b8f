package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rungate/rungate/pkg/host"
)

// unitKey returns the value of a plain key (one with no quoting, such as
// ListenStream) in a systemd unit file.
func unitKey(t *testing.T, path, key string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+"="); ok {
			return v
		}
	}
	t.Fatalf("%s has no %s=", path, key)
	return ""
}

const (
	serviceUnit = "../../contrib/systemd/rungate.service"
	socketUnit  = "../../contrib/systemd/rungate.socket"
)

// TestSystemdUnits checks the shipped units: the service's command line is
// one rungate accepts, its --socket is the socket unit's ListenStream, and
// systemd-analyze, where the machine has it, finds nothing wrong.
func TestSystemdUnits(t *testing.T) {
	// The command line, read the way rungate host reads docker.service's:
	// with systemd's quoting.
	exe, _, found, err := host.LoadUnit(os.DirFS(filepath.Dir(serviceUnit)), []string{filepath.Base(serviceUnit)})
	if err != nil || !found {
		t.Fatalf("read %s: found %v, %v", serviceUnit, found, err)
	}
	if len(exe) < 2 || filepath.Base(exe[0]) != "rungate" || exe[1] != "authz" {
		t.Fatalf("ExecStart %v does not run rungate authz", exe)
	}
	root := newRootCommand(streams{out: io.Discard, err: io.Discard})
	cmd, rest, err := root.Find(exe[1:])
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Fatalf("rungate rejects the unit's flags %v: %v", rest, err)
	}
	if sock, _ := cmd.Flags().GetString("socket"); sock != unitKey(t, socketUnit, "ListenStream") {
		t.Errorf("--socket %s is not the socket unit's ListenStream %s", sock, unitKey(t, socketUnit, "ListenStream"))
	}

	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed: the units' syntax is not verified")
	}
	// verify insists that ExecStart names an executable: point it at this
	// test binary, in a copy of the units.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, src := range []string{serviceUnit, socketUnit} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), exe[0], self)
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(analyze, "verify", "--man=no",
		filepath.Join(dir, "rungate.socket"), filepath.Join(dir, "rungate.service")).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// TestSocketActivation starts the real binary the way systemd starts the
// service from rungate.socket: the listening socket as descriptor 3 and
// LISTEN_PID/LISTEN_FDS naming the process. rungate must serve on it, and
// leave the socket file, which is systemd's, when it stops.
func TestSocketActivation(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build the binary with")
	}
	dir, err := os.MkdirTemp("", "rgsd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	bin := filepath.Join(dir, "rungate")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sock := filepath.Join(dir, "p.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	ul := l.(*net.UnixListener)
	ul.SetUnlinkOnClose(false)
	f, err := ul.File()
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Close()
	// sh sets LISTEN_PID to its own pid and execs rungate, which keeps it;
	// --socket names a path that must not be created.
	unused := filepath.Join(dir, "unused", "x.sock")
	cmd := exec.Command("sh", "-c", `LISTEN_PID=$$ LISTEN_FDS=1 exec "$0" authz --socket "$1" --docker-host=`, bin, unused)
	cmd.ExtraFiles = []*os.File{f}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	defer func() { _ = cmd.Process.Kill() }()

	c := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		},
	}}
	var body string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := c.Post("http://plugin/Plugin.Activate", "application/json", nil)
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
		break
	}
	if !strings.Contains(body, `"authz"`) {
		t.Fatalf("Plugin.Activate on the passed socket = %q\nstderr: %s", body, stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if _, err := os.Stat(sock); err != nil {
		t.Errorf("the passed socket's file is gone after rungate stopped: %v", err)
	}
	if _, err := os.Stat(unused); err == nil {
		t.Errorf("rungate created --socket %s although systemd passed one", unused)
	}
}
