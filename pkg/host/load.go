package host

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// Paths names the host files to read, as paths inside the fs.FS root (no
// leading slash, as fs.FS requires). Display names are the paths with a
// leading slash.
type Paths struct {
	Group  string
	Passwd string
	// Daemon is daemon.json; empty means not read, and dockerd's built-in
	// defaults apply.
	Daemon string
	// Sockets are the docker sockets to look at. The unix sockets that
	// daemon.json's "hosts" names are looked at too.
	Sockets []string
	// Units are the docker service's systemd unit files, in precedence
	// order; the flags of its ExecStart count as daemon.json keys.
	Units []string
	// Root is the directory, inside the fs.FS, that host paths named in
	// files (daemon.json's "hosts") are under: "" when the fs.FS is the
	// host's root.
	Root string
}

// DefaultPaths are the files of a standard Linux host.
func DefaultPaths() Paths {
	return Paths{Group: "etc/group", Passwd: "etc/passwd", Daemon: "etc/docker/daemon.json", Sockets: DefaultSockets, Units: DefaultUnits}
}

// Load reads the host facts from root: the docker group, daemon.json with
// the dockerd flags of the service unit on top, and the docker sockets. A
// missing daemon.json, unit or socket is not an error (dockerd runs without
// the first two; the third is a fact); a missing group file is.
func Load(root fs.FS, p Paths) (runspec.Host, error) {
	var h runspec.Host
	h.Daemon = runspec.DefaultDaemon()
	group, err := fs.ReadFile(root, p.Group)
	if err != nil {
		return h, readError(p.Group, err)
	}
	var passwd []byte
	if p.Passwd != "" {
		if passwd, err = fs.ReadFile(root, p.Passwd); err != nil {
			return h, readError(p.Passwd, err)
		}
	}
	dg := &h.DockerGroup
	dg.Found, dg.GID, dg.Members, dg.Pos, err = DockerGroup(display(p.Group), group, display(p.Passwd), passwd)
	if err != nil {
		return h, err
	}
	if p.Daemon != "" {
		d, err := LoadDaemon(root, p.Daemon)
		switch {
		case errors.Is(err, ErrNoFile):
			// dockerd runs on its defaults; say where they were looked for.
			h.Daemon.File = display(p.Daemon)
		case err != nil:
			return h, err
		default:
			h.Daemon = d
		}
	}
	words, pos, _, err := LoadUnit(root, p.Units)
	if err != nil {
		return h, err
	}
	if err := ApplyFlags(&h.Daemon, words, pos); err != nil {
		return h, err
	}
	names := append([]string(nil), p.Sockets...)
	for _, dh := range h.Daemon.Hosts {
		if dh.Scheme == "unix" && strings.HasPrefix(dh.Address, "/") {
			names = append(names, strings.TrimPrefix(path.Join("/", p.Root, dh.Address), "/"))
		}
	}
	if h.Sockets, err = Sockets(root, names); err != nil {
		return h, err
	}
	nameOwners(h.Sockets, display(p.Group), group, display(p.Passwd), passwd)
	return h, nil
}

// nameOwners names each socket's owner and group from the host's passwd
// and group files, which Load has already read without error.
func nameOwners(socks []runspec.Socket, groupName string, group []byte, passwdName string, passwd []byte) {
	groups, _ := parseGroup(groupName, group)
	users, _ := parsePasswd(passwdName, passwd)
	for i := range socks {
		s := &socks[i]
		if !s.OwnerKnown {
			continue
		}
		for _, g := range groups {
			if g.gid == s.GID {
				s.Group = g.name
				break
			}
		}
		for _, u := range users {
			if u.uid == s.UID {
				s.User = u.user
				break
			}
		}
	}
}

// LoadDaemon reads daemon.json from root.
func LoadDaemon(root fs.FS, name string) (runspec.Daemon, error) {
	data, err := fs.ReadFile(root, name)
	if err != nil {
		return runspec.DefaultDaemon(), readError(name, err)
	}
	return ParseDaemonConfig(display(name), data)
}

func readError(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return missing(display(name))
	}
	return fmt.Errorf("read %s: %w", display(name), err)
}

// display turns an fs.FS path back into the path a user knows.
func display(name string) string {
	if name == "" || strings.HasPrefix(name, "/") || strings.HasPrefix(name, ".") {
		return name
	}
	return "/" + name
}
