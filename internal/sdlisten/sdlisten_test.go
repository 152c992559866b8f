package sdlisten

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// passSocket listens on a fresh unix socket and duplicates it to
// descriptor fd, as systemd would pass it, returning its path.
func passSocket(t *testing.T, fd int) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "sdl")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	path := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := l.(*net.UnixListener).File()
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Dup3(int(f.Fd()), fd, 0); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	t.Cleanup(func() { _ = l.Close() })
	return path
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestListeners(t *testing.T) {
	// A descriptor high enough not to be one the test process uses.
	const fd = 211
	path := passSocket(t, fd)
	pid := os.Getpid()

	ls, err := Listeners(env(map[string]string{"LISTEN_PID": strconv.Itoa(pid), "LISTEN_FDS": "1"}), pid, fd)
	if err != nil || len(ls) != 1 {
		t.Fatalf("listeners = %v, %v; want one", ls, err)
	}
	defer ls[0].Close()
	// The passed socket accepts a connection to its path.
	done := make(chan error, 1)
	go func() {
		c, err := ls[0].Accept()
		if err == nil {
			_ = c.Close()
		}
		done <- err
	}()
	c, err := net.Dial("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.Close()
	if err := <-done; err != nil {
		t.Fatalf("accept: %v", err)
	}
}

func TestListenersNotOurs(t *testing.T) {
	pid := os.Getpid()
	// A pipe at a descriptor of its own: a file, but not a socket.
	const pipeFD = 212
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if err := syscall.Dup3(int(r.Fd()), pipeFD, 0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		env     map[string]string
		wantErr bool
	}{
		{"no activation", map[string]string{}, false},
		{"another process's", map[string]string{"LISTEN_PID": strconv.Itoa(pid + 1), "LISTEN_FDS": "1"}, false},
		{"bad pid", map[string]string{"LISTEN_PID": "x", "LISTEN_FDS": "1"}, true},
		{"bad count", map[string]string{"LISTEN_PID": strconv.Itoa(pid), "LISTEN_FDS": "0"}, true},
		{"not a socket", map[string]string{"LISTEN_PID": strconv.Itoa(pid), "LISTEN_FDS": "1"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ls, err := Listeners(env(tc.env), pid, pipeFD)
			if (err != nil) != tc.wantErr || (err == nil && len(ls) != 0) {
				t.Errorf("listeners = %v, %v; want none and error %v", ls, err, tc.wantErr)
			}
		})
	}
}
