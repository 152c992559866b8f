package engine_test

import (
	"io/fs"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/docker/docker/api/types/container"

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

func BenchmarkEvaluate(b *testing.B) {
	e := newEngine(b)
	s := realistic()
	d := runspec.DefaultDaemon()
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Evaluate(ctx, s, d); err != nil {
			b.Fatal(err)
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
