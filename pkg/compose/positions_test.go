package compose

import (
	"testing"

	"github.com/rungate/rungate/pkg/runspec"
)

func TestPositions(t *testing.T) {
	const (
		basic = "testdata/basic/compose.yaml"
		merge = "testdata/merge/compose.yaml"
		over  = "testdata/merge/compose.override.yaml"
		base  = "testdata/merge/t.yaml"
	)
	tests := []struct {
		name    string
		file    string
		service string
		key     string
		want    runspec.Pos
	}{
		{"service key is the origin", basic, "web", "", runspec.Pos{File: basic, Line: 3, Column: 3}},
		{"missing setting falls back to origin", basic, "web", runspec.FieldKey("HostConfig.ReadonlyRootfs"), runspec.Pos{File: basic, Line: 3, Column: 3}},
		{"bind list item", basic, "web", runspec.ValueKey("HostConfig.Binds", "/etc:/etc2:rw"), runspec.Pos{File: basic, Line: 7, Column: 9}},
		{"long port item", basic, "web", runspec.ValueKey("HostConfig.PortBindings", "443/tcp"), runspec.Pos{File: basic, Line: 12, Column: 9}},
		{"expanded range points at its item", basic, "web", runspec.ValueKey("HostConfig.PortBindings", "5001/tcp"), runspec.Pos{File: basic, Line: 15, Column: 9}},
		{"flow list item", basic, "sys", runspec.ValueKey("HostConfig.SecurityOpt", "seccomp:unconfined"), runspec.Pos{File: basic, Line: 19, Column: 20}},
		{"systempaths item", basic, "sys", runspec.FieldKey("HostConfig.MaskedPaths"), runspec.Pos{File: basic, Line: 19, Column: 40}},
		{"nested key", basic, "sys", runspec.FieldKey("HostConfig.LogConfig.Type"), runspec.Pos{File: basic, Line: 25, Column: 15}},
		{"deploy limit", basic, "sys", runspec.FieldKey("HostConfig.PidsLimit"), runspec.Pos{File: basic, Line: 31, Column: 45}},
		{"override file wins", merge, "svc", runspec.FieldKey("HostConfig.Privileged"), runspec.Pos{File: over, Line: 3, Column: 5}},
		{"override adds a nested value", merge, "svc", runspec.ValueKey("HostConfig.LogConfig.Config", "max-size"), runspec.Pos{File: over, Line: 6, Column: 9}},
		{"anchor through merge key", merge, "svc", runspec.FieldKey("HostConfig.ReadonlyRootfs"), runspec.Pos{File: merge, Line: 2, Column: 3}},
		{"anchor list item", merge, "svc", runspec.ValueKey("HostConfig.CapDrop", "ALL"), runspec.Pos{File: merge, Line: 3, Column: 14}},
		{"normalized cap matches its raw item", merge, "svc", runspec.ValueKey("HostConfig.CapAdd", "CAP_SYS_ADMIN"), runspec.Pos{File: merge, Line: 11, Column: 15}},
		{"extends file item", merge, "svc", runspec.ValueKey("HostConfig.CapAdd", "CAP_NET_RAW"), runspec.Pos{File: base, Line: 4, Column: 15}},
		{"extends file bind", merge, "svc", runspec.ValueKey("HostConfig.Binds", "/:/host:rw"), runspec.Pos{File: base, Line: 6, Column: 9}},
		{"own value hides the extended one", merge, "svc", runspec.FieldKey("Config.Image"), runspec.Pos{File: merge, Line: 10, Column: 5}},
		{"same-file extends, short form", "testdata/extends/compose.yaml", "child", runspec.ValueKey("HostConfig.CapAdd", "CAP_NET_ADMIN"), runspec.Pos{File: "testdata/extends/compose.yaml", Line: 4, Column: 15}},
		{"extends chain, long bind", "testdata/extends/compose.yaml", "grandchild", runspec.ValueKey("HostConfig.Binds", "/var/run/docker.sock:/var/run/docker.sock:rw"), runspec.Pos{File: "testdata/extends/compose.yaml", Line: 6, Column: 9}},
		{"extends chain, middle value", "testdata/extends/compose.yaml", "grandchild", runspec.FieldKey("Config.User"), runspec.Pos{File: "testdata/extends/compose.yaml", Line: 11, Column: 5}},
		{"aliased list: items at the anchor", "testdata/anchors/compose.yaml", "one", runspec.ValueKey("HostConfig.Binds", "/:/host:rw"), runspec.Pos{File: "testdata/anchors/compose.yaml", Line: 2, Column: 5}},
		{"merge list: first source wins", "testdata/anchors/compose.yaml", "two", runspec.FieldKey("HostConfig.Privileged"), runspec.Pos{File: "testdata/anchors/compose.yaml", Line: 5, Column: 3}},
		{"merge list: later source", "testdata/anchors/compose.yaml", "two", runspec.FieldKey("HostConfig.ReadonlyRootfs"), runspec.Pos{File: "testdata/anchors/compose.yaml", Line: 7, Column: 3}},
		{"included file", "testdata/include/compose.yaml", "db", runspec.FieldKey("Config.Image"), runspec.Pos{File: "testdata/include/sub/db.yaml", Line: 3, Column: 5}},
		{"JSON file", "testdata/json/compose.json", "api", runspec.ValueKey("HostConfig.Binds", "/:/host:ro"), runspec.Pos{File: "testdata/json/compose.json", Line: 2, Column: 15}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			specs, errs := load(t, Options{}, tc.file[len("testdata/"):])
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			s := service(t, specs, tc.service)
			got := s.Origin
			if tc.key != "" {
				got = s.PosOf(tc.key)
			}
			if got != tc.want {
				t.Errorf("%s at %+v, want %+v", tc.key, got, tc.want)
			}
		})
	}
}
