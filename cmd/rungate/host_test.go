package main

import (
	"encoding/json"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/host"
)

// hostFixture copies testdata/host/NAME to a temporary root, links
// included, and when mode is not zero puts a listening docker socket at
// run/docker.sock with that mode, owned by root:gid when the test may
// chown. It returns the root and whether the socket is owned by root.
func hostFixture(t *testing.T, name string, mode os.FileMode, gid int) (string, bool) {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "host", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, out)
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(out, data, 0o644)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if mode == 0 {
		return dst, false
	}
	sock := filepath.Join(dst, "run", "docker.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("no unix sockets here: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	if err := os.Chmod(sock, mode); err != nil {
		t.Fatal(err)
	}
	rootOwned := os.Chown(sock, 0, gid) == nil
	return dst, rootOwned
}

func hostJSON(t *testing.T, args ...string) (jsonOut, string, int) {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"host", "--format", "json"}, args...)...)
	var got jsonOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output %q: %v; stderr %s", out, err, stderr)
	}
	return got, stderr, code
}

func TestHostAudit(t *testing.T) {
	daemonJSON := "/etc/docker/daemon.json"
	defaults := map[string]int{
		"daemon-userns-remap-disabled": 1, "daemon-no-new-privileges-missing": 1, "daemon-log-unbounded": 1,
		"daemon-icc-enabled": 1, "daemon-live-restore-disabled": 1, "daemon-authz-plugin-missing": 1,
	}
	tests := []struct {
		name    string
		fixture string
		mode    os.FileMode
		want    map[string]int
		// notRoot are more findings when the test cannot make root own
		// the socket.
		notRoot map[string]int
		code    int
		// at maps a rule to the file:line its finding points at.
		at map[string]string
	}{
		{
			name:    "exposed host",
			fixture: "exposed",
			mode:    0o666,
			want: merge(defaults, map[string]int{
				"docker-group-member": 2, "daemon-tcp-without-tls": 1, "docker-socket-world-writable": 1,
			}),
			notRoot: map[string]int{"docker-socket-permissions": 1},
			code:    exitFindings,
			at: map[string]string{
				"daemon-tcp-without-tls":       daemonJSON + ":2:44",
				"daemon-log-unbounded":         daemonJSON + ":4:3",
				"daemon-icc-enabled":           daemonJSON + ":5:3",
				"daemon-userns-remap-disabled": daemonJSON + ":1:1",
				"docker-socket-world-writable": "/var/run/docker.sock",
			},
		},
		{
			name:    "hardened host",
			fixture: "hardened",
			mode:    0o660,
			want:    map[string]int{},
			notRoot: map[string]int{"docker-socket-permissions": 1},
			code:    exitOK,
		},
		{
			name:    "flags in the systemd unit, no daemon.json",
			fixture: "unit",
			want: map[string]int{
				"daemon-tcp-without-tls": 1, "daemon-no-new-privileges-missing": 1,
				"daemon-live-restore-disabled": 1, "daemon-authz-plugin-missing": 1,
			},
			code: exitFindings,
			at: map[string]string{
				"daemon-tcp-without-tls":       "/etc/systemd/system/docker.service.d/override.conf:5:8",
				"daemon-live-restore-disabled": daemonJSON,
			},
		},
		{
			name:    "no daemon.json, no socket",
			fixture: "bare",
			want:    defaults,
			code:    exitOK,
			at: map[string]string{
				"daemon-userns-remap-disabled": daemonJSON,
				"daemon-live-restore-disabled": daemonJSON,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, rootOwned := hostFixture(t, tc.fixture, tc.mode, 999)
			want := tc.want
			if tc.mode != 0 && !rootOwned {
				want = merge(want, tc.notRoot)
			}
			got, stderr, code := hostJSON(t, "--root", root)
			if code != tc.code {
				t.Errorf("exit %d, want %d; %s", code, tc.code, stderr)
			}
			if c := ruleCounts(got); !reflect.DeepEqual(c, want) {
				t.Errorf("findings %v, want %v", c, want)
			}
			for _, f := range got.Findings {
				loc := f.File
				if f.Line > 0 {
					loc = f.File + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column)
				}
				if w, ok := tc.at[f.Rule]; ok && loc != w {
					t.Errorf("%s at %s, want %s", f.Rule, loc, w)
				}
				if strings.HasPrefix(f.Rule, "daemon-") && tc.fixture == "bare" && !strings.HasPrefix(f.Message, "daemon.json not found at /etc/docker/daemon.json") {
					t.Errorf("%s: %q does not say daemon.json is missing", f.Rule, f.Message)
				}
			}
		})
	}
}

