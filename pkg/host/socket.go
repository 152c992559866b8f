package host

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// DefaultSockets are the two spellings of dockerd's default unix socket;
// on current distributions /var/run is a link to /run, and one of them is
// then dropped as the same socket.
var DefaultSockets = []string{"var/run/docker.sock", "run/docker.sock"}

// Owner is the owner of a file, for an fs.FS whose FileInfo.Sys() is not a
// syscall.Stat_t: a test's fstest.MapFile sets Sys to an Owner.
type Owner struct {
	UID, GID int
}

// maxLinks bounds the symbolic links followed to resolve one path, as
// the kernel does (ELOOP).
const maxLinks = 40

// resolve follows every symbolic link in name inside fsys, an absolute
// link target counting from fsys's root (a mounted image's /var/run -> /run
// stays inside the image), and returns the path with no links left.
func resolve(fsys fs.FS, name string) (string, error) {
	rest := strings.Split(name, "/")
	done := ""
	links := 0
	for len(rest) > 0 {
		part := rest[0]
		rest = rest[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if done = path.Dir(done); done == "." {
				done = ""
			}
			continue
		}
		next := part
		if done != "" {
			next = done + "/" + part
		}
		fi, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		if links++; links > maxLinks {
			return "", fmt.Errorf("%s: too many levels of symbolic links", display(name))
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", err
		}
		if strings.HasPrefix(target, "/") {
			done = ""
		}
		rest = append(strings.Split(target, "/"), rest...)
	}
	return done, nil
}

// socketFact reads what fsys shows of the socket at name. A path that does
// not exist is a fact (Exists false), not an error.
func socketFact(fsys fs.FS, name string) (runspec.Socket, error) {
	s := runspec.Socket{Path: display(name), Pos: runspec.Pos{File: display(name)}}
	real, err := resolve(fsys, name)
	if absent(err) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("read %s: %w", display(name), err)
	}
	s.Resolved = display(real)
	fi, err := fs.Lstat(fsys, real)
	if absent(err) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("read %s: %w", display(name), err)
	}
	perm := fi.Mode().Perm()
	s.Exists = true
	s.IsSocket = fi.Mode()&fs.ModeSocket != 0
	s.Perm = int(perm)
	s.Mode = fmt.Sprintf("%04o", uint32(perm))
	s.WorldWritable = perm&0o002 != 0
	s.GroupWritable = perm&0o020 != 0
	if o, ok := ownerOf(fi); ok {
		s.OwnerKnown, s.UID, s.GID = true, o.UID, o.GID
	}
	return s, nil
}

// absent reports whether err says there is nothing at a path: it does not
// exist, or a file stands where a directory of the path should (ENOTDIR).
// Permission errors are not absence.
func absent(err error) bool {
	var pe *fs.PathError
	return errors.Is(err, fs.ErrNotExist) || errors.As(err, &pe) && !errors.Is(err, fs.ErrPermission)
}

// ownerOf returns the owner a FileInfo carries: an Owner, or the system's
// stat data (owner_unix.go).
func ownerOf(fi fs.FileInfo) (Owner, bool) {
	switch v := fi.Sys().(type) {
	case Owner:
		return v, true
	case *Owner:
		return *v, v != nil
	}
	return systemOwner(fi)
}

// Sockets reads each socket in names once: a second path to a socket
// already read (a link) is dropped. names are fs.FS paths.
func Sockets(fsys fs.FS, names []string) ([]runspec.Socket, error) {
	var out []runspec.Socket
	seen := map[string]bool{}
	for _, n := range names {
		s, err := socketFact(fsys, n)
		if err != nil {
			return out, err
		}
		key := s.Path
		if s.Exists {
			key = s.Resolved
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, s)
	}
	return out, nil
}
