package host

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/rungate/rungate/pkg/runspec"
)

func sockFile(mode fs.FileMode, uid, gid int) *fstest.MapFile {
	return &fstest.MapFile{Mode: fs.ModeSocket | mode, Sys: Owner{UID: uid, GID: gid}}
}

func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
}

func TestSockets(t *testing.T) {
	tests := []struct {
		name  string
		root  fstest.MapFS
		names []string
		want  []runspec.Socket
	}{
		{
			name:  "var/run links to /run: one socket",
			root:  fstest.MapFS{"var/run": link("/run"), "run/docker.sock": sockFile(0o660, 0, 999)},
			names: DefaultSockets,
			want: []runspec.Socket{{
				Path: "/var/run/docker.sock", Resolved: "/run/docker.sock", Exists: true, IsSocket: true,
				Mode: "0660", Perm: 0o660, GroupWritable: true, OwnerKnown: true, UID: 0, GID: 999,
				Pos: runspec.Pos{File: "/var/run/docker.sock"},
			}},
		},
		{
			name:  "relative link, world-writable",
			root:  fstest.MapFS{"var/run": link("../run"), "run/docker.sock": sockFile(0o666, 0, 999)},
			names: []string{"run/docker.sock", "var/run/docker.sock"},
			want: []runspec.Socket{{
				Path: "/run/docker.sock", Resolved: "/run/docker.sock", Exists: true, IsSocket: true,
				Mode: "0666", Perm: 0o666, WorldWritable: true, GroupWritable: true, OwnerKnown: true, GID: 999,
				Pos: runspec.Pos{File: "/run/docker.sock"},
			}},
		},
		{
			name:  "two directories, a link to the socket itself",
			root:  fstest.MapFS{"var/run/docker.sock": link("/srv/d.sock"), "run/docker.sock": sockFile(0o600, 1000, 1000), "srv/d.sock": sockFile(0o660, 0, 0)},
			names: DefaultSockets,
			want: []runspec.Socket{
				{Path: "/var/run/docker.sock", Resolved: "/srv/d.sock", Exists: true, IsSocket: true, Mode: "0660", Perm: 0o660, GroupWritable: true, OwnerKnown: true, Pos: runspec.Pos{File: "/var/run/docker.sock"}},
				{Path: "/run/docker.sock", Resolved: "/run/docker.sock", Exists: true, IsSocket: true, Mode: "0600", Perm: 0o600, OwnerKnown: true, UID: 1000, GID: 1000, Pos: runspec.Pos{File: "/run/docker.sock"}},
			},
		},
		{
			name:  "none there, a directory, a dangling link",
			root:  fstest.MapFS{"run/docker.sock/x": {Data: []byte("")}, "var/run": link("/gone")},
			names: DefaultSockets,
			want: []runspec.Socket{
				{Path: "/var/run/docker.sock", Pos: runspec.Pos{File: "/var/run/docker.sock"}},
				{Path: "/run/docker.sock", Resolved: "/run/docker.sock", Exists: true, Mode: "0555", Perm: 0o555, Pos: runspec.Pos{File: "/run/docker.sock"}},
			},
		},
		{
			name:  "owner not shown",
			root:  fstest.MapFS{"run/docker.sock": {Mode: fs.ModeSocket | 0o660}},
			names: []string{"run/docker.sock"},
			want: []runspec.Socket{{
				Path: "/run/docker.sock", Resolved: "/run/docker.sock", Exists: true, IsSocket: true,
				Mode: "0660", Perm: 0o660, GroupWritable: true, Pos: runspec.Pos{File: "/run/docker.sock"},
			}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Sockets(tc.root, tc.names)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("sockets = %+v", got)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("socket %d =\n%+v, want\n%+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestSocketLinkLoop(t *testing.T) {
	root := fstest.MapFS{"var/run": link("/var/run")}
	if _, err := Sockets(root, DefaultSockets); err == nil {
		t.Error("a link loop is not an error")
	}
}

// A file where a directory of the socket's path should be: no socket.
func TestSocketUnderAFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "run"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Sockets(os.DirFS(dir), []string{"run/docker.sock"})
	if err != nil || len(got) != 1 || got[0].Exists {
		t.Errorf("sockets = %+v, %v", got, err)
	}
}

// A real socket read through os.DirFS: the owner comes from the system.
func TestSocketFromOS(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "run"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/run", filepath.Join(dir, "var-run")); err != nil {
		t.Fatal(err)
	}
	ln := listenUnix(t, filepath.Join(dir, "run", "docker.sock"))
	defer ln.Close()
	if err := os.Chmod(filepath.Join(dir, "run", "docker.sock"), 0o620); err != nil {
		t.Fatal(err)
	}
	got, err := Sockets(os.DirFS(dir), []string{"var-run/docker.sock", "run/docker.sock"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("sockets = %+v", got)
	}
	s := got[0]
	if !s.Exists || !s.IsSocket || s.Mode != "0620" || !s.GroupWritable || s.WorldWritable || s.Resolved != "/run/docker.sock" {
		t.Errorf("socket = %+v", s)
	}
	if !s.OwnerKnown || s.UID != os.Getuid() || s.GID != os.Getgid() {
		t.Errorf("owner = %v %d:%d, want %d:%d", s.OwnerKnown, s.UID, s.GID, os.Getuid(), os.Getgid())
	}
}

func TestLoadSockets(t *testing.T) {
	root := fstest.MapFS{
		"etc/group":              {Data: []byte(groupFile)},
		"etc/passwd":             {Data: []byte(passwdFile)},
		"etc/docker/daemon.json": {Data: []byte(`{"hosts": ["fd://", "unix:///srv/docker/api.sock", "tcp://0.0.0.0:2375"]}`)},
		"var/run":                link("/run"),
		"run/docker.sock":        sockFile(0o660, 0, 999),
		"srv/docker/api.sock":    sockFile(0o660, 1000, 100),
	}
	h, err := Load(root, DefaultPaths())
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Sockets) != 2 {
		t.Fatalf("sockets = %+v", h.Sockets)
	}
	if s := h.Sockets[0]; s.Path != "/var/run/docker.sock" || s.User != "root" || s.Group != "docker" {
		t.Errorf("default socket = %+v", s)
	}
	if s := h.Sockets[1]; s.Path != "/srv/docker/api.sock" || s.User != "alice" || s.Group != "users" || s.UID != 1000 {
		t.Errorf("daemon.json socket = %+v", s)
	}
	if len(h.Daemon.Hosts) != 3 || h.Daemon.Hosts[2].Port != 2375 {
		t.Errorf("hosts = %+v", h.Daemon.Hosts)
	}

	// Under a root directory, daemon.json's socket paths are under it too.
	sub := fstest.MapFS{}
	for k, v := range root {
		sub["img/"+k] = v
	}
	sub["img/var/run"] = link("/run")
	p := Paths{Group: "img/etc/group", Passwd: "img/etc/passwd", Daemon: "img/etc/docker/daemon.json", Sockets: []string{"img/run/docker.sock"}, Root: "img"}
	h, err = Load(sub, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Sockets) != 2 || h.Sockets[1].Path != "/img/srv/docker/api.sock" || !h.Sockets[1].Exists {
		t.Errorf("sockets under a root = %+v", h.Sockets)
	}
}

func TestLoadWithoutDaemonJSON(t *testing.T) {
	root := fstest.MapFS{"etc/group": {Data: []byte(groupFile)}, "etc/passwd": {Data: []byte(passwdFile)}}
	h, err := Load(root, DefaultPaths())
	if err != nil {
		t.Fatal(err)
	}
	if h.Daemon.Known || h.Daemon.File != "/etc/docker/daemon.json" || !h.Daemon.ICC || h.Daemon.Group != "docker" {
		t.Errorf("daemon = %+v", h.Daemon)
	}
	if len(h.Sockets) != 2 || h.Sockets[0].Exists || h.Sockets[1].Exists {
		t.Errorf("sockets = %+v", h.Sockets)
	}
}
