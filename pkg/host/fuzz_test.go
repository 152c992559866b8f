package host

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/runspec"
)

// FuzzParseDaemonConfig reads arbitrary bytes as daemon.json: it must never
// panic, an error is one line placed in the file, and a tcp host has a port.
// Seeds are the fixtures' daemon.json files.
func FuzzParseDaemonConfig(f *testing.F) {
	seeds, err := filepath.Glob("../../testdata/host/*/etc/docker/daemon.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"hosts": ["tcp://[::1]", "unix://", "fd://3", ":2375"], "tls": true}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDaemonConfig("daemon.json", data)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a FileError", err)
			}
			if fe.Pos.Line < 1 || fe.Pos.Line > bytes.Count(data, []byte("\n"))+1 || fe.Pos.Column < 1 {
				t.Fatalf("error %v is not placed in the file", err)
			}
			if strings.Contains(fe.Msg, "\n") {
				t.Fatalf("error %q spans lines", fe.Msg)
			}
			return
		}
		for _, h := range d.Hosts {
			if h.Scheme == "tcp" && (h.Port < 0 || h.Port > 65535 || h.Host == "") {
				t.Fatalf("tcp host %+v", h)
			}
		}
	})
}

// FuzzUnit reads arbitrary bytes as the docker service's unit and applies
// its dockerd flags: it must never panic, and errors are FileErrors.
func FuzzUnit(f *testing.F) {
	f.Add([]byte(vendorUnit))
	f.Add([]byte("[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// \\\n -H \"tcp://0.0.0.0:2375\" --icc=false --log-opt max-size=1m -Gdocker\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ex execStart
		if err := ex.read("docker.service", data); err != nil {
			var fe *FileError
			if !errors.As(err, &fe) && !strings.HasPrefix(err.Error(), "read ") {
				t.Fatalf("error %v", err)
			}
			return
		}
		if len(ex.words) != len(ex.pos) {
			t.Fatalf("%d words, %d positions", len(ex.words), len(ex.pos))
		}
		d, _ := ParseDaemonConfig("daemon.json", []byte("{}"))
		if err := ApplyFlags(&d, append([]string{"dockerd"}, ex.words...), append([]runspec.Pos{{}}, ex.pos...)); err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a FileError", err)
			}
		}
	})
}
