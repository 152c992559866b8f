package runspec

import (
	"testing"

	"github.com/docker/docker/api/types/container"
)

// Only network, pid and ipc can join another container's namespace;
// dockerd rejects container:NAME for the others.
func TestDeriveNamespaceJoin(t *testing.T) {
	hc := container.HostConfig{
		NetworkMode: "container:db", PidMode: "container:db", IpcMode: "service:cache",
		UTSMode: "container:db", UsernsMode: "container:db", CgroupnsMode: "container:db",
	}
	ns := Derive(newSpec(nil, &hc)).Namespaces
	tests := []struct {
		name      string
		got       Namespace
		mode, ctr string
	}{
		{"network", ns.Network, NSContainer, "db"},
		{"pid", ns.PID, NSContainer, "db"},
		{"ipc", ns.IPC, NSContainer, "cache"},
		{"uts", ns.UTS, NSUnknown, ""},
		{"userns", ns.User, NSUnknown, ""},
		{"cgroupns", ns.Cgroup, NSUnknown, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.Mode != tc.mode || tc.got.Container != tc.ctr {
				t.Errorf("%s = %+v, want mode %q container %q", tc.name, tc.got, tc.mode, tc.ctr)
			}
		})
	}
}