// A daemon.json dockerd would reject is an input error at its line: exit 2.
func TestHostBrokenDaemonJSON(t *testing.T) {
	out, _, code := run(t, "", "host", "--root", filepath.Join("..", "..", "testdata", "host", "broken"))
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	want := `/etc/docker/daemon.json:3:19: error: daemon config: "live-restore" is a string, want a boolean (true or false)`
	if !strings.Contains(out, want+"\n") {
		t.Errorf("output:\n%s\nwant the line %s", out, want)
	}
}

// --socket names the sockets to check instead of the default two; one that
// is not there is a warning.
func TestHostSocketFlag(t *testing.T) {
	root, rootOwned := hostFixture(t, "hardened", 0o666, 999)
	got, _, code := hostJSON(t, "--root", root, "--socket", filepath.Join(root, "run", "docker.sock"), "--socket", filepath.Join(root, "nope.sock"))
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	c := ruleCounts(got)
	if c["docker-socket-world-writable"] != 1 || (rootOwned && len(c) != 1) {
		t.Errorf("findings %v", c)
	}
	out, _, _ := run(t, "", "host", "--root", root, "--socket", filepath.Join(root, "nope.sock"), "--daemon-config", filepath.Join(root, "nope.json"))
	for _, want := range []string{"nope.sock: warning: no such socket", "nope.json: warning: no such file; dockerd's built-in defaults are judged"} {
		if !strings.Contains(out, want) {
			t.Errorf("no warning %q:\n%s", want, out)
		}
	}
}

// Each host rule's examples, read by host.ExampleFacts as what they stand
// for (daemon.json for the daemon rules, an `ls -l`-like line for the
// socket rules): the bad one fires the rule, the good one does not.
func TestHostRuleExamples(t *testing.T) {
	eng, err := loadEngine(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range eng.Rules() {
		if !strings.HasPrefix(r.ID, "daemon-") && !strings.HasPrefix(r.ID, "docker-socket-") {
			continue
		}
		n++
		t.Run(r.ID, func(t *testing.T) {
			if r.Examples.Bad == "" || r.Examples.Good == "" || strings.Contains(r.Examples.Bad+r.Examples.Good, "\n") {
				t.Fatalf("examples %+v: want a one-line bad and good", r.Examples)
			}
			for _, ex := range []struct {
				text  string
				fires bool
			}{{r.Examples.Bad, true}, {r.Examples.Good, false}} {
				h, ok, err := host.ExampleFacts(ex.text)
				if !ok || err != nil {
					t.Fatalf("example %q: host example %v, %v", ex.text, ok, err)
				}
				fs, err := eng.EvaluateHost(t.Context(), h)
				if err != nil {
					t.Fatal(err)
				}
				fired := false
				for _, f := range fs {
					fired = fired || f.Rule == r.ID
				}
				if fired != ex.fires {
					t.Errorf("example %q: fired %v, want %v", ex.text, fired, ex.fires)
				}
			}
		})
	}
	if n < 8 {
		t.Errorf("%d host rules with examples, want 8", n)
	}
}

func merge(a, b map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] += v
	}
	return out
}
