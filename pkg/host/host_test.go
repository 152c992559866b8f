package host

import (
	"errors"
	"testing"
	"testing/fstest"
)

const groupFile = `root:x:0:
# a comment
sudo:x:27:alice
docker:x:999:alice,bob,alice
users:x:100:
`

const passwdFile = `root:x:0:0:root:/root:/bin/bash
alice:x:1000:1000::/home/alice:/bin/bash
ci:x:1001:999::/home/ci:/bin/sh
bob:x:1002:999::/home/bob:/bin/sh
`

func TestDockerGroupMembers(t *testing.T) {
	found, gid, members, pos, err := DockerGroup("/etc/group", []byte(groupFile), "/etc/passwd", []byte(passwdFile))
	if err != nil {
		t.Fatal(err)
	}
	if !found || gid != 999 || pos.Line != 4 {
		t.Fatalf("found=%v gid=%d pos=%+v", found, gid, pos)
	}
	want := []struct {
		user, via, file string
		line, col       int
	}{
		{"alice", "member", "/etc/group", 4, 14},
		{"bob", "member", "/etc/group", 4, 20},
		{"ci", "primary", "/etc/passwd", 3, 1},
	}
	if len(members) != len(want) {
		t.Fatalf("members = %+v", members)
	}
	for i, w := range want {
		m := members[i]
		if m.User != w.user || m.Via != w.via || m.Pos.File != w.file || m.Pos.Line != w.line || m.Pos.Column != w.col {
			t.Errorf("member %d = %+v, want %+v", i, m, w)
		}
	}
}

func TestDockerGroupAbsentAndBroken(t *testing.T) {
	found, _, _, _, err := DockerGroup("g", []byte("root:x:0:\n"), "p", nil)
	if err != nil || found {
		t.Fatalf("found=%v err=%v", found, err)
	}
	_, _, _, _, err = DockerGroup("g", []byte("root:x:0:\ndocker:x:abc:bob\n"), "p", nil)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Pos.Line != 2 {
		t.Fatalf("err = %v, want a FileError on line 2", err)
	}
	_, _, _, _, err = DockerGroup("g", []byte("docker:x:1\n"), "p", nil)
	if !errors.As(err, &fe) || fe.Pos.Line != 1 {
		t.Fatalf("err = %v, want a FileError on line 1", err)
	}
}

func TestParseDaemonConfig(t *testing.T) {
	tests := []struct {
		name, data string
		driver     string
		maxSize    string
		nnp        bool
		errLine    int
	}{
		{"empty", "", "json-file", "", false, 0},
		{"bounded", `{"log-driver": "json-file", "log-opts": {"max-size": "10m"}}`, "json-file", "10m", false, 0},
		{"local", "{\n  \"log-driver\": \"local\",\n  \"no-new-privileges\": true\n}", "local", "", true, 0},
		{"syntax error", "{\n  \"log-driver\": \"local\",\n  oops\n}", "", "", false, 3},
		{"wrong type", "{\n  \"no-new-privileges\": \"yes\"\n}", "", "", false, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDaemonConfig("daemon.json", []byte(tc.data))
			if tc.errLine > 0 {
				var fe *FileError
				if !errors.As(err, &fe) || fe.Pos.Line != tc.errLine {
					t.Fatalf("err = %v, want a FileError on line %d", err, tc.errLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.LogDriver != tc.driver || d.LogOpts["max-size"] != tc.maxSize || d.NoNewPrivileges != tc.nnp || !d.Known {
				t.Errorf("daemon = %+v", d)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	root := fstest.MapFS{
		"etc/group":              {Data: []byte(groupFile)},
		"etc/passwd":             {Data: []byte(passwdFile)},
		"etc/docker/daemon.json": {Data: []byte(`{"log-opts": {"max-size": "5m"}}`)},
	}
	h, err := Load(root, DefaultPaths())
	if err != nil {
		t.Fatal(err)
	}
	if len(h.DockerGroup.Members) != 3 || h.Daemon.LogOpts["max-size"] != "5m" || h.Daemon.File != "/etc/docker/daemon.json" {
		t.Errorf("host = %+v", h)
	}
	delete(root, "etc/docker/daemon.json")
	if h, err = Load(root, DefaultPaths()); err != nil || h.Daemon.Known {
		t.Errorf("without daemon.json: known=%v err=%v", h.Daemon.Known, err)
	}
	delete(root, "etc/group")
	if _, err = Load(root, DefaultPaths()); !errors.Is(err, ErrNoFile) {
		t.Errorf("without group file: err = %v", err)
	}
}
