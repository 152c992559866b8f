package dockerrun_test

import (
	"errors"
	"testing"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

// at is a position in the test file.
func at(line, col int) runspec.Pos { return runspec.Pos{File: testFile, Line: line, Column: col} }

func TestPositions(t *testing.T) {
	cases := []struct {
		name string
		line string // parsed as line 3 of testFile
		want map[string]runspec.Pos
	}{
		{name: "a bind points at its -v", line: "    -v /:/h alpine",
			want: map[string]runspec.Pos{
				runspec.ValueKey("HostConfig.Binds", "/:/h"): at(3, 5),
				runspec.FieldKey("HostConfig.Binds"):         at(3, 5),
				runspec.FieldKey("Image"):                    at(3, 13),
			}},
		{name: "a value in a cluster points at the cluster", line: "-dv /:/h --volume=/a:/b alpine",
			want: map[string]runspec.Pos{
				runspec.ValueKey("HostConfig.Binds", "/:/h"):  at(3, 1),
				runspec.ValueKey("HostConfig.Binds", "/a:/b"): at(3, 10),
				runspec.FieldKey("HostConfig.Binds"):          at(3, 1),
				runspec.FieldKey("Config.AttachStdout"):       at(3, 1),
			}},
		{name: "the relative bind is keyed as stored", line: "-v ./d:/d alpine",
			want: map[string]runspec.Pos{runspec.ValueKey("HostConfig.Binds", "/w/d:/d"): at(3, 1)}},
		{name: "the last value of a single flag wins", line: "--user a --user b --privileged --read-only alpine",
			want: map[string]runspec.Pos{
				runspec.FieldKey("Config.User"):               at(3, 10),
				runspec.FieldKey("HostConfig.Privileged"):     at(3, 19),
				runspec.FieldKey("HostConfig.ReadonlyRootfs"): at(3, 32),
			}},
		{name: "list members", line: "-v /c -e A=1 -l k=v --cap-add sys_admin --security-opt seccomp=unconfined --group-add docker --device /dev/fuse -p 80:80 --tmpfs /run --mount dst=/m alpine",
			want: map[string]runspec.Pos{
				runspec.ValueKey("Config.Volumes", "/c"):                         at(3, 1),
				runspec.ValueKey("Config.Env", "A=1"):                            at(3, 7),
				runspec.ValueKey("Config.Labels", "k"):                           at(3, 14),
				runspec.ValueKey("HostConfig.CapAdd", "CAP_SYS_ADMIN"):           at(3, 21),
				runspec.ValueKey("HostConfig.SecurityOpt", "seccomp=unconfined"): at(3, 41),
				runspec.ValueKey("HostConfig.GroupAdd", "docker"):                at(3, 75),
				runspec.ValueKey("HostConfig.Devices", "/dev/fuse"):              at(3, 94),
				runspec.ValueKey("HostConfig.PortBindings", "80/tcp"):            at(3, 113),
				runspec.ValueKey("HostConfig.Tmpfs", "/run"):                     at(3, 122),
				runspec.ValueKey("HostConfig.Mounts", "0"):                       at(3, 135),
			}},
		{name: "device, cgroup rule, sysctl, volumes-from", line: "--device /dev/sda:/dev/xvda:r --sysctl net.ipv4.ip_forward=1 --volumes-from db:ro alpine",
			want: map[string]runspec.Pos{
				runspec.ValueKey("HostConfig.Devices", "/dev/sda"):            at(3, 1),
				runspec.ValueKey("HostConfig.Sysctls", "net.ipv4.ip_forward"): at(3, 31),
				runspec.ValueKey("HostConfig.VolumesFrom", "db:ro"):           at(3, 62),
			}},
		{name: "logging and namespaces", line: "--log-driver json-file --log-opt max-size=1m --network host --pid host alpine",
			want: map[string]runspec.Pos{
				runspec.FieldKey("HostConfig.LogConfig.Type"):               at(3, 1),
				runspec.FieldKey("HostConfig.LogConfig.Config"):             at(3, 24),
				runspec.ValueKey("HostConfig.LogConfig.Config", "max-size"): at(3, 24),
				runspec.FieldKey("HostConfig.NetworkMode"):                  at(3, 46),
				runspec.FieldKey("HostConfig.PidMode"):                      at(3, 61),
			}},
		{name: "several flags setting one field: the earliest", line: "-t -a stdin -i --env-file e.env -e A=1 alpine",
			want: map[string]runspec.Pos{
				runspec.FieldKey("Config.AttachStdin"): at(3, 4),
				runspec.FieldKey("Config.OpenStdin"):   at(3, 13),
				runspec.FieldKey("Config.Env"):         at(3, 16),
				runspec.FieldKey("Config.Tty"):         at(3, 1),
			}},
		{name: "seccomp profile keyed by what is sent", line: "--security-opt seccomp=/abs.json alpine",
			want: map[string]runspec.Pos{
				runspec.ValueKey("HostConfig.SecurityOpt", `seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]}`): at(3, 1),
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := dockerrun.ParseArgs(lineWords(3, tc.line), testOptions(nil, testFiles()))
			if err != nil {
				t.Fatal(err)
			}
			for key, want := range tc.want {
				if got, ok := spec.Positions[key]; !ok || got != want {
					t.Errorf("%s: got %+v (recorded %v), want %+v", key, got, ok, want)
				}
			}
		})
	}
}

func TestPositionsDeviceCgroupRule(t *testing.T) {
	words := []runspec.Word{
		{Text: "--device-cgroup-rule", Pos: at(2, 1)}, {Text: "c 1:1 r", Pos: at(2, 22)},
		{Text: "--device-cgroup-rule=b 8:* rw", Pos: at(3, 1)}, {Text: "alpine", Pos: at(3, 31)},
	}
	spec, err := dockerrun.ParseArgs(words, testOptions(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]runspec.Pos{
		runspec.ValueKey("HostConfig.DeviceCgroupRules", "c 1:1 r"):  at(2, 1),
		runspec.ValueKey("HostConfig.DeviceCgroupRules", "b 8:* rw"): at(3, 1),
		runspec.FieldKey("HostConfig.DeviceCgroupRules"):             at(2, 1),
	} {
		if got := spec.Positions[key]; got != want {
			t.Errorf("%s: got %+v, want %+v", key, got, want)
		}
	}
}

func TestUnresolved(t *testing.T) {
	line := "-v ${HOME}/.ssh:/root/.ssh --memory $MEM -p ${PORT}:80 --privileged=${P} -e T=${X} --platform ${PLAT} ${IMAGE} sh -c id"
	spec, err := dockerrun.ParseArgs(lineWords(1, line), testOptions(nil, nil))
	if err != nil {
		t.Fatalf("a placeholder must not be a rejection: %v", err)
	}
	for _, key := range []string{
		runspec.ValueKey("HostConfig.Binds", "${HOME}/.ssh:/root/.ssh"),
		runspec.FieldKey("HostConfig.Memory"),
		runspec.FieldKey("HostConfig.PortBindings"),
		runspec.FieldKey("HostConfig.Privileged"),
		runspec.ValueKey("Config.Env", "T=${X}"),
		runspec.FieldKey("Platform"),
		runspec.FieldKey("Image"),
	} {
		if !spec.Unresolved[key] {
			t.Errorf("%s not marked unresolved", key)
		}
	}
	if got := spec.Create.Image; got != "${IMAGE}" {
		t.Errorf("image %q", got)
	}
	if spec.Create.HostConfig.Memory != 0 || len(spec.Create.HostConfig.PortBindings) != 0 {
		t.Errorf("unresolved values must be left out: memory %d, ports %v", spec.Create.HostConfig.Memory, spec.Create.HostConfig.PortBindings)
	}
	if spec.Unresolved[runspec.FieldKey("Config.User")] {
		t.Errorf("a value not given must not be unresolved")
	}
}

func TestRejectionPositions(t *testing.T) {
	cases := []struct {
		name string
		line string
		want runspec.Pos
	}{
		{name: "bad flag value", line: "  -i --memory bad alpine", want: at(2, 6)},
		{name: "bad value in a cluster", line: "-im bad alpine", want: at(2, 1)},
		{name: "bad volume", line: "-v /a:/b -v /a:/b:ro:x alpine", want: at(2, 10)},
		{name: "unknown flag", line: "-i --bogus alpine", want: at(2, 4)},
		{name: "missing value", line: "-i -e", want: at(2, 4)},
		{name: "no image", line: "-i -t", want: at(2, 1)},
		{name: "bad image", line: "-i Alpine", want: at(2, 4)},
		{name: "conflict", line: "--rm -i --restart always alpine", want: at(2, 9)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := dockerrun.ParseArgs(lineWords(2, tc.line), testOptions(nil, nil))
			var rejection *dockerrun.Error
			if !errors.As(err, &rejection) {
				t.Fatalf("got %v, want a rejection", err)
			}
			if rejection.Pos != tc.want {
				t.Errorf("rejected at %+v, want %+v (%v)", rejection.Pos, tc.want, err)
			}
		})
	}
}

func TestOptionsFileFillsPositions(t *testing.T) {
	words := runspec.Words(runspec.Pos{Line: 4, Column: 2}, "docker", "run", "--privileged", "alpine")
	opts := testOptions(nil, nil)
	opts.File = "Makefile"
	spec, err := dockerrun.ParseCommand(words, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := runspec.Pos{File: "Makefile", Line: 4, Column: 2}
	if got := spec.Positions[runspec.FieldKey("HostConfig.Privileged")]; got != want || spec.Origin != want {
		t.Errorf("privileged at %+v, origin %+v, want %+v", got, spec.Origin, want)
	}
	if words[0].Pos.File != "" {
		t.Errorf("the caller's words were changed")
	}
}
