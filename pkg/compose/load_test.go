package compose

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/go-connections/nat"

	"github.com/rungate/rungate/pkg/runspec"
)

// load reads the named fixtures (the test's own, in testdata) and loads
// them as one project.
func load(t *testing.T, opts Options, names ...string) ([]*runspec.Spec, []FileError) {
	t.Helper()
	files := make([]File, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: filepath.Join("testdata", n), Data: data})
	}
	if opts.ReadFile == nil {
		opts.ReadFile = os.ReadFile
	}
	return Load(t.Context(), opts, files...)
}

func service(t *testing.T, specs []*runspec.Spec, name string) *runspec.Spec {
	t.Helper()
	for _, s := range specs {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no service %q in %d specs", name, len(specs))
	return nil
}

func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestLoadCreateBody(t *testing.T) {
	pids := int64(100)
	tests := []struct {
		name    string
		files   []string
		service string
		check   func(t *testing.T, s *runspec.Spec) (got, want any)
	}{
		{
			name: "25 short volume syntax, unknown option silently rw", files: []string{"basic/compose.yaml"}, service: "web",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return s.Create.HostConfig.Binds, []string{
					abs(t, "testdata/basic/data") + ":/data:ro,z",
					"/etc:/etc2:rw",
					"/var/run/docker.sock:/var/run/docker.sock:rw",
				}
			},
		},
		{
			name: "26 long bind with propagation, nocopy and anonymous volumes go to Mounts", files: []string{"long/compose.yaml"}, service: "app",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return s.Create.HostConfig.Mounts, []mount.Mount{
					{Type: mount.TypeBind, Source: "/etc", Target: "/h", ReadOnly: true, BindOptions: &mount.BindOptions{Propagation: mount.PropagationRShared}},
					{Type: mount.TypeVolume, Source: "long_named", Target: "/n", VolumeOptions: &mount.VolumeOptions{NoCopy: true}},
					{Type: mount.TypeVolume, Target: "/anon"},
				}
			},
		},
		{
			name: "tmpfs list", files: []string{"long/compose.yaml"}, service: "app",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return s.Create.HostConfig.Tmpfs, map[string]string{"/run": "size=64m", "/tmp": ""}
			},
		},
		{
			name: "27 ports short and long, ranges expanded", files: []string{"basic/compose.yaml"}, service: "web",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return s.Create.HostConfig.PortBindings, nat.PortMap{
					"80/tcp":   {{HostPort: "8080"}, {}},
					"90/udp":   {{HostIP: "127.0.0.1", HostPort: "9090"}},
					"443/tcp":  {{HostIP: "0.0.0.0", HostPort: "8443"}},
					"5000/tcp": {{HostPort: "5000"}},
					"5001/tcp": {{HostPort: "5001"}},
					"5002/tcp": {{HostPort: "5002"}},
				}
			},
		},
		{
			name: "28 anchor, extends, caps normalized, override wins", files: []string{"merge/compose.yaml"}, service: "svc",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				h := s.Create.HostConfig
				return []any{h.ReadonlyRootfs, []string(h.CapDrop), []string(h.CapAdd), h.Privileged, h.Binds, h.LogConfig.Config},
					[]any{true, []string{"ALL"}, []string{"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_SYS_ADMIN"}, true,
						[]string{"/:/host:rw"}, map[string]string{"max-size": "10m"}}
			},
		},
		{
			name: "29 security options, namespaces, devices, logging, limits", files: []string{"basic/compose.yaml"}, service: "sys",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				h := s.Create.HostConfig
				return []any{h.SecurityOpt, h.MaskedPaths, h.ReadonlyPaths, h.PidMode, h.NetworkMode, h.UsernsMode, h.CgroupnsMode,
						h.Devices, h.LogConfig.Type, h.Ulimits, h.Memory, h.NanoCPUs, h.PidsLimit},
					[]any{[]string{"seccomp:unconfined"}, []string{}, []string{}, container.PidMode("host"), container.NetworkMode("host"),
						container.UsernsMode("host"), container.CgroupnsMode("host"),
						[]container.DeviceMapping{{PathOnHost: "/dev/sda", PathInContainer: "/dev/xvda", CgroupPermissions: "r"}},
						"none", []*container.Ulimit{{Name: "nofile", Soft: 1024, Hard: 2048}, {Name: "nproc", Soft: 65535, Hard: 65535}},
						int64(536870912), int64(500000000), &pids}
			},
		},
		{
			name: "default network is <project>_default", files: []string{"basic/compose.yaml"}, service: "web",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return []any{s.Create.HostConfig.NetworkMode, s.Create.NetworkingConfig.EndpointsConfig},
					[]any{container.NetworkMode("p_default"), map[string]*network.EndpointSettings{"p_default": {Aliases: []string{"web"}}}}
			},
		},
		{
			name: "network_mode host has no endpoints", files: []string{"basic/compose.yaml"}, service: "sys",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return len(s.Create.NetworkingConfig.EndpointsConfig), 0
			},
		},
		{
			name: "unset variable stays a visible placeholder and is unresolved", files: []string{"basic/compose.yaml"}, service: "sys",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return []any{s.Create.Config.Image, s.Unresolved[runspec.FieldKey("Config.Image")], s.Create.Config.User},
					[]any{"${IMAGE}", true, "${RUN_AS}"}
			},
		},
		{
			name: "default applies, .env read, environment wins over .env", files: []string{"env/compose.yaml"}, service: "app",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return []any{s.Create.Config.Image, s.Create.Config.User, s.Create.HostConfig.Binds},
					[]any{"reg/app:v1", "1000", []string{abs(t, "testdata/env") + ":/src:rw", "${HOST_DIR}:/host:rw"}}
			},
		},
		{
			name: "a placeholder that breaks a port loads as compose would", files: []string{"env/ports.yaml"}, service: "app",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return []any{s.Create.HostConfig.PortBindings, s.Create.HostConfig.Binds},
					[]any{nat.PortMap{"80/tcp": {{}}}, []string{"/:/host:rw"}}
			},
		},
		{
			name: "gpus and reserved devices become device requests", files: []string{"long/gpu.yaml"}, service: "ml",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return s.Create.HostConfig.DeviceRequests, []container.DeviceRequest{
					{Count: -1, Capabilities: [][]string{{"gpu"}}},
					{Driver: "nvidia", Count: 1, Capabilities: [][]string{{"gpu"}}},
				}
			},
		},
		{
			name: "merge list: the first source wins", files: []string{"anchors/compose.yaml"}, service: "two",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return []bool{s.Create.HostConfig.Privileged, s.Create.HostConfig.ReadonlyRootfs}, []bool{true, true}
			},
		},
		{
			name: "include resolves paths relative to the included file", files: []string{"include/compose.yaml"}, service: "db",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return s.Create.HostConfig.Binds, []string{abs(t, "testdata/include/sub/pgdata") + ":/var/lib/postgresql/data:rw"}
			},
		},
		{
			name: "JSON compose file", files: []string{"json/compose.json"}, service: "api",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				h := s.Create.HostConfig
				return []any{h.Binds, h.GroupAdd, h.ReadonlyRootfs}, []any{[]string{"/:/host:ro"}, []string{"docker"}, true}
			},
		},
		{
			name: "30 privileged: yes is true", files: []string{"errors/env-file.yaml"}, service: "a",
			check: func(t *testing.T, s *runspec.Spec) (any, any) {
				return s.Create.HostConfig.Privileged, true
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			specs, errs := load(t, Options{Env: map[string]string{"REGISTRY": "reg"}}, tc.files...)
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			s := service(t, specs, tc.service)
			if s.Kind != runspec.KindCompose {
				t.Errorf("kind = %q", s.Kind)
			}
			got, want := tc.check(t, s)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %#v\nwant %#v", got, want)
			}
		})
	}
}

