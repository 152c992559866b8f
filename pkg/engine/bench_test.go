package engine_test

import (
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
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
