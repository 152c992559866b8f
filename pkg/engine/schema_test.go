package engine

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden files and the input schema")

// TestInputSchemaGolden keeps the published input schema in step with the
// Go types: `go test ./pkg/engine -update` rewrites it.
func TestInputSchemaGolden(t *testing.T) {
	got, err := json.MarshalIndent(InputSchema(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "input.schema.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/engine -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./pkg/engine -update", path)
	}
}

func TestInputSchemaShape(t *testing.T) {
	s := InputSchema()
	props := s["properties"].(map[string]any)
	for _, k := range []string{"kind", "create", "derived", "daemon", "host", "source"} {
		if _, ok := props[k]; !ok {
			t.Errorf("schema lacks %q", k)
		}
	}
	create := props["create"].(map[string]any)["properties"].(map[string]any)
	// Config is embedded: its fields sit beside HostConfig, as in the body.
	for _, k := range []string{"Image", "User", "HostConfig", "NetworkingConfig"} {
		if _, ok := create[k]; !ok {
			t.Errorf("create lacks %q", k)
		}
	}
	hc := create["HostConfig"].(map[string]any)["properties"].(map[string]any)
	// Resources is embedded in HostConfig.
	for _, k := range []string{"Binds", "Memory", "NanoCpus", "PidsLimit"} {
		if _, ok := hc[k]; !ok {
			t.Errorf("HostConfig lacks %q", k)
		}
	}
	if hc["Tmpfs"].(map[string]any)["additionalProperties"].(map[string]any)["type"] != "string" {
		t.Error("Tmpfs is not a map of strings")
	}
}
