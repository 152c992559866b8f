package authz

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rungate/rungate/internal/testreport"
)

// EnvE2E turns on the end-to-end test against a real dockerd.
const EnvE2E = "RUNGATE_E2E"

// pluginDir is where dockerd looks for plugin sockets first.
const pluginDir = "/run/docker/plugins"

// TestE2EDockerd starts a private dockerd (own socket, data root, exec root,
// pidfile, containerd namespaces, no iptables or bridge) with rungate as
// its authorization plugin, and drives it with the real docker CLI. The
// machine's own dockerd is never touched: nothing of this test is shared
// with it but the plugin directory, where the socket has a test-unique
// name that only the private dockerd is told about.
func TestE2EDockerd(t *testing.T) {
	if reason := e2eSkipReason(); reason != "" {
		testreport.Write(t, "authz-e2e", "authz e2e against a real dockerd: SKIPPED: "+reason)
		t.Skip(reason)
	}
	ctx := t.Context()
	dir, err := os.MkdirTemp("", "rge")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeTree(t, dir) })

	// The plugin, in process, on a socket dockerd finds by name.
	name := fmt.Sprintf("rungate-e2e-%d", os.Getpid())
	sock := filepath.Join(pluginDir, name+".sock")
	if err := os.MkdirAll(pluginDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var decisions lockedBuffer
	h := newTestHandler(t, Options{SelfNames: []string{name}, SocketDir: pluginDir, Log: &decisions})
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	pctx, stopPlugin := context.WithCancel(ctx)
	pluginDone := make(chan error, 1)
	go func() { pluginDone <- Serve(pctx, l, h) }()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			stopPlugin()
			<-pluginDone
		}
		_ = os.Remove(sock)
	}
	t.Cleanup(stop)

	d := startDockerd(t, dir, name)
	docker := func(args ...string) (string, error) { return d.docker(ctx, dir, args...) }
	must := func(args ...string) string {
		t.Helper()
		out, err := docker(args...)
		if err != nil {
			t.Fatalf("docker %s: %v\n%s\ndecisions:\n%s", strings.Join(args, " "), err, out, decisions.String())
		}
		return out
	}
	refused := func(rule string, args ...string) string {
		t.Helper()
		out, err := docker(args...)
		if err == nil {
			t.Fatalf("docker %s succeeded, want it refused:\n%s", strings.Join(args, " "), out)
		}
		if !strings.Contains(out, "authorization denied by plugin "+name) || !strings.Contains(out, rule) {
			t.Fatalf("docker %s: refused without naming %s:\n%s", strings.Join(args, " "), rule, out)
		}
		return out
	}

	image := buildImage(t, dir)
	must("import", image, "rungate-tiny:e2e")

	var log strings.Builder
	fmt.Fprintf(&log, "authz e2e against a real dockerd (%s): RAN\n", must("version", "--format", "server {{.Server.Version}}, API {{.Server.APIVersion}}"))
	out := refused("host-root-mount", "run", "--rm", "-v", "/:/host", "rungate-tiny:e2e", "/tiny")
	fmt.Fprintf(&log, "  docker run -v /:/host            -> refused: %s\n", firstLine(out))
	must("run", "--rm", "--read-only", "--log-opt", "max-size=1m", "rungate-tiny:e2e", "/tiny")
	fmt.Fprintf(&log, "  docker run --read-only (compliant) -> ran, exit 0\n")
	must("run", "-d", "--name", "rg-sleeper", "--read-only", "--log-opt", "max-size=1m", "rungate-tiny:e2e", "/tiny", "sleep")
	out = refused("exec-privileged", "exec", "--privileged", "rg-sleeper", "/tiny")
	fmt.Fprintf(&log, "  docker exec --privileged          -> refused: %s\n", firstLine(out))
	must("exec", "rg-sleeper", "/tiny")
	fmt.Fprintf(&log, "  docker exec (plain)               -> ran\n")
	// Lifting the process limit of a running container is denied by the
	// default policy; setting one is not.
	out = refused("pids-limit-missing", "update", "--pids-limit", "-1", "rg-sleeper")
	fmt.Fprintf(&log, "  docker update --pids-limit -1     -> refused: %s\n", firstLine(out))
	must("update", "--pids-limit", "100", "rg-sleeper")
	fmt.Fprintf(&log, "  docker update --pids-limit 100    -> updated\n")
	must("rm", "-f", "rg-sleeper")
	out = refused("host-root-mount", "volume", "create", "--driver", "local", "-o", "type=none", "-o", "o=bind", "-o", "device=/", "rg-rootvol")
	fmt.Fprintf(&log, "  docker volume create o=bind device=/ -> refused: %s\n", firstLine(out))
	out = refused("self-protection", "run", "--rm", "-v", "/var/lib/docker:/d:ro", "rungate-tiny:e2e", "/tiny")
	fmt.Fprintf(&log, "  docker run -v /var/lib/docker     -> refused: %s\n", firstLine(out))

	// With the plugin gone, dockerd must refuse, not pass, requests.
	stop()
	if out, err := docker("run", "--rm", "rungate-tiny:e2e", "/tiny"); err == nil {
		t.Fatalf("with the plugin stopped, docker run succeeded:\n%s", out)
	} else {
		fmt.Fprintf(&log, "  plugin stopped: docker run        -> failed closed: %s\n", firstLine(out))
	}
	testreport.Write(t, "authz-e2e", strings.TrimRight(log.String(), "\n"))
}

