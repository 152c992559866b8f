package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rungate/rungate/rules"
)

// run executes the CLI in-process and returns stdout, stderr and the exit
// code main would use.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	s := streams{in: strings.NewReader(stdin), out: &out, err: &errb}
	cmd := newRootCommand(s)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	if err != nil && exitCode(err) != exitFindings {
		errb.WriteString("rungate: " + errorText(err) + "\n")
	}
	return out.String(), errb.String(), exitCode(err)
}

type jsonOut struct {
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
	} `json:"findings"`
	Errors []struct {
		File    string `json:"file"`
		Message string `json:"message"`
	} `json:"errors"`
	Summary struct {
		Files int `json:"files"`
	} `json:"summary"`
}

func lintJSON(t *testing.T, args ...string) (jsonOut, int) {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"lint", "--format", "json"}, args...)...)
	var got jsonOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\nstdout: %s\nstderr: %s", err, out, stderr)
	}
	return got, code
}

// seedRules are the twelve rules these tests were written for: the
// suppression, configuration and walking tests count their findings only.
// The rest of the catalogue also has things to say about the fixtures (a
// missing cap-drop, a missing user...), which pkg/lint's catalogue tables
// cover.
var seedRules = []string{
	"cap-add-dangerous", "docker-group-member", "host-ipc", "host-network", "host-pid", "host-root-mount",
	"log-json-unbounded", "privileged", "readonly-rootfs-missing", "runtime-socket-mount",
	"seccomp-unconfined", "writable-content-mount",
}

// laterRule reports whether rule is a built-in rule outside seedRules.
func laterRule(rule string) bool {
	if slices.Contains(seedRules, rule) {
		return false
	}
	_, err := fs.Stat(rules.FS, rule+".rego")
	return err == nil
}

func ruleCounts(o jsonOut) map[string]int {
	m := map[string]int{}
	for _, f := range o.Findings {
		m[f.Rule]++
	}
	return m
}

// TestSeedExamples is the mission's acceptance: the web server example and
// the host-root shell.
func TestSeedExamples(t *testing.T) {
	tests := []struct {
		name    string
		command string
		want    map[string]int // rule -> count; rules absent here must not fire
		only    []string       // rules to compare; nil = the five mission rules
		code    int
	}{
		{
			name:    "web server",
			command: `docker run --rm -d -p 80:80 -v $PWD/web_base:/var/www/html -v /tmp/weblogs:/var/log/httpd web-server`,
			want:    map[string]int{"readonly-rootfs-missing": 1, "log-json-unbounded": 1, "writable-content-mount": 1},
		},
		{
			name:    "web server hardened",
			command: `docker run --rm -d -p 80:80 --read-only --tmpfs /run --tmpfs /tmp -v $PWD/web_base:/var/www/html:ro -v /tmp/weblogs:/var/log/httpd web-server`,
			want:    map[string]int{"log-json-unbounded": 1},
		},
		{
			name:    "host root shell",
			command: `docker run --rm -it -v /:/mnt centos /bin/sh`,
			want:    map[string]int{"host-root-mount": 1, "readonly-rootfs-missing": 1, "log-json-unbounded": 1},
			code:    exitFindings,
		},
		{
			name:    "host root from a default",
			command: `docker run -v "${ROOT:-/}:/host" alpine`,
			want:    map[string]int{"host-root-mount": 1, "readonly-rootfs-missing": 1, "log-json-unbounded": 1},
			code:    exitFindings,
		},
		{
			name:    "decoys",
			command: `docker run --read-only --log-opt max-size=1m -e MNT=-v=/:/host -l x=/:/host alpine ls -v /:/host`,
			want:    map[string]int{},
		},
	}
	mission := []string{"host-root-mount", "readonly-rootfs-missing", "writable-content-mount", "log-json-unbounded", "docker-group-member"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, code := lintJSON(t, "-c", tc.command)
			counts := ruleCounts(got)
			for _, r := range mission {
				if counts[r] != tc.want[r] {
					t.Errorf("%s: %d findings, want %d (all: %v)", r, counts[r], tc.want[r], counts)
				}
			}
			if code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			for _, f := range got.Findings {
				if f.File != "-c" || f.Line != 1 || f.Column < 1 {
					t.Errorf("finding %s at %s:%d:%d, want a position in -c", f.Rule, f.File, f.Line, f.Column)
				}
			}
		})
	}
}

