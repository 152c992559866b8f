// Package sdlisten takes over the sockets systemd opened for a service
// (socket activation: LISTEN_PID, LISTEN_FDS, file descriptors from 3 on).
// With a rungate.socket unit, the plugin's socket exists before dockerd
// starts and while rungate restarts, so dockerd's requests wait for rungate
// instead of failing.
package sdlisten

import (
	"fmt"
	"net"
	"os"
	"strconv"
)

// firstFD is where systemd puts the first passed socket.
const firstFD = 3

// Listeners returns the listening sockets passed to process pid, or nil
// when none were (the variables are absent or meant for another process,
// such as a parent). getenv reads the environment; start is the first
// descriptor, firstFD outside tests.
func Listeners(getenv func(string) string, pid, start int) ([]net.Listener, error) {
	if getenv("LISTEN_PID") == "" {
		return nil, nil
	}
	p, err := strconv.Atoi(getenv("LISTEN_PID"))
	if err != nil {
		return nil, fmt.Errorf("socket activation: LISTEN_PID %q: %w", getenv("LISTEN_PID"), err)
	}
	if p != pid {
		return nil, nil
	}
	n, err := strconv.Atoi(getenv("LISTEN_FDS"))
	if err != nil || n < 1 {
		return nil, fmt.Errorf("socket activation: LISTEN_FDS %q is not a count of sockets", getenv("LISTEN_FDS"))
	}
	ls := make([]net.Listener, 0, n)
	for fd := start; fd < start+n; fd++ {
		f := os.NewFile(uintptr(fd), "systemd socket "+strconv.Itoa(fd))
		l, err := net.FileListener(f)
		// FileListener dups the descriptor; the original is not needed.
		_ = f.Close()
		if err != nil {
			for _, x := range ls {
				_ = x.Close()
			}
			return nil, fmt.Errorf("socket activation: descriptor %d: %w", fd, err)
		}
		ls = append(ls, l)
	}
	return ls, nil
}

// Default is Listeners for this process, reading its environment. It
// clears the variables, so that a process rungate starts does not take
// them for its own.
func Default() ([]net.Listener, error) {
	ls, err := Listeners(os.Getenv, os.Getpid(), firstFD)
	for _, v := range []string{"LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"} {
		_ = os.Unsetenv(v)
	}
	return ls, err
}
