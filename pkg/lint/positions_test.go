package lint

import (
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
)

// TestDerivedPositionsComeFromTheFlags checks that the position keys the
// parser records are the ones Derive reads: each derived item must point
// at the word of the flag that set it, not fall back to the command's start.
func TestDerivedPositionsComeFromTheFlags(t *testing.T) {
	lines := []string{
		"docker run \\",
		"  -v /srv/www:/var/www \\",
		"  --mount type=bind,src=/,dst=/host \\",
		"  --tmpfs /run \\",
		"  -v /cache \\",
		"  --cap-add sys_admin \\",
		"  --security-opt seccomp=unconfined \\",
		"  -p 8080:80 \\",
		"  -u root \\",
		"  --group-add docker \\",
		"  --log-driver json-file \\",
		"  --pid host \\",
		"  --volumes-from other \\",
		"  image",
	}
	src := strings.Join(lines, "\n")
	line := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line starts with %q", prefix)
		return 0
	}
	cmds, err := scan.ShellCommands("run.sh", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := dockerrun.ParseCommand(cmds[0].Words, dockerrun.Options{WorkDir: "/w", File: "run.sh"})
	if err != nil {
		t.Fatal(err)
	}
	d := runspec.Derive(spec)
	check := func(what string, got runspec.Pos, prefix string) {
		t.Helper()
		if want := line(prefix); got.Line != want || got.Column != 3 || got.File != "run.sh" {
			t.Errorf("%s at %+v, want run.sh:%d:3", what, got, want)
		}
	}
	byTarget := map[string]runspec.Pos{}
	for _, m := range d.Mounts {
		byTarget[m.Target] = m.Pos
	}
	check("bind", byTarget["/var/www"], "-v /srv/www")
	check("mount", byTarget["/host"], "--mount")
	check("tmpfs", byTarget["/run"], "--tmpfs")
	check("anonymous volume", byTarget["/cache"], "-v /cache")
	if len(d.Capabilities.Add) != 1 {
		t.Fatalf("cap add = %+v", d.Capabilities.Add)
	}
	check("cap-add", d.Capabilities.Add[0].Pos, "--cap-add")
	check("seccomp", d.Security.Seccomp.Pos, "--security-opt")
	if len(d.Ports) != 1 {
		t.Fatalf("ports = %+v", d.Ports)
	}
	check("port", d.Ports[0].Pos, "-p")
	check("user", d.User.Pos, "-u")
	if len(d.GroupAdd) != 1 {
		t.Fatalf("group add = %+v", d.GroupAdd)
	}
	check("group-add", d.GroupAdd[0].Pos, "--group-add")
	check("log driver", d.Log.Pos, "--log-driver")
	check("pid namespace", d.Namespaces.PID.Pos, "--pid")
	found := false
	for _, m := range d.Mounts {
		if m.Origin == "volumes-from" {
			found = true
			check("volumes-from", m.Pos, "--volumes-from")
		}
	}
	if !found {
		t.Error("no volumes-from mount derived")
	}
}
