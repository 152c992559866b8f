package engine_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/go-connections/nat"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/rules"
)

// newEngine compiles the built-in rules once per test binary run.
func newEngine(tb testing.TB) *engine.Engine {
	tb.Helper()
	e, err := engine.New(context.Background(), builtin())
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

var origin = runspec.Pos{File: "deploy.sh", Line: 4, Column: 1}

// dockerRun is the spec the docker CLI would send for `docker run --rm -d
// -p 80:80 [flags] web-server`, with each bind placed on its own column of
// line 4, as pkg/dockerrun records them.
func dockerRun(hc container.HostConfig, binds ...string) *runspec.Spec {
	s := runspec.New(runspec.KindDockerRun, origin)
	hc.Binds = binds
	hc.AutoRemove = true
	hc.NetworkMode = "default"
	hc.PortBindings = nat.PortMap{"80/tcp": {{HostPort: "80"}}}
	s.Create = container.CreateRequest{
		Config: &container.Config{
			Image:        "web-server",
			ExposedPorts: nat.PortSet{"80/tcp": {}},
			Volumes:      map[string]struct{}{},
		},
		HostConfig: &hc,
	}
	for i, b := range binds {
		s.SetPos(runspec.ValueKey("HostConfig.Binds", b), runspec.Pos{File: origin.File, Line: origin.Line, Column: 30 + 40*i})
	}
	return s
}

// rulesOf returns the rule id of each finding, in order.
func rulesOf(fs []engine.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule
	}
	return out
}

func TestRules(t *testing.T) {
	got := newEngine(t).Rules()
	ids := make([]string, len(got))
	for i, r := range got {
		ids[i] = r.ID
	}
	// Every rule file is a rule, named by its file.
	var want []string
	files, err := fs.Glob(rules.FS, "*.rego")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.rego") {
			want = append(want, strings.TrimSuffix(f, ".rego"))
		}
	}
	// Rules come sorted by id: "privileged" before "privileged-host-port",
	// although their file names sort the other way ('-' < '.').
	slices.Sort(want)
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("rules = %v, want %v", ids, want)
	}
	// The severities the catalogue's design gives (docs/comparison.md says
	// why); changing one is a decision, so it changes this list too.
	sev := map[string]engine.Severity{
		"apparmor-unconfined":              engine.High,
		"cap-add-dangerous":                engine.Critical,
		"cap-drop-all-missing":             engine.Medium,
		"cgroup-parent":                    engine.Low,
		"container-namespace-join":         engine.Medium,
		"cpu-limit-missing":                engine.Low,
		"daemon-authz-plugin-missing":      engine.Low,
		"daemon-icc-enabled":               engine.Low,
		"daemon-live-restore-disabled":     engine.Info,
		"daemon-log-unbounded":             engine.Medium,
		"daemon-no-new-privileges-missing": engine.Low,
		"daemon-tcp-without-tls":           engine.Critical,
		"daemon-userns-remap-disabled":     engine.Medium,
		"device-cgroup-rule-broad":         engine.High,
		"device-exposed":                   engine.High,
		"docker-group-member":              engine.High,
		"docker-socket-permissions":        engine.High,
		"docker-socket-world-writable":     engine.Critical,
		"group-add-privileged":             engine.Medium,
		"healthcheck-missing":              engine.Low,
		"host-cgroupns":                    engine.Medium,
		"host-ipc":                         engine.High,
		"host-network":                     engine.High,
		"host-pid":                         engine.High,
		"host-root-mount":                  engine.Critical,
		"host-userns":                      engine.Medium,
		"host-uts":                         engine.Low,
		"image-unpinned":                   engine.Low,
		"log-json-unbounded":               engine.Medium,
		"logging-disabled":                 engine.Low,
		"memory-limit-missing":             engine.Medium,
		"mount-propagation-shared":         engine.Medium,
		"no-new-privileges-missing":        engine.Medium,
		"oom-kill-disabled":                engine.Medium,
		"pids-limit-missing":               engine.Medium,
		"port-all-interfaces":              engine.Medium,
		"privileged":                       engine.Critical,
		"privileged-host-port":             engine.Low,
		"publish-all":                      engine.Low,
		"readonly-rootfs-missing":          engine.Medium,
		"restart-policy":                   engine.Low,
		"runtime-socket-mount":             engine.Critical,
		"seccomp-unconfined":               engine.High,
		"secret-in-env":                    engine.High,
		"selinux-disabled":                 engine.High,
		"sensitive-path-mount":             engine.High,
		"systempaths-unconfined":           engine.High,
		"tmpfs-exec":                       engine.Low,
		"unsafe-sysctl":                    engine.Medium,
		"user-root":                        engine.Medium,
		"volumes-from":                     engine.Low,
		"writable-content-mount":           engine.Medium,
	}
	for _, r := range got {
		want, ok := sev[r.ID]
		if !ok {
			t.Errorf("%s: not in the severity list of this test", r.ID)
		} else if r.Severity != want {
			t.Errorf("%s: severity %s, want %s", r.ID, r.Severity, want)
		}
	}
}

