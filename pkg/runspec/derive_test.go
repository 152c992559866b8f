package runspec

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"
)

var origin = Pos{File: "run.sh", Line: 1, Column: 1}

// newSpec returns a docker-run spec of cfg and hc, positioned at origin.
func newSpec(cfg *container.Config, hc *container.HostConfig) *Spec {
	s := New(KindDockerRun, origin)
	s.Create = container.CreateRequest{Config: cfg, HostConfig: hc}
	return s
}

func TestDeriveEmpty(t *testing.T) {
	// A spec with no Config and no HostConfig must still derive, with empty
	// lists rather than nulls so that Rego iterates over nothing.
	d := Derive(New(KindAuthz, origin))
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"mounts":[]`, `"ports":[]`, `"group_add":[]`, `"devices":[]`, `"device_cgroup_rules":[]`, `"sysctls":[]`, `"add":[]`, `"drop":[]`, `"options":[]`, `"env":[]`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("empty derive lacks %s: %s", field, b)
		}
	}
	if d.Namespaces.Network.Mode != NSDefault || d.Security.Seccomp.Mode != SeccompDefault || d.User.Root != nil {
		t.Errorf("empty derive: %+v", d)
	}
	if !reflect.DeepEqual(d.Capabilities.Effective, DefaultCapabilities()) {
		t.Errorf("effective = %v, want the default set", d.Capabilities.Effective)
	}
}

func TestDeriveJSONNames(t *testing.T) {
	// Rules read these names: keep them snake_case.
	b, err := json.Marshal(Derive(newSpec(&container.Config{}, &container.HostConfig{})))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	want := []string{"mounts", "capabilities", "security", "namespaces", "ports", "user", "log", "group_add",
		"devices", "device_cgroup_rules", "sysctls", "resources", "restart", "healthcheck", "image", "env"}
	for _, k := range want {
		if _, ok := doc[k]; !ok {
			t.Errorf("derived JSON lacks %q", k)
		}
	}
	if len(doc) != len(want) {
		t.Errorf("derived JSON has keys %v, want %v", keys(doc), want)
	}
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func BenchmarkDerive(b *testing.B) {
	s := newSpec(
		&container.Config{Image: "web-server", User: "1000:1000", Env: []string{"A=1"}},
		&container.HostConfig{
			Binds:        []string{"/repo/web_base:/var/www/html", "/tmp/weblogs:/var/log/httpd", "data:/data:nocopy"},
			Tmpfs:        map[string]string{"/run": "rw,noexec", "/tmp": ""},
			CapAdd:       []string{"net_admin"},
			CapDrop:      []string{"ALL"},
			SecurityOpt:  []string{"no-new-privileges", "seccomp=unconfined"},
			PortBindings: map[nat.Port][]nat.PortBinding{"80/tcp": {{HostPort: "80"}}},
			LogConfig:    container.LogConfig{Type: "json-file", Config: map[string]string{"max-size": "10m"}},
			GroupAdd:     []string{"docker"},
		})
	b.ReportAllocs()
	for b.Loop() {
		_ = Derive(s)
	}
}
