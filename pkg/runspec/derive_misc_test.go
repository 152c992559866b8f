package runspec

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"
)

func TestDeriveNamespaces(t *testing.T) {
	tests := []struct {
		name string
		hc   container.HostConfig
		want Namespaces
	}{
		{
			name: "defaults",
			want: Namespaces{
				Network: Namespace{Mode: NSDefault}, PID: Namespace{Mode: NSDefault}, IPC: Namespace{Mode: NSDefault},
				UTS: Namespace{Mode: NSDefault}, User: Namespace{Mode: NSDefault}, Cgroup: Namespace{Mode: NSDefault},
			},
		},
		{
			name: "host",
			hc:   container.HostConfig{NetworkMode: "host", PidMode: "host", IpcMode: "host", UTSMode: "host", UsernsMode: "host", CgroupnsMode: "host"},
			want: Namespaces{
				Network: Namespace{Mode: NSHost, Value: "host"}, PID: Namespace{Mode: NSHost, Value: "host"},
				IPC: Namespace{Mode: NSHost, Value: "host"}, UTS: Namespace{Mode: NSHost, Value: "host"},
				User: Namespace{Mode: NSHost, Value: "host"}, Cgroup: Namespace{Mode: NSHost, Value: "host"},
			},
		},
		{
			name: "shared and private",
			hc:   container.HostConfig{NetworkMode: "container:foo", PidMode: "service:db", IpcMode: "shareable", UTSMode: "bogus", UsernsMode: "container:x", CgroupnsMode: "private"},
			want: Namespaces{
				Network: Namespace{Mode: NSContainer, Value: "container:foo", Container: "foo"},
				PID:     Namespace{Mode: NSContainer, Value: "service:db", Container: "db"},
				IPC:     Namespace{Mode: NSShareable, Value: "shareable"},
				UTS:     Namespace{Mode: NSUnknown, Value: "bogus"},
				User:    Namespace{Mode: NSUnknown, Value: "container:x"},
				Cgroup:  Namespace{Mode: NSPrivate, Value: "private"},
			},
		},
		{
			name: "networks",
			hc:   container.HostConfig{NetworkMode: "default", IpcMode: "none", PidMode: "container:"},
			want: Namespaces{
				Network: Namespace{Mode: NSDefault, Value: "default"}, PID: Namespace{Mode: NSUnknown, Value: "container:"},
				IPC: Namespace{Mode: NSNone, Value: "none"}, UTS: Namespace{Mode: NSDefault},
				User: Namespace{Mode: NSDefault}, Cgroup: Namespace{Mode: NSDefault},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Derive(newSpec(nil, &tc.hc)).Namespaces
			for _, ns := range []*Namespace{&tc.want.Network, &tc.want.PID, &tc.want.IPC, &tc.want.UTS, &tc.want.User, &tc.want.Cgroup} {
				ns.Pos = origin
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}

	t.Run("network names", func(t *testing.T) {
		for value, mode := range map[string]string{"bridge": NSBridge, "none": NSNone, "p_default": NSNetwork, "${NET}": NSNetwork} {
			ns := Derive(newSpec(nil, &container.HostConfig{NetworkMode: container.NetworkMode(value)})).Namespaces.Network
			if ns.Mode != mode || ns.Unresolved != (value == "${NET}") {
				t.Errorf("network %q = %+v, want mode %q", value, ns, mode)
			}
		}
	})
}

func TestDerivePorts(t *testing.T) {
	at := Pos{File: "run.sh", Line: 1, Column: 20}
	s := newSpec(
		&container.Config{ExposedPorts: nat.PortSet{"80/tcp": {}, "7000/tcp": {}}},
		&container.HostConfig{
			PublishAllPorts: true,
			PortBindings: nat.PortMap{
				"90/udp":   {{HostIP: "127.0.0.1", HostPort: "9090"}},
				"80/tcp":   {{HostPort: "8080"}, {}},
				"81/tcp":   {{HostPort: "8000-8001"}},
				"53/udp":   {{HostIP: "::1", HostPort: "53"}},
				"2375/tcp": {{HostIP: "0.0.0.0", HostPort: "2375"}},
				"53/tcp":   {{HostIP: "::", HostPort: "x"}},
			},
		})
	s.SetPos(ValueKey("HostConfig.PortBindings", "80/tcp"), at)
	want := []Port{
		{AllInterfaces: true, HostIP: "::", HostPort: "x", ContainerPort: 53, Proto: "tcp", Pos: origin},
		{HostIP: "::1", HostPort: "53", HostPortStart: 53, HostPortEnd: 53, ContainerPort: 53, Proto: "udp", Pos: origin},
		{AllInterfaces: true, HostPort: "8080", HostPortStart: 8080, HostPortEnd: 8080, ContainerPort: 80, Proto: "tcp", Pos: at},
		{AllInterfaces: true, ContainerPort: 80, Proto: "tcp", Pos: at},
		{AllInterfaces: true, HostPort: "8000-8001", HostPortStart: 8000, HostPortEnd: 8001, ContainerPort: 81, Proto: "tcp", Pos: origin},
		{HostIP: "127.0.0.1", HostPort: "9090", HostPortStart: 9090, HostPortEnd: 9090, ContainerPort: 90, Proto: "udp", Pos: origin},
		{AllInterfaces: true, HostIP: "0.0.0.0", HostPort: "2375", HostPortStart: 2375, HostPortEnd: 2375, ContainerPort: 2375, Proto: "tcp", Pos: origin},
		// -P publishes the exposed port that has no binding.
		{AllInterfaces: true, ContainerPort: 7000, Proto: "tcp", PublishAll: true, Pos: origin},
	}
	if got := Derive(s).Ports; !reflect.DeepEqual(got, want) {
		t.Errorf("ports\n got %+v\nwant %+v", got, want)
	}
	if got := portRangeOf("9-x"); got != [2]int{} {
		t.Errorf("portRange(9-x) = %v", got)
	}
}

func portRangeOf(s string) [2]int {
	a, b := portRange(s)
	return [2]int{a, b}
}

func TestDeriveUser(t *testing.T) {
	tests := []struct {
		raw        string
		name       string
		uid        int
		group      string
		gid        int
		root       *bool
		unresolved bool
	}{
		{raw: "", uid: -1, gid: -1},
		{raw: "root", name: "root", uid: -1, gid: -1, root: ptr(true)},
		{raw: "0", name: "0", uid: 0, gid: -1, root: ptr(true)},
		{raw: "0:0", name: "0", uid: 0, group: "0", gid: 0, root: ptr(true)},
		{raw: "root:docker", name: "root", uid: -1, group: "docker", gid: -1, root: ptr(true)},
		{raw: "1000:1000", name: "1000", uid: 1000, group: "1000", gid: 1000, root: ptr(false)},
		{raw: "nginx", name: "nginx", uid: -1, gid: -1, root: ptr(false)},
		{raw: "nobody:0", name: "nobody", uid: -1, group: "0", gid: 0, root: ptr(false)},
		{raw: "${UID}:${GID}", name: "${UID}", uid: -1, group: "${GID}", gid: -1, unresolved: true},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			at := Pos{File: "run.sh", Line: 1, Column: 15}
			s := newSpec(&container.Config{User: tc.raw}, nil)
			s.SetPos(FieldKey("Config.User"), at)
			want := User{Raw: tc.raw, Name: tc.name, UID: tc.uid, Group: tc.group, GID: tc.gid, Root: tc.root, Unresolved: tc.unresolved, Pos: at}
			if got := Derive(s).User; !reflect.DeepEqual(got, want) {
				t.Errorf("\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestDeriveLog(t *testing.T) {
	driverAt := Pos{File: "run.sh", Line: 2, Column: 3}
	optAt := Pos{File: "run.sh", Line: 3, Column: 3}
	tests := []struct {
		name   string
		cfg    container.LogConfig
		pos    map[string]Pos
		want   Log
		target Pos
	}{
		{name: "daemon default", want: Log{Options: map[string]string{}, Pos: origin}},
		{
			name: "explicit driver",
			cfg:  container.LogConfig{Type: "json-file", Config: map[string]string{"max-size": "10m"}},
			pos:  map[string]Pos{"HostConfig.LogConfig.Type": driverAt, "HostConfig.LogConfig.Config": optAt},
			want: Log{Driver: "json-file", Options: map[string]string{"max-size": "10m"}, Pos: driverAt},
		},
		{
			name: "options only",
			cfg:  container.LogConfig{Config: map[string]string{"max-file": "3"}},
			pos:  map[string]Pos{"HostConfig.LogConfig.Config": optAt},
			want: Log{Options: map[string]string{"max-file": "3"}, Pos: optAt},
		},
		{
			name: "unresolved driver",
			cfg:  container.LogConfig{Type: "${DRIVER}"},
			want: Log{Driver: "${DRIVER}", Options: map[string]string{}, Unresolved: true, Pos: origin},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSpec(nil, &container.HostConfig{LogConfig: tc.cfg})
			for k, p := range tc.pos {
				s.SetPos(k, p)
			}
			if got := Derive(s).Log; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDeriveGroupAdd(t *testing.T) {
	at := Pos{File: "run.sh", Line: 1, Column: 40}
	s := newSpec(nil, &container.HostConfig{GroupAdd: []string{"docker", "999", "${GID}"}})
	s.SetPos(ValueKey("HostConfig.GroupAdd", "docker"), at)
	want := []Group{{Value: "docker", Pos: at}, {Value: "999", Pos: origin}, {Value: "${GID}", Unresolved: true, Pos: origin}}
	if got := Derive(s).GroupAdd; !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
}
