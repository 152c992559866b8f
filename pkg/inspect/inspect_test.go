package inspect

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rungate/rungate/pkg/runspec"
)

func TestParseResolvedMountsArePositionedAndCountedOnce(t *testing.T) {
	name := filepath.Join("..", "..", "testdata", "inspect", "two.json")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	specs, errs, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != 1 || len(errs) != 1 {
		t.Fatalf("got %d specs, %d errors (%v), want 1 and 1", len(specs), len(errs), errs)
	}
	var ie *Error
	if !errors.As(errs[0], &ie) || ie.Pos.Line != 67 {
		t.Errorf("error %v, want one at line 67", errs[0])
	}
	s := specs[0]
	if s.Name != "monitor" || s.Kind != runspec.KindInspect || s.Origin.Line != 2 || s.Origin.Column != 5 {
		t.Errorf("name %q kind %q origin %+v", s.Name, s.Kind, s.Origin)
	}
	hc := s.Create.HostConfig
	if len(hc.Binds) != 0 || len(s.Create.Config.Volumes) != 0 {
		t.Errorf("binds %v, volumes %v: mounts would be counted twice", hc.Binds, s.Create.Config.Volumes)
	}
	if len(hc.Mounts) != 3 || !hc.Mounts[0].ReadOnly || hc.Mounts[1].ReadOnly || hc.Mounts[2].Source != "4f2a" {
		t.Errorf("mounts %+v", hc.Mounts)
	}
	d := runspec.Derive(s)
	if len(d.Mounts) != 4 { // three resolved mounts and the tmpfs
		t.Errorf("derived %d mounts: %+v", len(d.Mounts), d.Mounts)
	}
	tests := []struct {
		key       string
		line, col int
	}{
		{"HostConfig.Privileged", 17, 13},
		{"HostConfig.LogConfig.Type", 19, 17},
		{"HostConfig.LogConfig.Config", 20, 17},
		{runspec.ValueKey("HostConfig.Tmpfs", "/run"), 23, 17},
		{runspec.ValueKey("HostConfig.Mounts", strconv.Itoa(0)), 27, 13},
		{runspec.ValueKey("HostConfig.Mounts", strconv.Itoa(2)), 43, 13},
		{"Config.User", 6, 13},
	}
	for _, tc := range tests {
		if p := s.PosOf(tc.key); p.Line != tc.line || p.Column != tc.col || p.File != name {
			t.Errorf("%s at %+v, want %d:%d", tc.key, p, tc.line, tc.col)
		}
	}
	if ep := s.Create.NetworkingConfig.EndpointsConfig["bridge"]; ep == nil || ep.IPAddress != "" {
		t.Errorf("endpoint %+v keeps runtime fields", ep)
	}
}

func TestParseInputs(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		specs int
		errs  int
		fail  bool
		line  int
	}{
		{"one object", `{"Id": "a", "Name": "/x", "HostConfig": {"Privileged": true}}`, 1, 0, false, 0},
		{"tabs", "[\n\t{\"Id\": \"a\",\n\t\"HostConfig\": {}}\n]", 1, 0, false, 0},
		{"empty", "  ", 0, 0, true, 1},
		{"syntax", "[\n{\"Id\": \"a\",\n\"HostConfig\": {]\n]", 0, 0, true, 3},
		{"no host config", `[{"Id": "a"}]`, 0, 1, false, 0},
		{"not objects", `[1, 2]`, 0, 2, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			specs, errs, err := Parse("x.json", []byte(tc.data))
			if (err != nil) != tc.fail || len(specs) != tc.specs || len(errs) != tc.errs {
				t.Fatalf("specs %d errs %v err %v", len(specs), errs, err)
			}
			var ie *Error
			if tc.fail && (!errors.As(err, &ie) || ie.Pos.Line != tc.line) {
				t.Errorf("err %v, want line %d", err, tc.line)
			}
		})
	}
}
