package engine_test

import (
	"io/fs"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// realistic is the seed example with the usual extras of a real command.
func realistic() *runspec.Spec {
	s := dockerRun(container.HostConfig{
		CapAdd:      []string{"NET_ADMIN"},
		CapDrop:     []string{"ALL"},
		SecurityOpt: []string{"no-new-privileges"},
		Tmpfs:       map[string]string{"/run": "rw,noexec"},
		GroupAdd:    []string{"audio"},
		RestartPolicy: container.RestartPolicy{
			Name: "unless-stopped",
		},
	}, "/repo/web_base:/var/www/html", "/tmp/weblogs:/var/log/httpd", "data:/var/lib/app")
	s.Name = "web"
	s.Create.Env = []string{"TZ=UTC", "APP_ENV=production", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"}
	s.Create.Labels = map[string]string{"org.opencontainers.image.source": "https://example.com/web"}
	s.Create.Cmd = []string{"httpd-foreground"}
	return s
}

// BenchmarkEvaluate judges one spec against the whole built-in catalogue:
// the realistic spec (12 findings), the hardened one (none) and the issue's
// seed example (13), each on planvm, which rungate uses, and on OPA's
// topdown evaluator, for comparison.
func BenchmarkEvaluate(b *testing.B) {
	specs := []struct {
		name string
		spec *runspec.Spec
	}{
		{"realistic", realistic()},
		{"hardened", hardened()},
		{"seed", dockerRun(container.HostConfig{}, "/repo/web_base:/var/www/html")},
	}
	for _, ev := range []struct {
		name    string
		topdown bool
	}{{"plan", false}, {"topdown", true}} {
		opts := builtin()
		opts.Topdown = ev.topdown
		e, err := engine.New(b.Context(), opts)
		if err != nil {
			b.Fatal(err)
		}
		for _, sp := range specs {
			b.Run(sp.name+"/"+ev.name, func(b *testing.B) {
				d := runspec.DefaultDaemon()
				fs, err := e.Evaluate(b.Context(), sp.spec, d)
				if err != nil {
					b.Fatal(err)
				}
				if sp.name == "hardened" && len(fs) != 0 {
					b.Fatalf("the hardened spec has findings %v", rulesOf(fs))
				}
				b.ReportMetric(float64(len(fs)), "findings")
				b.ReportAllocs()
				for b.Loop() {
					if _, err := e.Evaluate(b.Context(), sp.spec, d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkEvaluateHost(b *testing.B) {
	e := newEngine(b)
	var h runspec.Host
	h.DockerGroup.Found = true
	h.DockerGroup.Members = []runspec.GroupMember{{User: "alice", Via: "member"}, {User: "bob", Via: "primary"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.EvaluateHost(b.Context(), h); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRule evaluates each built-in rule alone (with the shared
// library) on the realistic spec, so that a slow rule shows up by name.
// privileged, one field test, is about the cost of an evaluation with no
// rule at all: a rule's own cost is its figure minus privileged's.
func BenchmarkRule(b *testing.B) {
	files, err := fs.Glob(rules.FS, "*.rego")
	if err != nil {
		b.Fatal(err)
	}
	// Every library, as the engine loads them all.
	libs := fstest.MapFS{}
	libFiles, err := fs.Glob(rules.FS, "lib/*.rego")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range libFiles {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		src, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			b.Fatal(err)
		}
		libs[name] = &fstest.MapFile{Data: src}
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		src, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			b.Fatal(err)
		}
		one := fstest.MapFS{name: {Data: src}}
		maps.Copy(one, libs)
		b.Run(strings.TrimSuffix(name, ".rego"), func(b *testing.B) {
			e, err := engine.New(b.Context(), engine.Options{Policies: []fs.FS{one}, Data: []fs.FS{policy.FS}})
			if err != nil {
				b.Fatal(err)
			}
			s, d := realistic(), runspec.DefaultDaemon()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Evaluate(b.Context(), s, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// hardened is the realistic spec with every hardening the catalogue asks
// for: the catalogue runs in full but fires nothing, so this is the cost
// of judging a compliant container, and the realistic figure minus this
// one is what its findings cost.
func hardened() *runspec.Spec {
	s := realistic()
	hc := s.Create.HostConfig
	hc.Binds = []string{"/repo/web_base:/var/www/html:ro", "/tmp/weblogs:/var/log/httpd", "data:/var/lib/app"}
	hc.CapAdd = nil
	hc.ReadonlyRootfs = true
	hc.LogConfig = container.LogConfig{Type: "json-file", Config: map[string]string{"max-size": "10m"}}
	hc.PortBindings = nat.PortMap{"8080/tcp": {{HostIP: "127.0.0.1", HostPort: "8080"}}}
	hc.Memory = 256 << 20
	hc.NanoCPUs = 1e9
	pids := int64(100)
	hc.PidsLimit = &pids
	s.Create.User = "1000:1000"
	s.Create.Image = "web-server:1.4.2"
	s.Create.Healthcheck = &container.HealthConfig{Test: []string{"CMD", "true"}}
	return s
}

// BenchmarkNew is the cost of loading, compiling and preparing the
// built-in catalogue, which every rungate process pays once: with the
// rules planned for planvm, and on topdown alone.
func BenchmarkNew(b *testing.B) {
	for _, tc := range []struct {
		name    string
		topdown bool
	}{{"plan", false}, {"topdown", true}} {
		b.Run(tc.name, func(b *testing.B) {
			opts := builtin()
			opts.Topdown = tc.topdown
			b.ReportAllocs()
			for b.Loop() {
				if _, err := engine.New(b.Context(), opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
