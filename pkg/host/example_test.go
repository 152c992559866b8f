package host

import (
	"testing"

	"github.com/rungate/rungate/pkg/runspec"
)

func TestExampleFacts(t *testing.T) {
	h, ok, err := ExampleFacts(`{"icc": false, "hosts": ["tcp://0.0.0.0:2375"]}`)
	if err != nil || !ok || h.Daemon.ICC || !h.Daemon.Known || len(h.Daemon.Hosts) != 1 || h.Daemon.File != "/etc/docker/daemon.json" {
		t.Errorf("daemon.json example: ok=%v err=%v %+v", ok, err, h.Daemon)
	}
	h, ok, err = ExampleFacts("srw-rw-rw- deploy users /var/run/docker.sock")
	want := runspec.Socket{
		Path: "/var/run/docker.sock", Resolved: "/var/run/docker.sock", Exists: true, IsSocket: true,
		Mode: "0666", Perm: 0o666, WorldWritable: true, GroupWritable: true,
		OwnerKnown: true, UID: 1000, GID: 1000, User: "deploy", Group: "users", Pos: runspec.Pos{File: "/var/run/docker.sock"},
	}
	if err != nil || !ok || len(h.Sockets) != 1 || h.Sockets[0] != want {
		t.Errorf("socket example: ok=%v err=%v %+v", ok, err, h.Sockets)
	}
	h, _, _ = ExampleFacts("srw-rw---- root docker /run/docker.sock")
	if s := h.Sockets[0]; s.UID != 0 || s.GID != 999 || s.Mode != "0660" || s.WorldWritable {
		t.Errorf("socket = %+v", s)
	}
	for _, text := range []string{"docker run --privileged alpine", "services:\n  web:\n    image: nginx", "srw-rw---- root docker"} {
		if _, ok, err := ExampleFacts(text); ok || err != nil {
			t.Errorf("%q: ok=%v err=%v, want not a host example", text, ok, err)
		}
	}
	for _, text := range []string{`{"icc": "no"}`, "srw-wr---- root docker /run/docker.sock"} {
		if _, ok, err := ExampleFacts(text); !ok || err == nil {
			t.Errorf("%q: ok=%v err=%v, want an error", text, ok, err)
		}
	}
}
