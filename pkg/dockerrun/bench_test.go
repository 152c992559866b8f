package dockerrun_test

import (
	"testing"

	"github.com/rungate/rungate/pkg/dockerrun"
)

// BenchmarkParseArgs parses a typical 15-flag service command line.
func BenchmarkParseArgs(b *testing.B) {
	words := lineWords(1, "-d --name web --restart unless-stopped -p 8080:80 -p 443:443 -v /srv/data:/data:ro "+
		"-v ./conf:/etc/app -e TZ=UTC -e MODE=prod --memory 512m --cpus 1.5 --read-only --cap-drop ALL "+
		"--security-opt no-new-privileges --log-opt max-size=10m nginx:1.27 nginx -g daemon")
	opts := testOptions(nil, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := dockerrun.ParseArgs(words, opts); err != nil {
			b.Fatal(err)
		}
	}
}
