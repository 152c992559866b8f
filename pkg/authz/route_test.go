package authz

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		raw, path, version string
		wantErr            bool
	}{
		{raw: "/v1.41/containers/create?name=x", path: "/containers/create", version: "1.41"},
		{raw: "/containers/create", path: "/containers/create"},
		{raw: "http://docker/v1.47/containers/create", path: "/containers/create", version: "1.47"},
		{raw: "/v1.047//containers/./%63reate", path: "/containers/create", version: "1.047"},
		{raw: "/v1.41/containers%2Fcreate", path: "/containers/create", version: "1.41"},
		{raw: "/v1.41/../../containers/create", path: "/containers/create"},
		{raw: "/version", path: "/version"},
		{raw: "/v1.41", path: "/", version: "1.41"},
		{raw: "/vx/containers/create", path: "/vx/containers/create"},
		{raw: "/v1.41/containers/%zz", wantErr: true},
		{raw: "/v1.41/containers/create?a=%zz", wantErr: true},
		{raw: "", wantErr: true},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			got, err := parseTarget(tc.raw)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("parsed as %+v, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Path != tc.path || got.Version != tc.version {
				t.Errorf("got %q version %q, want %q version %q", got.Path, got.Version, tc.path, tc.version)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	routes := writeRoutes()
	for _, tc := range []struct {
		method, path string
		want         action // 0: unknown
	}{
		{"POST", "/containers/create", actCreate},
		{"POST", "/containers/web/exec", actExec},
		{"POST", "/containers//exec", 0},
		{"POST", "/containers/a/b/exec", 0},
		{"PUT", "/containers/web/archive", actArchive},
		{"POST", "/images/example.com/team/app:1/push", actAllow},
		{"DELETE", "/plugins/example.com/ops/rungate:1", actPluginManage},
		{"POST", "/plugins/vieux/sshfs/enable", actPluginEnable},
		{"POST", "/plugins/enable", 0},
		{"POST", "/swarm/init", 0},
		{"PATCH", "/containers/web", 0},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rt, ok := lookup(routes, tc.method, strings.Split(strings.TrimPrefix(tc.path, "/"), "/"))
			if tc.want == 0 {
				if ok {
					t.Fatalf("matched %v, want unknown", rt.pattern)
				}
				return
			}
			if !ok || rt.act != tc.want {
				t.Fatalf("got %v (ok=%v), want action %d", rt.act, ok, tc.want)
			}
		})
	}
}

func TestPluginNames(t *testing.T) {
	self := []string{"rungate"}
	for ref, want := range map[string]bool{
		"rungate": true, "rungate:latest": true, "example.com/ops/rungate:1.0": true,
		"rungate@sha256:abc": true, "4f2e": true, "vieux/sshfs:latest": false, "rungate-helper": false, "": false,
	} {
		if got := isSelf(ref, self); got != want {
			t.Errorf("isSelf(%q) = %v, want %v", ref, got, want)
		}
	}
	for user, want := range map[string]bool{"root": true, "0": true, "0:0": true, "00": true, "root:wheel": true, "": false, "1000": false, "10": false, "rootless": false} {
		if got := rootUser(user); got != want {
			t.Errorf("rootUser(%q) = %v, want %v", user, got, want)
		}
	}
}

func TestOldAPI(t *testing.T) {
	for v, want := range map[string]bool{"": false, "1.24": false, "1.41": false, "1.041": false, "2.0": false, "1.23": true, "1.12": true, "0.99": true, "1.2.3": true, "1": true, ".": true} {
		if got := oldAPI(v); got != want {
			t.Errorf("oldAPI(%q) = %v, want %v", v, got, want)
		}
	}
}