// seedRuleIDs are the rules the tests below were written for, the
// catalogue's first twelve. A rule added later (limits, ports, ...) has
// its own tests and does not change what these expect; seedOnly drops its
// findings, keeping those of the rules named in extra.
var seedRuleIDs = []string{
	"cap-add-dangerous", "docker-group-member", "host-ipc", "host-network", "host-pid", "host-root-mount",
	"log-json-unbounded", "privileged", "readonly-rootfs-missing", "runtime-socket-mount",
	"seccomp-unconfined", "writable-content-mount",
}

func seedOnly(fs []engine.Finding, extra ...string) []engine.Finding {
	return only(fs, append(slices.Clone(seedRuleIDs), extra...)...)
}

// only keeps the findings of the rules named.
func only(fs []engine.Finding, ids ...string) []engine.Finding {
	var out []engine.Finding
	for _, f := range fs {
		if slices.Contains(ids, f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

// missionRules are the rules the seed example is about. The rest of the
// catalogue (limits, capabilities, ...) also has things to say about it,
// which each rule's own tests cover.
var missionRules = []string{"host-root-mount", "readonly-rootfs-missing", "writable-content-mount", "log-json-unbounded", "docker-group-member"}

func missionOnly(fs []engine.Finding) []engine.Finding { return only(fs, missionRules...) }

func TestSeedExample(t *testing.T) {
	e := newEngine(t)
	ctx := t.Context()
	webRoot, logs := "/repo/web_base:/var/www/html", "/tmp/weblogs:/var/log/httpd"

	t.Run("as written", func(t *testing.T) {
		got, err := e.Evaluate(ctx, dockerRun(container.HostConfig{}, webRoot, logs), runspec.DefaultDaemon())
		if err != nil {
			t.Fatal(err)
		}
		got = missionOnly(got)
		// Missing settings point at the command; the mount at its -v value.
		want := []engine.Finding{
			{Rule: "log-json-unbounded", Pos: origin},
			{Rule: "readonly-rootfs-missing", Pos: origin},
			{Rule: "writable-content-mount", Pos: runspec.Pos{File: origin.File, Line: 4, Column: 30}},
		}
		if len(got) != len(want) {
			t.Fatalf("findings = %v, want %v", rulesOf(got), rulesOf(want))
		}
		for i := range want {
			if got[i].Rule != want[i].Rule || got[i].Pos != want[i].Pos {
				t.Errorf("finding %d = %s at %v, want %s at %v", i, got[i].Rule, got[i].Pos, want[i].Rule, want[i].Pos)
			}
		}
		if msg := got[2].Message; !strings.Contains(msg, "/repo/web_base") || !strings.Contains(msg, "/var/www/html") {
			t.Errorf("writable-content-mount message %q names neither the mount nor its path", msg)
		}
		if msg := got[0].Message; !strings.Contains(msg, "json-file driver, the daemon's built-in default") {
			t.Errorf("log-json-unbounded message %q does not say the driver is the daemon default", msg)
		}
		for _, f := range got {
			if f.Severity.AtLeast(engine.High) {
				t.Errorf("%s is %s: the seed example must pass the default --fail-on high", f.Rule, f.Severity)
			}
		}
	})

	t.Run("hardened", func(t *testing.T) {
		hc := container.HostConfig{ReadonlyRootfs: true, Tmpfs: map[string]string{"/run": "", "/tmp": ""}}
		got, err := e.Evaluate(ctx, dockerRun(hc, webRoot+":ro", logs), runspec.DefaultDaemon())
		if err != nil {
			t.Fatal(err)
		}
		got = missionOnly(got)
		if ids := rulesOf(got); !reflect.DeepEqual(ids, []string{"log-json-unbounded"}) {
			t.Errorf("findings = %v, want only log-json-unbounded", ids)
		}
	})

	t.Run("log size set", func(t *testing.T) {
		hc := container.HostConfig{ReadonlyRootfs: true, LogConfig: container.LogConfig{Type: "json-file", Config: map[string]string{"max-size": "10m"}}}
		got, err := e.Evaluate(ctx, dockerRun(hc, webRoot+":ro", logs), runspec.DefaultDaemon())
		if err != nil {
			t.Fatal(err)
		}
		got = missionOnly(got)
		if len(got) != 0 {
			t.Errorf("findings = %v, want none", rulesOf(got))
		}
	})

	t.Run("daemon sets max-size", func(t *testing.T) {
		d := runspec.Daemon{Known: true, File: "/etc/docker/daemon.json", LogDriver: "json-file", LogOpts: map[string]string{"max-size": "10m"}}
		got, err := e.Evaluate(ctx, dockerRun(container.HostConfig{ReadonlyRootfs: true}), d)
		if err != nil {
			t.Fatal(err)
		}
		got = missionOnly(got)
		if len(got) != 0 {
			t.Errorf("findings = %v, want none", rulesOf(got))
		}
	})
}

func TestHostRootMount(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		name   string
		binds  []string
		mounts []mount.Mount
		want   int
	}{
		{name: "mission example", binds: []string{"/:/mnt"}, want: 1},
		{name: "double slash", binds: []string{"//:/host"}, want: 1},
		{name: "dot", binds: []string{"/./:/host"}, want: 1},
		{name: "dot dot", binds: []string{"/etc/..:/host"}, want: 1},
		{name: "dot dot above root", binds: []string{"/../:/host"}, want: 1},
		{name: "trailing slashes", binds: []string{"///:/host/"}, want: 1},
		{name: "read-only", binds: []string{"/:/host:ro"}, want: 1},
		{name: "propagation", binds: []string{"/:/host:rslave"}, want: 1},
		{name: "mounts", mounts: []mount.Mount{{Type: mount.TypeBind, Source: "/", Target: "/host"}}, want: 1},
		{name: "mounts read-only", mounts: []mount.Mount{{Type: mount.TypeBind, Source: "/", Target: "/host", ReadOnly: true}}, want: 1},
		{name: "mounts unclean", mounts: []mount.Mount{{Type: mount.TypeBind, Source: "/var/..", Target: "/host"}}, want: 1},
		{name: "two spellings", binds: []string{"/:/a", "//:/b"}, want: 2},
		{name: "container root is not the host's", binds: []string{"/srv:/"}, want: 0},
		{name: "other host dirs", binds: []string{"/etc:/host-etc:ro", "/root:/r"}, want: 0},
		{name: "named volume", binds: []string{"root:/host"}, want: 0},
		{name: "anonymous volume", binds: []string{"/"}, want: 0},
		{name: "volume mount", mounts: []mount.Mount{{Type: mount.TypeVolume, Source: "root", Target: "/host"}}, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := dockerRun(container.HostConfig{Mounts: tc.mounts}, tc.binds...)
			got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
			if err != nil {
				t.Fatal(err)
			}
			var n int
			for _, f := range got {
				if f.Rule == "host-root-mount" {
					n++
					if f.Severity != engine.Critical || !strings.Contains(f.Message, "root directory /") {
						t.Errorf("finding %+v", f)
					}
				}
			}
			if n != tc.want {
				t.Errorf("%d host-root-mount findings, want %d: %v", n, tc.want, got)
			}
		})
	}
}

// TestDecoys: mount-like text in the command, the environment or a label is
// not a mount.
func TestDecoys(t *testing.T) {
	e := newEngine(t)
	s := dockerRun(container.HostConfig{ReadonlyRootfs: true, LogConfig: container.LogConfig{Type: "local"}})
	s.Create.Cmd = []string{"-v", "/:/mnt", "--group-add", "docker", "-v", "/repo/web_base:/var/www/html"}
	s.Create.Entrypoint = []string{"/bin/sh", "-c", "docker run -v /:/host alpine"}
	s.Create.Env = []string{"MOUNT=/:/host", "OPTS=-v /:/mnt --group-add docker", "WEB=/repo/web_base:/var/www/html"}
	s.Create.Labels = map[string]string{"mount": "/:/host", "group-add": "docker", "volumes": "/srv:/var/www/html"}
	got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
	if err != nil {
		t.Fatal(err)
	}
	if got = seedOnly(got); len(got) != 0 {
		t.Errorf("decoys fired: %v", got)
	}
}

func TestDockerGroup(t *testing.T) {
	e := newEngine(t)
	t.Run("host", func(t *testing.T) {
		var h runspec.Host
		h.DockerGroup.Found = true
		h.DockerGroup.GID = 999
		h.DockerGroup.Pos = runspec.Pos{File: "/etc/group", Line: 40, Column: 1}
		h.DockerGroup.Members = []runspec.GroupMember{
			{User: "alice", Via: "member", Pos: runspec.Pos{File: "/etc/group", Line: 40, Column: 16}},
			{User: "ci", Via: "primary", Pos: runspec.Pos{File: "/etc/passwd", Line: 28, Column: 1}},
		}
		got, err := e.EvaluateHost(t.Context(), h)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("findings = %+v, want one per user", got)
		}
		// Sorted by position: /etc/group before /etc/passwd.
		if !strings.Contains(got[0].Message, `"alice"`) || got[0].Pos.Column != 16 || !strings.Contains(got[1].Message, `"ci"`) {
			t.Errorf("findings = %+v", got)
		}
		for _, f := range got {
			if f.Rule != "docker-group-member" || f.Severity != engine.High {
				t.Errorf("finding %+v", f)
			}
		}
	})
	t.Run("no group", func(t *testing.T) {
		got, err := e.EvaluateHost(t.Context(), runspec.Host{})
		if err != nil || len(got) != 0 {
			t.Errorf("findings = %v, %v; want none", got, err)
		}
	})
	t.Run("group-add", func(t *testing.T) {
		s := dockerRun(container.HostConfig{ReadonlyRootfs: true, LogConfig: container.LogConfig{Type: "local"}, GroupAdd: []string{"audio", "docker"}})
		got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
		if err != nil {
			t.Fatal(err)
		}
		if ids := rulesOf(seedOnly(got)); !reflect.DeepEqual(ids, []string{"docker-group-member"}) {
			t.Errorf("findings = %v", got)
		}
	})
	t.Run("group-add gid from host facts", func(t *testing.T) {
		opts := builtin()
		opts.DataOverrides = map[string]any{"docker_group": map[string]any{"gids": []int{998}}}
		e, err := engine.New(t.Context(), opts)
		if err != nil {
			t.Fatal(err)
		}
		s := dockerRun(container.HostConfig{ReadonlyRootfs: true, LogConfig: container.LogConfig{Type: "local"}, GroupAdd: []string{"998"}})
		got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
		if err != nil {
			t.Fatal(err)
		}
		if ids := rulesOf(seedOnly(got)); !reflect.DeepEqual(ids, []string{"docker-group-member"}) {
			t.Errorf("findings = %v", got)
		}
	})
}

