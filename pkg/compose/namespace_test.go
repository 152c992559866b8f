package compose

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
)

// A namespace shared with another service is sent as the container docker
// compose joins: that service's container_name, else <project>-<service>-1.
func TestSharedNamespaces(t *testing.T) {
	specs, errs := load(t, Options{}, "shared/compose.yaml")
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	tests := []struct {
		service          string
		network, pid, ip string
	}{
		{service: "app", network: "container:pg", pid: "container:shop-cache-1", ip: "container:legacy"},
		{service: "sidecar", network: "container:shop-cache-1", ip: "container:shop-app-1"},
	}
	for _, tc := range tests {
		t.Run(tc.service, func(t *testing.T) {
			s := service(t, specs, tc.service)
			h := s.Create.HostConfig
			if h.NetworkMode != container.NetworkMode(tc.network) || h.PidMode != container.PidMode(tc.pid) || h.IpcMode != container.IpcMode(tc.ip) {
				t.Errorf("network %q pid %q ipc %q, want %q %q %q", h.NetworkMode, h.PidMode, h.IpcMode, tc.network, tc.pid, tc.ip)
			}
			if len(s.Create.NetworkingConfig.EndpointsConfig) != 0 {
				t.Errorf("endpoints %v with a network_mode", s.Create.NetworkingConfig.EndpointsConfig)
			}
			if p := s.PosOf(runspec.FieldKey("HostConfig.NetworkMode")); p == s.Origin {
				t.Errorf("network_mode has no position")
			}
		})
	}
}

// The security settings pass as docker compose sends them: the user as
// written, group_add as written, capabilities in the client's spelling and
// security options in order.
func TestSecuritySettings(t *testing.T) {
	specs, errs := load(t, Options{}, "shared/compose.yaml")
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	s := service(t, specs, "app")
	h := s.Create.HostConfig
	got := []any{s.Create.Config.User, []string(h.GroupAdd), []string(h.CapDrop), h.SecurityOpt, h.UTSMode}
	want := []any{"0:1000", []string{"disk", "0"}, []string{"ALL"},
		[]string{"no-new-privileges=false", "apparmor:unconfined", "label=disable"}, container.UTSMode("host")}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("field %d = %#v, want %#v", i, got[i], want[i])
		}
	}
	for _, key := range []string{runspec.FieldKey("Config.User"), runspec.ValueKey("HostConfig.GroupAdd", "disk"),
		runspec.ValueKey("HostConfig.SecurityOpt", "label=disable"), runspec.FieldKey("HostConfig.UTSMode")} {
		if p := s.PosOf(key); p == s.Origin {
			t.Errorf("%s has no position", key)
		}
	}
}
