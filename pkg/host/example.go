package host

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// ExampleFacts turns a host rule's example into the host facts it stands
// for: a daemon.json text (it starts with "{"), or a socket as `ls -l`
// shows it, "MODE USER GROUP PATH" ("srw-rw---- root docker
// /var/run/docker.sock"). ok is false for any other text, such as a
// container's `docker run` line, which the caller lints instead.
func ExampleFacts(text string) (h runspec.Host, ok bool, err error) {
	h.Daemon = runspec.DefaultDaemon()
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "{") {
		d, err := ParseDaemonConfig("/etc/docker/daemon.json", []byte(text))
		if err != nil {
			return h, true, err
		}
		h.Daemon = d
		return h, true, nil
	}
	f := strings.Fields(text)
	if len(f) != 4 || len(f[0]) != 10 || !strings.HasPrefix(f[3], "/") || strings.Trim(f[0][1:], "rwx-") != "" {
		return h, false, nil
	}
	var perm fs.FileMode
	for i, c := range f[0][1:] {
		if c != '-' {
			if c != rune("rwx"[i%3]) {
				return h, true, fmt.Errorf("socket example %q: bad mode %s", text, f[0])
			}
			perm |= 1 << (8 - i)
		}
	}
	s := runspec.Socket{
		Path: f[3], Resolved: f[3], Exists: true, IsSocket: f[0][0] == 's',
		Mode: fmt.Sprintf("%04o", uint32(perm)), Perm: int(perm),
		WorldWritable: perm&0o002 != 0, GroupWritable: perm&0o020 != 0,
		OwnerKnown: true, User: f[1], UID: exampleID(f[1], 1000), Group: f[2], GID: exampleID(f[2], 1000),
		Pos: runspec.Pos{File: f[3]},
	}
	if s.Group == "docker" {
		s.GID = 999
	}
	h.Sockets = []runspec.Socket{s}
	return h, true, nil
}

// exampleID is the id of a name in an example: root is 0, a number is
// itself, any other name gets other.
func exampleID(name string, other int) int {
	if name == "root" {
		return 0
	}
	if n, err := strconv.Atoi(name); err == nil {
		return n
	}
	return other
}
