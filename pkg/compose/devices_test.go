package compose

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"

	"github.com/rungate/rungate/pkg/runspec"
)

// TestLoadDevicesAndMounts checks that devices, device cgroup rules,
// sysctls, tmpfs, volumes_from, bind propagation and volumes bound to a
// host path reach the create body as docker compose sends them, each
// positioned at its item.
func TestLoadDevicesAndMounts(t *testing.T) {
	specs, errs := load(t, Options{}, "devices/compose.yaml")
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	s := service(t, specs, "dev")
	h := s.Create.HostConfig
	const file = "testdata/devices/compose.yaml"
	at := func(line, col int) runspec.Pos { return runspec.Pos{File: file, Line: line, Column: col} }

	checks := []struct {
		name      string
		got, want any
	}{
		{"devices", h.Devices, []container.DeviceMapping{
			{PathOnHost: "/dev/sda", PathInContainer: "/dev/xvda", CgroupPermissions: "r"},
			{PathOnHost: "/dev/kvm", PathInContainer: "/dev/kvm", CgroupPermissions: "rwm"},
		}},
		{"device cgroup rules", h.DeviceCgroupRules, []string{"c 1:1 rwm", "b 8:* rw"}},
		{"sysctls", h.Sysctls, map[string]string{"net.ipv4.ip_forward": "1", "kernel.shmmax": "1"}},
		{"tmpfs", h.Tmpfs, map[string]string{"/run": "exec,size=1m"}},
		{"volumes_from", h.VolumesFrom, []string{"other:ro"}},
		{"binds", h.Binds, []string{"devices_plain:/plain:rw", "ext:/ext:rw"}},
		{"mounts", h.Mounts, []mount.Mount{
			{Type: mount.TypeBind, Source: "/srv/a", Target: "/a", BindOptions: &mount.BindOptions{Propagation: mount.PropagationRShared, CreateMountpoint: true}},
			{Type: mount.TypeBind, Source: "/srv/b", Target: "/b", BindOptions: &mount.BindOptions{Propagation: mount.PropagationShared, CreateMountpoint: true}},
			{Type: mount.TypeVolume, Source: "devices_cfg", Target: "/cfg", ReadOnly: true, VolumeOptions: &mount.VolumeOptions{
				DriverConfig: &mount.Driver{Name: "local", Options: map[string]string{"type": "none", "o": "bind", "device": "/etc"}}}},
		}},
		{"device short syntax position", s.Positions[runspec.ValueKey("HostConfig.Devices", "/dev/sda")], at(5, 9)},
		{"device long syntax position", s.Positions[runspec.ValueKey("HostConfig.Devices", "/dev/kvm")], at(6, 9)},
		{"cgroup rule position", s.Positions[runspec.ValueKey("HostConfig.DeviceCgroupRules", "b 8:* rw")], at(11, 9)},
		{"cgroup rules field position", s.Positions[runspec.FieldKey("HostConfig.DeviceCgroupRules")], at(9, 5)},
		{"sysctl position", s.Positions[runspec.ValueKey("HostConfig.Sysctls", "kernel.shmmax")], at(14, 9)},
		{"tmpfs position", s.Positions[runspec.ValueKey("HostConfig.Tmpfs", "/run")], at(16, 9)},
		{"volumes_from position", s.Positions[runspec.ValueKey("HostConfig.VolumesFrom", "other:ro")], at(18, 9)},
		{"bound volume position", s.Positions[runspec.ValueKey("HostConfig.Mounts", "2")], at(26, 9)},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s\n got %#v\nwant %#v", c.name, c.got, c.want)
		}
	}
	o := service(t, specs, "other")
	if got := o.Positions[runspec.ValueKey("HostConfig.Sysctls", "net.core.somaxconn")]; got != at(32, 7) {
		t.Errorf("sysctl map key position = %v", got)
	}
}