func TestLoadProfilesAndFiles(t *testing.T) {
	tests := []struct {
		name     string
		profiles []string
		files    []string
		want     []string
	}{
		{"all profiles enabled by default", nil, []string{"profiles/compose.yaml"}, []string{"app", "debug", "ops"}},
		{"chosen profile", []string{"ops"}, []string{"profiles/compose.yaml"}, []string{"app", "ops"}},
		{"several files merge into one project", nil, []string{"merge/compose.yaml", "merge/compose.override.yaml"}, []string{"svc"}},
		{"files from several projects", nil, []string{"basic/compose.yaml", "long/compose.yaml"}, []string{"app", "sys", "web"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			specs, errs := load(t, Options{Profiles: tc.profiles}, tc.files...)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var names []string
			for _, s := range specs {
				names = append(names, s.Name)
			}
			if !reflect.DeepEqual(names, tc.want) {
				t.Errorf("services = %v, want %v", names, tc.want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name      string
		files     []string
		want      []FileError // Message is matched as a substring
		wantSpecs []string
	}{
		{"30 user: 0 is a schema error", []string{"errors/user-int.yaml"},
			[]FileError{{File: "testdata/errors/user-int.yaml", Line: 4, Column: 5, Message: "user must be a string"}}, nil},
		{"30 cap_add string is a schema error", []string{"errors/cap-string.yaml"},
			[]FileError{{File: "testdata/errors/cap-string.yaml", Line: 4, Column: 5, Message: "cap_add must be a array"}}, nil},
		{"30 required variable", []string{"errors/required.yaml"},
			[]FileError{{File: "testdata/errors/required.yaml", Line: 5, Column: 14, Message: "need X"}}, nil},
		{"broken YAML keeps the other file", []string{"errors/broken.yaml", "errors/good.yaml"},
			[]FileError{{File: "testdata/errors/broken.yaml", Line: 1, Column: 1, Message: "did not find expected key"}}, []string{"b"}},
		{"a file failing in the project keeps the others", []string{"errors/user-int.yaml", "errors/good.yaml"},
			[]FileError{{File: "testdata/errors/user-int.yaml", Line: 4, Column: 5, Message: "user must be a string"}}, []string{"b"}},
		{"extends file that cannot be read", []string{"errors/extends-missing.yaml"},
			[]FileError{{File: "testdata/errors/extends-missing.yaml", Line: 5, Column: 13, Message: "cannot read testdata/errors/nowhere.yaml"}}, nil},
		{"recursive merge key", []string{"errors/recursive-anchor.yaml"},
			[]FileError{{File: "testdata/errors/recursive-anchor.yaml", Line: 2, Column: 7, Message: "alias *c refers to a node that contains it"}}, nil},
		{"a value compose cannot parse is found by its text", []string{"errors/bad-volume.yaml"},
			[]FileError{{File: "testdata/errors/bad-volume.yaml", Line: 5, Column: 9, Message: "invalid spec"}}, nil},
		{"undefined named volume and missing env_file still lint", []string{"errors/undefined-volume.yaml", "errors/env-file.yaml"},
			nil, []string{"a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			specs, errs := load(t, Options{}, tc.files...)
			if len(errs) != len(tc.want) {
				t.Fatalf("errors = %v, want %d", errs, len(tc.want))
			}
			for i, w := range tc.want {
				g := errs[i]
				if g.File != w.File || g.Line != w.Line || g.Column != w.Column || !contains(g.Message, w.Message) {
					t.Errorf("error %d = %v, want %v", i, g, w)
				}
			}
			var names []string
			for _, s := range specs {
				names = append(names, s.Name)
			}
			if !reflect.DeepEqual(names, tc.wantSpecs) {
				t.Errorf("specs = %v, want %v", names, tc.wantSpecs)
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// TestLoadReadsOnlyThroughReadFile checks that a file named by extends is
// not loaded when ReadFile does not give it, even though it exists.
func TestLoadReadsOnlyThroughReadFile(t *testing.T) {
	name := "testdata/merge/compose.yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	refuse := func(string) ([]byte, error) { return nil, os.ErrPermission }
	specs, errs := Load(t.Context(), Options{ReadFile: refuse}, File{Name: name, Data: data})
	if len(specs) != 0 || len(errs) != 1 || errs[0].Line != 8 {
		t.Errorf("specs = %d, errors = %v", len(specs), errs)
	}
}