func TestWritableContentMountPointsAtTheFlag(t *testing.T) {
	cmd := `docker run --rm -d -p 80:80 -v $PWD/web_base:/var/www/html -v /tmp/weblogs:/var/log/httpd web-server`
	got, _ := lintJSON(t, "-c", cmd)
	for _, f := range got.Findings {
		if f.Rule == "writable-content-mount" {
			if want := strings.Index(cmd, "-v $PWD") + 1; f.Column != want {
				t.Errorf("column %d, want %d (the -v of the web root)", f.Column, want)
			}
			if !strings.Contains(f.Message, "/var/www/html") {
				t.Errorf("message %q does not name the mount", f.Message)
			}
			return
		}
	}
	t.Fatal("no writable-content-mount finding")
}

func TestFailOnAndExitCodes(t *testing.T) {
	web := `docker run -v /srv/site:/var/www/html web`
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"medium findings pass the default threshold", []string{"lint", "-c", web}, exitOK},
		{"medium findings fail at medium", []string{"lint", "--fail-on", "medium", "-c", web}, exitFindings},
		{"critical finding fails", []string{"lint", "-c", "docker run -v //:/h x"}, exitFindings},
		{"clean command passes even at info", []string{"lint", "--fail-on", "info", "-c", "docker run --read-only --log-opt max-size=1m --cap-drop ALL --security-opt no-new-privileges -u 1000 --memory 64m --pids-limit 64 --cpus 1 --health-cmd true x:1"}, exitOK},
		{"bad severity", []string{"lint", "--fail-on", "severe", "-c", web}, exitUsage},
		{"bad format", []string{"lint", "--format", "xml", "-c", web}, exitUsage},
		{"unknown flag", []string{"lint", "--nope"}, exitUsage},
		{"nothing to lint", []string{"lint"}, exitUsage},
		{"docker rejects the command", []string{"lint", "-c", "docker run --rm --restart always x"}, exitUsage},
		{"shell syntax error", []string{"lint", "-c", "docker run 'x"}, exitUsage},
		{"missing file", []string{"lint", "does/not/exist.sh"}, exitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
		})
	}
}

func TestRejectionIsOneLineWithPosition(t *testing.T) {
	got, code := lintJSON(t, "-c", "docker run --rm --restart always x")
	if code != exitUsage || len(got.Errors) != 1 {
		t.Fatalf("exit %d, errors %+v", code, got.Errors)
	}
	if got.Errors[0].File != "-c" || strings.Contains(got.Errors[0].Message, "\n") {
		t.Errorf("error = %+v", got.Errors[0])
	}
}

func TestSpecPrintsCreateBody(t *testing.T) {
	out, stderr, code := run(t, "", "spec", "--", "docker", "run", "--privileged", "-v", "/:/host", "--cap-add", "sys_admin", "alpine", "sh")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var body struct {
		Image      string
		Cmd        []string
		HostConfig struct {
			Privileged bool
			Binds      []string
			CapAdd     []string
		}
	}
	if err := json.Unmarshal([]byte(out), &body); err != nil {
		t.Fatal(err)
	}
	if body.Image != "alpine" || len(body.Cmd) != 1 || !body.HostConfig.Privileged ||
		len(body.HostConfig.Binds) != 1 || body.HostConfig.Binds[0] != "/:/host" ||
		len(body.HostConfig.CapAdd) != 1 || body.HostConfig.CapAdd[0] != "CAP_SYS_ADMIN" {
		t.Errorf("body = %+v", body)
	}
	_, stderr, code = run(t, "", "spec", "--", "docker", "run", "--memory", "lots", "alpine")
	if code != exitUsage || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
		t.Errorf("bad memory: exit %d, stderr %q", code, stderr)
	}
}