// TestUnresolvedSource: a bind whose source is unknown is still judged by
// its target, and never taken for the host root.
func TestUnresolvedSource(t *testing.T) {
	e := newEngine(t)
	s := dockerRun(container.HostConfig{ReadonlyRootfs: true, LogConfig: container.LogConfig{Type: "local"}}, "${WEB_ROOT}:/var/www/html", "${ROOT}:/host")
	got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
	if err != nil {
		t.Fatal(err)
	}
	got = seedOnly(got)
	if ids := rulesOf(got); !reflect.DeepEqual(ids, []string{"writable-content-mount"}) || !strings.Contains(got[0].Message, "${WEB_ROOT}") {
		t.Errorf("findings = %+v", got)
	}
}

func TestEvaluateEmptySpec(t *testing.T) {
	// An authz request may carry a body with nothing but an image.
	s := runspec.New(runspec.KindAuthz, runspec.Pos{})
	s.Create.Config = &container.Config{Image: "alpine"}
	got, err := newEngine(t).Evaluate(t.Context(), s, runspec.Daemon{})
	if err != nil {
		t.Fatal(err)
	}
	if ids := rulesOf(seedOnly(got)); !reflect.DeepEqual(ids, []string{"log-json-unbounded", "readonly-rootfs-missing"}) {
		t.Errorf("findings = %v", ids)
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range engine.Severities() {
		got, err := engine.ParseSeverity(strings.ToUpper(s.String()))
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
		b, err := s.MarshalText()
		if err != nil || string(b) != s.String() {
			t.Errorf("MarshalText(%v) = %s, %v", s, b, err)
		}
	}
	if _, err := engine.ParseSeverity("severe"); err == nil {
		t.Error("ParseSeverity(severe) succeeded")
	}
	if !engine.Critical.AtLeast(engine.High) || engine.Medium.AtLeast(engine.High) || !engine.High.AtLeast(engine.High) {
		t.Error("AtLeast does not order severities")
	}
	if !slices.IsSortedFunc(engine.Severities(), func(a, b engine.Severity) int { return int(b - a) }) {
		t.Error("Severities is not highest first")
	}
	var zero engine.Severity
	if _, err := zero.MarshalText(); err == nil || zero.Valid() {
		t.Error("the zero severity is valid")
	}
}

func TestEvaluateCancelled(t *testing.T) {
	e := newEngine(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := e.Evaluate(ctx, dockerRun(container.HostConfig{}), runspec.DefaultDaemon()); !errors.Is(err, context.Canceled) {
		t.Errorf("Evaluate on a cancelled context: %v", err)
	}
	if _, err := e.EvaluateHost(ctx, runspec.Host{}); !errors.Is(err, context.Canceled) {
		t.Errorf("EvaluateHost on a cancelled context: %v", err)
	}
}

// TestConcurrentEvaluate: one engine serves many goroutines, as the authz
// plugin does.
func TestConcurrentEvaluate(t *testing.T) {
	e := newEngine(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			s := dockerRun(container.HostConfig{}, fmt.Sprintf("/srv/site%d:/var/www/html", i))
			for range 20 {
				got, err := e.Evaluate(t.Context(), s, runspec.DefaultDaemon())
				if err != nil {
					errs <- err
					return
				}
				if got = seedOnly(got); len(got) != 3 || !strings.Contains(got[2].Message, fmt.Sprintf("site%d", i)) {
					errs <- fmt.Errorf("goroutine %d: %v", i, got)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
