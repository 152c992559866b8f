package runspec

import (
	"reflect"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
)

func TestDeriveBinds(t *testing.T) {
	at := Pos{File: "run.sh", Line: 3, Column: 9}
	bind := func(src, dst string) Mount {
		return Mount{
			Type: MountBind, Source: src, CanonicalSource: src, Target: dst, Propagation: "rprivate",
			Origin: OriginBinds, Pos: origin,
		}
	}
	tests := []struct {
		name string
		raw  string
		want func(m Mount) Mount
	}{
		{"root", "/:/host", func(m Mount) Mount { return m }},
		{"double slash", "//:/host", func(m Mount) Mount { m.RawSource = "//"; return m }},
		{"dot", "/./:/host", func(m Mount) Mount { m.RawSource = "/./"; return m }},
		{"dot dot", "/etc/..:/host", func(m Mount) Mount { m.RawSource = "/etc/.."; return m }},
		{"dot dot above root", "/../:/host", func(m Mount) Mount { m.RawSource = "/../"; return m }},
		{"trailing slash target", "/:/host/", func(m Mount) Mount { return m }},
		{"read-only", "/:/host:ro", func(m Mount) Mount { m.ReadOnly, m.Options = true, []string{"ro"}; return m }},
		{"rw", "/:/host:rw", func(m Mount) Mount { m.Options = []string{"rw"}; return m }},
		{"propagation", "/:/host:rslave", func(m Mount) Mount { m.Propagation, m.Options = "rslave", []string{"rslave"}; return m }},
		{"relabel and ro", "/:/host:ro,z", func(m Mount) Mount {
			m.ReadOnly, m.Relabel, m.Options = true, "z", []string{"ro", "z"}
			return m
		}},
		{"private relabel and shared", "/:/host:Z,rshared,cached", func(m Mount) Mount {
			m.Relabel, m.Propagation, m.Options = "Z", "rshared", []string{"Z", "rshared", "cached"}
			return m
		}},
		{"trailing colon", "/:/host:", func(m Mount) Mount { return m }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := bind("/", "/host")
			want.RawSource, want.Raw = "/", tc.raw
			want = tc.want(want)
			got := withoutDirs(Derive(newSpec(nil, &container.HostConfig{Binds: []string{tc.raw}})).Mounts)
			if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
				t.Errorf("Derive(%q)\n got %+v\nwant %+v", tc.raw, got, want)
			}
		})
	}

	t.Run("position by raw bind", func(t *testing.T) {
		s := newSpec(nil, &container.HostConfig{Binds: []string{"/a:/b", "/c:/d"}})
		s.SetPos(ValueKey("HostConfig.Binds", "/c:/d"), at)
		got := Derive(s).Mounts
		if got[0].Pos != origin || got[1].Pos != at {
			t.Errorf("positions = %v, %v; want origin, %v", got[0].Pos, got[1].Pos, at)
		}
	})
}

func TestDeriveBindKinds(t *testing.T) {
	tests := []struct {
		raw        string
		typ        string
		source     string
		canonical  string
		target     string
		nocopy     bool
		unresolved bool
		reason     string
	}{
		{raw: "myvol:/data:nocopy", typ: MountVolume, source: "myvol", target: "/data", nocopy: true},
		{raw: "myvol:/data", typ: MountVolume, source: "myvol", target: "/data"},
		{raw: "/cache", typ: MountVolume, target: "/cache"},
		{raw: "/etc/:/e/", typ: MountBind, source: "/etc", canonical: "/etc", target: "/e"},
		{raw: "/var/run:/r", typ: MountBind, source: "/var/run", canonical: "/run", target: "/r"},
		{raw: "/var/run/docker.sock:/s", typ: MountBind, source: "/var/run/docker.sock", canonical: "/run/docker.sock", target: "/s"},
		{raw: "/var/running:/r", typ: MountBind, source: "/var/running", canonical: "/var/running", target: "/r"},
		{raw: "${WEB}/site:/var/www", typ: MountBind, source: "${WEB}/site", canonical: "${WEB}/site", target: "/var/www", unresolved: true},
		{raw: "${DATA}:/data", typ: MountBind, source: "${DATA}", canonical: "${DATA}", target: "/data", unresolved: true},
		// The daemon rejects these; they stay in the list, marked.
		{raw: "~/x:/y", typ: MountVolume, source: "~/x", target: "/y", reason: `invalid volume name "~/x"`},
		{raw: "data/sub:/z", typ: MountVolume, source: "data/sub", target: "/z", reason: `invalid volume name "data/sub"`},
		{raw: "/etc:/e:readonly", typ: MountBind, source: "/etc", canonical: "/etc", target: "/e", reason: `unknown mode "readonly"`},
		{raw: "/a:/b:ro,rw", typ: MountBind, source: "/a", canonical: "/a", target: "/b", reason: `more than one rw option in "ro,rw"`},
		{raw: "/a:/b:nocopy", typ: MountBind, source: "/a", canonical: "/a", target: "/b", nocopy: true, reason: "nocopy applies to volumes only"},
		{raw: "vol:/d:rshared", typ: MountVolume, source: "vol", target: "/d", reason: "propagation applies to binds only"},
		{raw: "/a:/", typ: MountBind, source: "/a", canonical: "/a", target: "/", reason: "target cannot be /"},
		{raw: "/a:b", typ: MountBind, source: "/a", canonical: "/a", target: "b", reason: `target "b" is not an absolute path`},
		{raw: "/a:ro", reason: "a mode needs a source"},
		{raw: "/a:", reason: "empty target"},
		{raw: ":/x", reason: "empty source or target"},
		{raw: "/a:/b:ro:x", reason: "too many colons"},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			m := Derive(newSpec(nil, &container.HostConfig{Binds: []string{tc.raw}})).Mounts[0]
			got := []any{m.Type, m.Source, m.CanonicalSource, m.Target, m.NoCopy, m.Unresolved, m.Reason, m.Invalid}
			want := []any{tc.typ, tc.source, tc.canonical, tc.target, tc.nocopy, tc.unresolved, tc.reason, tc.reason != ""}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Derive(%q) = %v, want %v", tc.raw, got, want)
			}
		})
	}
}