func TestRulesListsTheMissionRules(t *testing.T) {
	out, _, code := run(t, "", "rules", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var rules []struct{ ID, Title, Severity string }
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var ids []string
	for _, r := range rules {
		if r.Title == "" || r.Severity == "" {
			t.Errorf("rule %+v lacks a title or severity", r)
		}
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	for _, want := range []string{"docker-group-member", "host-root-mount", "log-json-unbounded", "readonly-rootfs-missing", "writable-content-mount"} {
		if i := sort.SearchStrings(ids, want); i == len(ids) || ids[i] != want {
			t.Errorf("rule %s missing from %v", want, ids)
		}
	}
}

func TestHostReportsDockerGroupMembers(t *testing.T) {
	dir := t.TempDir()
	group := filepath.Join(dir, "group")
	passwd := filepath.Join(dir, "passwd")
	write(t, group, "root:x:0:\ndocker:x:998:alice,bob\n")
	write(t, passwd, "root:x:0:0::/root:/bin/sh\nci:x:1001:998::/home/ci:/bin/sh\n")
	// --root keeps the daemon.json, unit and sockets of the machine out.
	out, stderr, code := run(t, "", "host", "--format", "json", "--root", dir, "--group-file", group, "--passwd-file", passwd)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; %s", code, exitFindings, stderr)
	}
	var got jsonOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	users := map[string]bool{}
	for _, f := range got.Findings {
		if f.Rule != "docker-group-member" {
			continue
		}
		for _, u := range []string{"alice", "bob", "ci"} {
			if strings.Contains(f.Message, u) {
				users[u] = true
			}
		}
	}
	if len(users) != 3 {
		t.Errorf("users named: %v; findings %+v", users, got.Findings)
	}
	write(t, group, "root:x:0:\n")
	if _, _, code = run(t, "", "host", "--root", dir, "--group-file", group, "--passwd-file", passwd); code != exitOK {
		t.Errorf("no docker group: exit %d", code)
	}
}

func TestDaemonConfigBoundsTheDefaultLog(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "daemon.json")
	write(t, cfg, `{"log-driver": "json-file", "log-opts": {"max-size": "10m"}}`)
	cmd := "docker run --read-only alpine"
	got, _ := lintJSON(t, "-c", cmd)
	if ruleCounts(got)["log-json-unbounded"] != 1 {
		t.Errorf("without daemon config: %v", ruleCounts(got))
	}
	got, _ = lintJSON(t, "--daemon-config", cfg, "-c", cmd)
	if ruleCounts(got)["log-json-unbounded"] != 0 {
		t.Errorf("with a bounded daemon default: %v", ruleCounts(got))
	}
	write(t, cfg, `{"log-driver": `)
	if _, _, code := run(t, "", "lint", "--daemon-config", cfg, "-c", cmd); code != exitUsage {
		t.Errorf("broken daemon config: exit %d", code)
	}
}

// A container with no --cgroupns gets the daemon's default-cgroupns-mode:
// host-cgroupns fires at the container, naming daemon.json's line.
func TestDaemonConfigDefaultCgroupnsHost(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "daemon.json")
	script := filepath.Join(dir, "run.sh")
	write(t, cfg, "{\n  \"icc\": false,\n  \"default-cgroupns-mode\": \"host\"\n}\n")
	write(t, script, "#!/bin/sh\ndocker run -d alpine\ndocker run -d --cgroupns private alpine\n")
	got, _ := lintJSON(t, "--daemon-config", cfg, script)
	var hits []string
	for _, f := range got.Findings {
		if f.Rule == "host-cgroupns" {
			hits = append(hits, fmt.Sprintf("%s:%d:%d %s", filepath.Base(f.File), f.Line, f.Column, f.Message))
		}
	}
	want := "run.sh:2:1 image alpine shares the host's cgroup namespace (no --cgroupns, and the daemon's default-cgroupns-mode is host, set at " + cfg + ":3): it sees the host's whole cgroup tree"
	if len(hits) != 1 || hits[0] != want {
		t.Errorf("host-cgroupns findings %q, want [%q]", hits, want)
	}
	if got, _ := lintJSON(t, script); ruleCounts(got)["host-cgroupns"] != 0 {
		t.Errorf("without daemon config: %v", ruleCounts(got))
	}
	write(t, cfg, "{\"default-cgroupns-mode\": \"Host\"}")
	_, stderr, code := run(t, "", "lint", "--daemon-config", cfg, script)
	if code != exitUsage || !strings.Contains(stderr, `daemon.json:1:27: daemon config: default-cgroupns-mode: "Host": not a cgroup namespace mode`) {
		t.Errorf("bad default-cgroupns-mode: exit %d, stderr %q", code, stderr)
	}
}

func TestLintFilesAndStdin(t *testing.T) {
	got, code := lintJSON(t, filepath.Join("..", "..", "testdata", "examples"))
	if code != exitFindings {
		t.Errorf("exit %d", code)
	}
	c := ruleCounts(got)
	if c["host-root-mount"] != 1 || c["writable-content-mount"] != 1 || got.Summary.Files != 1 {
		t.Errorf("counts %v, files %d", c, got.Summary.Files)
	}
	out, _, _ := run(t, "docker run -v /:/h x\n", "lint", "--format", "json", "-")
	if !strings.Contains(out, `"host-root-mount"`) {
		t.Errorf("stdin not linted: %s", out)
	}
}

