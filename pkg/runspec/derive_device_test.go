package runspec

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"
)

func TestDeriveDevices(t *testing.T) {
	at := Pos{File: "run.sh", Line: 2, Column: 3}
	tests := []struct {
		name string
		in   container.DeviceMapping
		want Device
	}{
		{"same path", container.DeviceMapping{PathOnHost: "/dev/sda", PathInContainer: "/dev/sda", CgroupPermissions: "rwm"},
			Device{HostPath: "/dev/sda", RawHostPath: "/dev/sda", ContainerPath: "/dev/sda", Permissions: "rwm", Read: true, Write: true, Mknod: true}},
		{"renamed read-only", container.DeviceMapping{PathOnHost: "/dev//mem", PathInContainer: "/dev/m/", CgroupPermissions: "r"},
			Device{HostPath: "/dev/mem", RawHostPath: "/dev//mem", ContainerPath: "/dev/m", Permissions: "r", Read: true}},
		{"no permissions is rwm", container.DeviceMapping{PathOnHost: "/dev/fuse"},
			Device{HostPath: "/dev/fuse", RawHostPath: "/dev/fuse", ContainerPath: "/dev/fuse", Read: true, Write: true, Mknod: true}},
		{"unresolved", container.DeviceMapping{PathOnHost: "${DEV}", PathInContainer: "/dev/x", CgroupPermissions: "rw"},
			Device{HostPath: "${DEV}", RawHostPath: "${DEV}", ContainerPath: "/dev/x", Permissions: "rw", Read: true, Write: true, Unresolved: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSpec(nil, &container.HostConfig{Resources: container.Resources{Devices: []container.DeviceMapping{tc.in}}})
			s.SetPos(ValueKey("HostConfig.Devices", tc.in.PathOnHost), at)
			got := Derive(s).Devices
			tc.want.Pos = at
			if len(got) != 1 || !reflect.DeepEqual(got[0], tc.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
	t.Run("field position when the value has none", func(t *testing.T) {
		s := newSpec(nil, &container.HostConfig{Resources: container.Resources{Devices: []container.DeviceMapping{{PathOnHost: "/dev/kvm"}}}})
		s.SetPos(FieldKey("HostConfig.Devices"), at)
		if got := Derive(s).Devices[0].Pos; got != at {
			t.Errorf("pos = %v, want %v", got, at)
		}
	})
}

func TestDeriveDeviceCgroupRules(t *testing.T) {
	tests := []struct {
		raw  string
		want DeviceCgroupRule
	}{
		{"c 1:3 mr", DeviceCgroupRule{Type: "c", Major: "1", Minor: "3", Numbers: "1:3", Access: "mr", Read: true, Mknod: true}},
		{"a *:* rwm", DeviceCgroupRule{Type: "a", Major: "*", Minor: "*", Numbers: "*:*", AnyMajor: true, AnyMinor: true, Access: "rwm", Read: true, Write: true, Mknod: true}},
		{"a 7:1 r", DeviceCgroupRule{Type: "a", Major: "7", Minor: "1", Numbers: "7:1", AnyMajor: true, AnyMinor: true, Access: "r", Read: true}},
		{"b 8:* rw", DeviceCgroupRule{Type: "b", Major: "8", Minor: "*", Numbers: "8:*", AnyMinor: true, Access: "rw", Read: true, Write: true}},
		{"c *:* m", DeviceCgroupRule{Type: "c", Major: "*", Minor: "*", Numbers: "*:*", AnyMajor: true, AnyMinor: true, Access: "m", Mknod: true}},
		{"x 1:1 r", DeviceCgroupRule{Type: "x", Major: "1", Minor: "1", Numbers: "1:1", Access: "r", Read: true, Invalid: true, Reason: "type x is not a, b or c"}},
		{"c 1 r", DeviceCgroupRule{Type: "c", Major: "1", Numbers: "1:", Access: "r", Read: true, Invalid: true, Reason: "numbers 1 are not MAJOR:MINOR, each a number or *"}},
		{"c 1:x r", DeviceCgroupRule{Type: "c", Major: "1", Minor: "x", Numbers: "1:x", Access: "r", Read: true, Invalid: true, Reason: "numbers 1:x are not MAJOR:MINOR, each a number or *"}},
		{"c 1:1 rwx", DeviceCgroupRule{Type: "c", Major: "1", Minor: "1", Numbers: "1:1", Access: "rwx", Read: true, Write: true, Invalid: true, Reason: "access rwx is not one to three of r, w, m"}},
		{"c  1:1 r", DeviceCgroupRule{Invalid: true, Reason: "want TYPE MAJOR:MINOR ACCESS"}},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			got := Derive(newSpec(nil, &container.HostConfig{Resources: container.Resources{DeviceCgroupRules: []string{tc.raw}}})).DeviceCgroupRules
			tc.want.Raw, tc.want.Pos = tc.raw, origin
			if len(got) != 1 || !reflect.DeepEqual(got[0], tc.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDeriveSysctls(t *testing.T) {
	at := Pos{File: "compose.yaml", Line: 9, Column: 7}
	s := newSpec(nil, &container.HostConfig{Sysctls: map[string]string{
		"net.ipv4.ip_forward":    "1",
		"kernel.shmmax":          "1",
		"fs.mqueue.msg_max":      "10",
		"kernel.domainname":      "x",
		"kernel.panic":           "1",
		"net/ipv4/conf/eth0.100": "1",
		"vm.swappiness":          "${SWAP}",
	}})
	s.SetPos(ValueKey("HostConfig.Sysctls", "kernel.panic"), at)
	got := Derive(s).Sysctls
	want := []Sysctl{
		{Name: "fs.mqueue.msg_max", Key: "fs.mqueue.msg_max", Value: "10", Namespace: "ipc", Pos: origin},
		{Name: "kernel.domainname", Key: "kernel.domainname", Value: "x", Namespace: "uts", Pos: origin},
		{Name: "kernel.panic", Key: "kernel.panic", Value: "1", Pos: at},
		{Name: "kernel.shmmax", Key: "kernel.shmmax", Value: "1", Namespace: "ipc", Pos: origin},
		{Name: "net.ipv4.ip_forward", Key: "net.ipv4.ip_forward", Value: "1", Namespace: "net", Pos: origin},
		{Name: "net/ipv4/conf/eth0.100", Key: "net.ipv4.conf.eth0/100", Value: "1", Namespace: "net", Pos: origin},
		{Name: "vm.swappiness", Key: "vm.swappiness", Value: "${SWAP}", Unresolved: true, Pos: origin},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
}