// e2eSkipReason says why the test cannot run here, or "" when it can.
func e2eSkipReason() string {
	if os.Getenv(EnvE2E) != "1" {
		return EnvE2E + "=1 is not set"
	}
	if os.Geteuid() != 0 {
		return "not root: dockerd needs root"
	}
	for _, bin := range []string{"dockerd", "docker", "containerd", "runc"} {
		if _, err := exec.LookPath(bin); err != nil {
			if _, err2 := os.Stat("/usr/sbin/" + bin); err2 != nil {
				return bin + " not found"
			}
		}
	}
	return ""
}

type dockerd struct {
	sock string
	cmd  *exec.Cmd
}

// docker runs the docker CLI against d, with a CLI configuration of its own.
func (d *dockerd) docker(ctx context.Context, dir string, args ...string) (string, error) {
	cctx, cancel := context.WithTimeout(ctx, 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(cctx, "docker", args...)
	cmd.Env = append(os.Environ(), "DOCKER_HOST=unix://"+d.sock, "DOCKER_CONFIG="+filepath.Join(dir, "cli"), "DOCKER_CONTEXT=")
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// startDockerd starts a private dockerd under dir and stops it, and the
// containerd it starts, at cleanup. plugin, when set, is its authorization
// plugin; daemon.json under dir can add one later (SIGHUP reloads it).
func startDockerd(t *testing.T, dir, plugin string) *dockerd {
	t.Helper()
	bin, err := exec.LookPath("dockerd")
	if err != nil {
		bin = "/usr/sbin/dockerd"
	}
	// An empty config file, so /etc/docker/daemon.json is not read.
	cfg := filepath.Join(dir, "daemon.json")
	if err := os.WriteFile(cfg, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ns := fmt.Sprintf("rungate-e2e-%d", os.Getpid())
	d := &dockerd{sock: filepath.Join(dir, "docker.sock")}
	d.cmd = exec.Command(bin,
		"--host", "unix://"+d.sock,
		"--data-root", filepath.Join(dir, "data"),
		"--exec-root", filepath.Join(dir, "exec"),
		"--pidfile", filepath.Join(dir, "docker.pid"),
		"--config-file", cfg,
		"--containerd-namespace", ns,
		"--containerd-plugins-namespace", ns+"-plugins",
		"--iptables=false", "--ip6tables=false", "--bridge=none", "--ip-forward=false", "--ip-masq=false",
		"--storage-driver", "vfs",
	)
	if plugin != "" {
		d.cmd.Args = append(d.cmd.Args, "--authorization-plugin", plugin)
	}
	logf, err := os.Create(filepath.Join(dir, "dockerd.log"))
	if err != nil {
		t.Fatal(err)
	}
	d.cmd.Stdout, d.cmd.Stderr = logf, logf
	// Its own process group, so that stopping it cannot reach the test.
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("start dockerd: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = d.cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			_ = d.cmd.Process.Kill()
			<-exited
		}
		// The containerd dockerd supervised normally exits with it.
		killPidfile(filepath.Join(dir, "exec", "containerd", "containerd.pid"))
		_ = logf.Close()
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(dir, "dockerd.log")); err == nil {
				t.Logf("dockerd log (tail):\n%s", tail(string(b), 40))
			}
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		if c, err := net.Dial("unix", d.sock); err == nil {
			_ = c.Close()
			return d
		}
		select {
		case <-exited:
			b, _ := os.ReadFile(filepath.Join(dir, "dockerd.log"))
			t.Fatalf("dockerd exited at start:\n%s", tail(string(b), 40))
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("dockerd did not listen within 60s")
		}
	}
}

// killPidfile stops the process a pidfile names, if it still runs.
func killPidfile(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 1 {
		return
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return
	}
	if p.Signal(syscall.Signal(0)) != nil {
		return
	}
	_ = p.Signal(syscall.SIGTERM)
	for range 50 {
		if p.Signal(syscall.Signal(0)) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = p.Kill()
}

// buildImage writes a root filesystem tarball holding one static binary,
// /tiny, which exits 0, or sleeps when given "sleep".
func buildImage(t *testing.T, dir string) string {
	t.Helper()
	src := filepath.Join(dir, "tiny")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	prog := "package main\n\nimport (\n\t\"os\"\n\t\"time\"\n)\n\nfunc main() {\n\tif len(os.Args) > 1 && os.Args[1] == \"sleep\" {\n\t\ttime.Sleep(time.Hour)\n\t}\n}\n"
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module tiny\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "rootfs")
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(root, "tiny"), ".")
	build.Dir = src
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build tiny binary: %v\n%s", err, out)
	}
	tarball := filepath.Join(dir, "tiny.tar")
	if out, err := exec.Command("tar", "-C", root, "-cf", tarball, ".").CombinedOutput(); err != nil {
		t.Fatalf("tar rootfs: %v\n%s", err, out)
	}
	return tarball
}

// removeTree unmounts whatever dockerd left mounted under dir, then
// removes it.
func removeTree(t *testing.T, dir string) {
	f, err := os.Open("/proc/self/mountinfo")
	if err == nil {
		var mounts []string
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) > 4 && strings.HasPrefix(fields[4], dir+"/") {
				mounts = append(mounts, fields[4])
			}
		}
		_ = f.Close()
		for i := len(mounts) - 1; i >= 0; i-- {
			_ = syscall.Unmount(mounts[i], syscall.MNT_DETACH)
		}
	}
	if err := os.RemoveAll(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Logf("remove %s: %v", dir, err)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 320 {
		s = s[:320] + "..."
	}
	return s
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// lockedBuffer collects the decision log across the server's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
