package engine

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rungate/rungate/pkg/runspec"
)

func benchSpec() *runspec.Spec {
	s := runspec.New(runspec.KindDockerRun, runspec.Pos{File: "run.sh", Line: 1, Column: 1})
	s.Create = container.CreateRequest{
		Config: &container.Config{Image: "web-server", Env: []string{"A=1", "B=2"}, Labels: map[string]string{"a": "b"}},
		HostConfig: &container.HostConfig{
			Binds:       []string{"/repo/web_base:/var/www/html", "/tmp/weblogs:/var/log/httpd"},
			Tmpfs:       map[string]string{"/run": ""},
			CapDrop:     []string{"ALL"},
			SecurityOpt: []string{"no-new-privileges"},
		},
	}
	return s
}

// BenchmarkInputValue compares the ways to turn the input into an AST
// value; the engine uses the quickest, its own encoder.
func BenchmarkInputValue(b *testing.B) {
	in := SpecInput(benchSpec(), runspec.DefaultDaemon())
	b.Run("encoder", func(b *testing.B) {
		enc := newEncoder(reflect.TypeFor[Input](), nil)
		b.ReportAllocs()
		for b.Loop() {
			_, st, err := enc.encode(reflect.ValueOf(in))
			if err != nil {
				b.Fatal(err)
			}
			enc.release(st)
		}
	})
	b.Run("json+ValueFromReader", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf, err := json.Marshal(in)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ast.ValueFromReader(bytes.NewReader(buf)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json+Unmarshal+InterfaceToValue", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf, err := json.Marshal(in)
			if err != nil {
				b.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(buf, &v); err != nil {
				b.Fatal(err)
			}
			if _, err := ast.InterfaceToValue(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("InterfaceToValue(struct)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ast.InterfaceToValue(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("SpecInput", func(b *testing.B) {
		s := benchSpec()
		b.ReportAllocs()
		for b.Loop() {
			_ = SpecInput(s, runspec.DefaultDaemon())
		}
	})
}