func TestDeriveUnresolvedByKey(t *testing.T) {
	// An input may mark a value unresolved without a visible placeholder.
	s := newSpec(nil, &container.HostConfig{Binds: []string{"/home/x:/x"}})
	s.Unresolved[ValueKey("HostConfig.Binds", "/home/x:/x")] = true
	if m := Derive(s).Mounts[0]; !m.Unresolved || m.Invalid {
		t.Errorf("mount = %+v, want unresolved and not judged invalid", m)
	}
}

func TestDeriveAPIMounts(t *testing.T) {
	at := Pos{File: "compose.yaml", Line: 7, Column: 9}
	tests := []struct {
		name string
		in   mount.Mount
		want Mount
	}{
		{
			name: "bind root read-only",
			in:   mount.Mount{Type: mount.TypeBind, Source: "/", Target: "/host", ReadOnly: true, BindOptions: &mount.BindOptions{Propagation: mount.PropagationRShared}},
			want: Mount{Type: MountBind, Source: "/", RawSource: "/", CanonicalSource: "/", Target: "/host", ReadOnly: true, Propagation: "rshared"},
		},
		{
			name: "bind unclean",
			in:   mount.Mount{Type: mount.TypeBind, Source: "//etc/../", Target: "/h/"},
			want: Mount{Type: MountBind, Source: "/", RawSource: "//etc/../", CanonicalSource: "/", Target: "/h", Propagation: "rprivate"},
		},
		{
			name: "named volume nocopy",
			in:   mount.Mount{Type: mount.TypeVolume, Source: "p_named", Target: "/n", VolumeOptions: &mount.VolumeOptions{NoCopy: true}},
			want: Mount{Type: MountVolume, Source: "p_named", RawSource: "p_named", Target: "/n", NoCopy: true},
		},
		{
			name: "anonymous volume",
			in:   mount.Mount{Type: mount.TypeVolume, Target: "/anon"},
			want: Mount{Type: MountVolume, Target: "/anon"},
		},
		{
			name: "tmpfs",
			in:   mount.Mount{Type: mount.TypeTmpfs, Target: "/t"},
			want: Mount{Type: MountTmpfs, Target: "/t"},
		},
		{
			name: "image",
			in:   mount.Mount{Type: mount.TypeImage, Source: "alpine", Target: "/img"},
			want: Mount{Type: MountImage, Source: "alpine", RawSource: "alpine", Target: "/img"},
		},
		{
			name: "relative bind source",
			in:   mount.Mount{Type: mount.TypeBind, Source: "rel", Target: "/r"},
			want: Mount{Type: MountBind, Source: "rel", RawSource: "rel", CanonicalSource: "rel", Target: "/r", Propagation: "rprivate", Invalid: true, Reason: `bind source "rel" is not an absolute path`},
		},
		{
			name: "tmpfs with source",
			in:   mount.Mount{Type: mount.TypeTmpfs, Source: "/x", Target: "/t"},
			want: Mount{Type: MountTmpfs, Source: "/x", RawSource: "/x", Target: "/t", Invalid: true, Reason: "tmpfs takes no source"},
		},
		{
			name: "unknown type",
			in:   mount.Mount{Type: "weird", Target: "/w"},
			want: Mount{Type: "weird", Target: "/w", Invalid: true, Reason: `unknown mount type "weird"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSpec(nil, &container.HostConfig{Mounts: []mount.Mount{{Type: mount.TypeTmpfs, Target: "/first"}, tc.in}})
			s.SetPos(ValueKey("HostConfig.Mounts", "1"), at)
			got := withoutDirs(Derive(s).Mounts)[1]
			tc.want.Origin, tc.want.Pos = OriginMounts, at
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDeriveOtherMounts(t *testing.T) {
	at := Pos{File: "run.sh", Line: 2, Column: 5}
	s := newSpec(
		&container.Config{Volumes: map[string]struct{}{"/cache": {}, "/a/": {}}},
		&container.HostConfig{
			Binds:       []string{"/w:/w"},
			Tmpfs:       map[string]string{"/tmp": "", "/run": "rw,noexec,size=64m", "/ro": "ro"},
			VolumesFrom: []string{"c1:ro", "c2", "c3:x", ":ro"},
		})
	s.SetPos(ValueKey("HostConfig.Tmpfs", "/run"), at)
	s.SetPos(ValueKey("Config.Volumes", "/cache"), at)
	s.SetPos(ValueKey("HostConfig.VolumesFrom", "c2"), at)
	want := []Mount{
		{Type: MountBind, Source: "/w", RawSource: "/w", CanonicalSource: "/w", Target: "/w", Propagation: "rprivate", Origin: OriginBinds, Raw: "/w:/w", Pos: origin},
		{Type: MountTmpfs, Target: "/ro", ReadOnly: true, Options: []string{"ro"}, Origin: OriginTmpfs, Raw: "/ro:ro", Pos: origin},
		{Type: MountTmpfs, Target: "/run", Options: []string{"rw", "noexec", "size=64m"}, Origin: OriginTmpfs, Raw: "/run:rw,noexec,size=64m", Pos: at},
		{Type: MountTmpfs, Target: "/tmp", Origin: OriginTmpfs, Raw: "/tmp", Pos: origin},
		{Type: MountVolume, Target: "/a", Origin: OriginVolumes, Raw: "/a/", Pos: origin},
		{Type: MountVolume, Target: "/cache", Origin: OriginVolumes, Raw: "/cache", Pos: at},
		{Type: MountVolumesFrom, Source: "c1", RawSource: "c1", ReadOnly: true, Origin: OriginVolumesFrom, Raw: "c1:ro", Pos: origin},
		{Type: MountVolumesFrom, Source: "c2", RawSource: "c2", Origin: OriginVolumesFrom, Raw: "c2", Pos: at},
		{Type: MountVolumesFrom, Source: "c3", RawSource: "c3", Origin: OriginVolumesFrom, Raw: "c3:x", Invalid: true, Reason: `unknown mode "x"`, Pos: origin},
		{Type: MountVolumesFrom, ReadOnly: true, Origin: OriginVolumesFrom, Raw: ":ro", Invalid: true, Reason: "no container named", Pos: origin},
	}
	got := withoutDirs(Derive(s).Mounts)
	if len(got) != len(want) {
		t.Fatalf("got %d mounts, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("mount %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// withoutDirs clears the directory lists, which TestDeriveMountDirs checks,
// and empty options, so that the other tests stay readable.
func withoutDirs(ms []Mount) []Mount {
	for i := range ms {
		ms[i].SourceDirs, ms[i].TargetDirs, ms[i].HostPath = nil, nil, ""
		if len(ms[i].Options) == 0 {
			ms[i].Options = nil
		}
	}
	return ms
}

func TestDeriveMountDirs(t *testing.T) {
	tests := []struct {
		raw                    string
		sourceDirs, targetDirs []string
	}{
		{"/repo/web_base:/var/www/html", []string{"/repo/web_base", "/repo", "/"}, []string{"/var/www/html", "/var/www", "/var", "/"}},
		{"//etc/../srv/:/app/", []string{"/srv", "/"}, []string{"/app", "/"}},
		{"/:/host", []string{"/"}, []string{"/host", "/"}},
		{"vol:/data", []string{}, []string{"/data", "/"}},
		{"/cache", []string{}, []string{"/cache", "/"}},
		{"${WEB}/x:/var/www", []string{}, []string{"/var/www", "/var", "/"}},
		{"~/x:rel", []string{}, []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			m := Derive(newSpec(nil, &container.HostConfig{Binds: []string{tc.raw}})).Mounts[0]
			if !reflect.DeepEqual(m.SourceDirs, tc.sourceDirs) || !reflect.DeepEqual(m.TargetDirs, tc.targetDirs) {
				t.Errorf("dirs = %q, %q; want %q, %q", m.SourceDirs, m.TargetDirs, tc.sourceDirs, tc.targetDirs)
			}
		})
	}
	t.Run("tmpfs and volumes-from", func(t *testing.T) {
		ms := Derive(newSpec(nil, &container.HostConfig{Tmpfs: map[string]string{"/run/x": ""}, VolumesFrom: []string{"c"}})).Mounts
		if !reflect.DeepEqual(ms[0].TargetDirs, []string{"/run/x", "/run", "/"}) || len(ms[1].TargetDirs) != 0 || len(ms[1].SourceDirs) != 0 {
			t.Errorf("mounts = %+v", ms)
		}
	})
}

func TestDeriveHostPath(t *testing.T) {
	local := func(driver string, opts map[string]string) *mount.VolumeOptions {
		return &mount.VolumeOptions{DriverConfig: &mount.Driver{Name: driver, Options: opts}}
	}
	tests := []struct {
		name     string
		binds    []string
		mount    *mount.Mount
		hostPath string
		dirs     []string
	}{
		{name: "bind", binds: []string{"/etc/nginx/:/e"}, hostPath: "/etc/nginx", dirs: []string{"/etc/nginx", "/etc", "/"}},
		{name: "named volume", binds: []string{"data:/d"}, dirs: []string{}},
		{name: "anonymous volume", binds: []string{"/etc"}, dirs: []string{}},
		{name: "local volume bound to a host path",
			mount:    &mount.Mount{Type: mount.TypeVolume, Source: "cfg", Target: "/c", VolumeOptions: local("local", map[string]string{"type": "none", "o": "bind", "device": "/etc/"})},
			hostPath: "/etc", dirs: []string{"/etc", "/"}},
		{name: "default driver, rbind among options",
			mount:    &mount.Mount{Type: mount.TypeVolume, Source: "v", Target: "/c", VolumeOptions: local("", map[string]string{"o": "ro,rbind", "device": "/var/lib/docker"})},
			hostPath: "/var/lib/docker", dirs: []string{"/var/lib/docker", "/var/lib", "/var", "/"}},
		{name: "nfs volume is not a host path",
			mount: &mount.Mount{Type: mount.TypeVolume, Source: "v", Target: "/c", VolumeOptions: local("local", map[string]string{"type": "nfs", "o": "addr=10.0.0.1", "device": ":/export"})},
			dirs:  []string{}},
		{name: "other driver",
			mount: &mount.Mount{Type: mount.TypeVolume, Source: "v", Target: "/c", VolumeOptions: local("rexray", map[string]string{"o": "bind", "device": "/etc"})},
			dirs:  []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hc := &container.HostConfig{Binds: tc.binds}
			if tc.mount != nil {
				hc.Mounts = []mount.Mount{*tc.mount}
			}
			m := Derive(newSpec(nil, hc)).Mounts[0]
			if m.HostPath != tc.hostPath || !reflect.DeepEqual(m.SourceDirs, tc.dirs) {
				t.Errorf("host_path %q, source_dirs %q; want %q, %q", m.HostPath, m.SourceDirs, tc.hostPath, tc.dirs)
			}
		})
	}
}

func TestDeriveTmpfsExec(t *testing.T) {
	tests := []struct {
		name  string
		tmpfs string
		opts  [][]string
		exec  bool
	}{
		{name: "default is noexec", tmpfs: ""},
		{name: "exec", tmpfs: "rw,exec,size=1g", exec: true},
		{name: "noexec", tmpfs: "noexec"},
		{name: "last wins, exec", tmpfs: "noexec,exec", exec: true},
		{name: "last wins, noexec", tmpfs: "exec,noexec"},
		{name: "defaults does not mean exec here", tmpfs: "defaults"},
		{name: "mount default is noexec", opts: nil},
		{name: "mount exec option", opts: [][]string{{"exec"}}, exec: true},
		{name: "mount exec then noexec", opts: [][]string{{"exec"}, {"noexec"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hc := &container.HostConfig{}
			if strings.HasPrefix(tc.name, "mount") {
				hc.Mounts = []mount.Mount{{Type: mount.TypeTmpfs, Target: "/t", TmpfsOptions: &mount.TmpfsOptions{Options: tc.opts}}}
			} else {
				hc.Tmpfs = map[string]string{"/t": tc.tmpfs}
			}
			if m := Derive(newSpec(nil, hc)).Mounts[0]; m.Exec != tc.exec {
				t.Errorf("exec = %v, want %v (%+v)", m.Exec, tc.exec, m)
			}
		})
	}
}

func TestDeriveVolumesFromComposeContainer(t *testing.T) {
	s := newSpec(nil, &container.HostConfig{VolumesFrom: []string{"container:backup:ro", "db"}})
	s.Kind = KindCompose
	got := Derive(s).Mounts
	if got[0].Source != "backup" || !got[0].ReadOnly || got[0].Invalid || got[1].Source != "db" || got[1].ReadOnly {
		t.Errorf("got %+v", got)
	}
}