// TestLintWalksARepository lints a directory holding a Makefile, a README
// (a console block, a prose decoy and a JSON block) and a workflow: each
// host-root mount is reported at its line, nothing from prose or JSON, and
// .gitignore and --exclude keep files out.
func TestLintWalksARepository(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "repo")
	tests := []struct {
		name  string
		args  []string
		files int
		lines []string // file:line of each host-root-mount finding
	}{
		{
			name:  "walked",
			args:  []string{"--exclude", "excluded.sh", dir},
			files: 3,
			lines: []string{".github/workflows/ci.yml:8", "Makefile:2", "README.md:6"},
		},
		{
			name:  "explicit files are read even when ignored",
			args:  []string{filepath.Join(dir, "ignored", "skip.sh"), filepath.Join(dir, "excluded.sh")},
			files: 2,
			lines: []string{"excluded.sh:1", "ignored/skip.sh:1"},
		},
		{
			name:  "without exclude",
			args:  []string{dir},
			files: 4,
			lines: []string{".github/workflows/ci.yml:8", "Makefile:2", "README.md:6", "excluded.sh:1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, code := lintJSON(t, tc.args...)
			if code != exitFindings || len(got.Errors) > 0 {
				t.Errorf("exit %d, errors %v", code, got.Errors)
			}
			if got.Summary.Files != tc.files {
				t.Errorf("summary.files = %d, want %d", got.Summary.Files, tc.files)
			}
			var lines []string
			for _, f := range got.Findings {
				if laterRule(f.Rule) {
					continue
				}
				if f.Rule != "host-root-mount" {
					t.Errorf("unexpected %s at %s:%d", f.Rule, f.File, f.Line)
					continue
				}
				rel, err := filepath.Rel(dir, f.File)
				if err != nil {
					t.Fatal(err)
				}
				lines = append(lines, fmt.Sprintf("%s:%d", filepath.ToSlash(rel), f.Line))
			}
			sort.Strings(lines)
			if strings.Join(lines, " ") != strings.Join(tc.lines, " ") {
				t.Errorf("host-root-mount at %v, want %v", lines, tc.lines)
			}
		})
	}
}

// TestLintInspectFromStdin is `docker inspect $(docker ps -q) | rungate lint -`.
func TestLintInspectFromStdin(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "inspect", "two.json"))
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, string(data), "lint", "--format", "json", "-")
	var got jsonOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s\n%s", err, out, stderr)
	}
	// The broken second container is input that cannot be parsed: exit 2,
	// with the first container still checked.
	if code != exitUsage || got.Summary.Files != 1 {
		t.Errorf("exit %d, files %d", code, got.Summary.Files)
	}
	c := ruleCounts(got)
	if c["host-root-mount"] != 1 {
		t.Errorf("counts %v", c)
	}
	if len(got.Errors) != 1 || got.Errors[0].File != "-" {
		t.Errorf("errors %v, want the broken container reported", got.Errors)
	}
	for _, f := range got.Findings {
		if f.Rule == "host-root-mount" && (f.File != "-" || f.Line != 27) {
			t.Errorf("host-root-mount at %s:%d, want -:27", f.File, f.Line)
		}
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDaemonUnit: the dockerd flags of the service unit given with
// --daemon-unit, and of its drop-ins, set the daemon's defaults on top of
// --daemon-config, and a key set both ways is a usage error, as it stops
// dockerd.
func TestDaemonUnit(t *testing.T) {
	dir := t.TempDir()
	unit := filepath.Join(dir, "docker.service")
	script := filepath.Join(dir, "run.sh")
	write(t, unit, "[Unit]\nDescription=Docker\n\n[Service]\nExecStart=/usr/bin/dockerd -H fd://\n")
	if err := os.Mkdir(unit+".d", 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(unit+".d", "override.conf"), "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// --default-cgroupns-mode=host --log-opt max-size=10m\n")
	write(t, script, "#!/bin/sh\ndocker run -d alpine\n")
	got, _ := lintJSON(t, "--daemon-unit", unit, script)
	c := ruleCounts(got)
	if c["host-cgroupns"] != 1 || c["log-json-unbounded"] != 0 {
		t.Errorf("with the unit: %v, want host-cgroupns and no log-json-unbounded", c)
	}
	for _, f := range got.Findings {
		if f.Rule == "host-cgroupns" && !strings.Contains(f.Message, "set at "+unit+".d/override.conf:3") {
			t.Errorf("host-cgroupns does not name the drop-in: %s", f.Message)
		}
	}
	if got, _ := lintJSON(t, script); ruleCounts(got)["log-json-unbounded"] != 1 {
		t.Errorf("without the unit: %v", ruleCounts(got))
	}
	cfg := filepath.Join(dir, "daemon.json")
	write(t, cfg, `{"log-opts": {"max-size": "1m"}}`)
	_, stderr, code := run(t, "", "lint", "--daemon-config", cfg, "--daemon-unit", unit, script)
	if code != exitUsage || !strings.Contains(stderr, "both set log-opts") {
		t.Errorf("log-opts in both: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = run(t, "", "lint", "--daemon-unit", filepath.Join(dir, "none.service"), script)
	if code != exitUsage || !strings.Contains(stderr, "--daemon-unit") {
		t.Errorf("missing unit: exit %d, stderr %q", code, stderr)
	}
}
