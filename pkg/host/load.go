package host

import (
	"errors"
	"fmt"
	"io/fs"
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
}

// DefaultPaths are the files of a standard Linux host.
func DefaultPaths() Paths {
	return Paths{Group: "etc/group", Passwd: "etc/passwd", Daemon: "etc/docker/daemon.json"}
}

// Load reads the host facts from root. A missing daemon.json is not an
// error (dockerd runs without one); a missing group file is.
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
	if p.Daemon == "" {
		return h, nil
	}
	d, err := LoadDaemon(root, p.Daemon)
	if errors.Is(err, ErrNoFile) {
		return h, nil
	}
	if err != nil {
		return h, err
	}
	h.Daemon = d
	return h, nil
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
