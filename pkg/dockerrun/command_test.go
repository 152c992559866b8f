package dockerrun_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

// TestParseCommandScript is parsing.md case 23, as the script scanner hands
// it over: one word per shell word, expansions done where known.
func TestParseCommandScript(t *testing.T) {
	words := []runspec.Word{
		{Text: "sudo", Pos: at(1, 1)}, {Text: "-E", Pos: at(1, 6)}, {Text: "docker", Pos: at(1, 9)},
		{Text: "-H", Pos: at(1, 16)}, {Text: "unix:///s", Pos: at(1, 19)}, {Text: "container", Pos: at(1, 29)},
		{Text: "run", Pos: at(1, 39)}, {Text: "--rm", Pos: at(1, 43)},
		{Text: "-v", Pos: at(2, 3)}, {Text: "/repo:/src:ro", Pos: at(2, 6)},
		{Text: "-v", Pos: at(2, 19)}, {Text: "/home/u/.ssh:/root/.ssh", Pos: at(2, 22)},
		{Text: "--privileged=true", Pos: at(2, 47)},
		{Text: "-e", Pos: at(2, 65)}, {Text: "T=$(cat t)", Pos: at(2, 68), Unresolved: true},
		{Text: "${IMAGE}", Pos: at(2, 81), Unresolved: true},
		{Text: "sh", Pos: at(2, 90)}, {Text: "-c", Pos: at(2, 93)}, {Text: "id", Pos: at(2, 96)},
	}
	spec, err := dockerrun.ParseCommand(words, testOptions(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	c := spec.Create
	if spec.Kind != runspec.KindDockerRun || spec.Origin != at(1, 1) {
		t.Errorf("kind %q origin %+v", spec.Kind, spec.Origin)
	}
	if !slices.Equal(c.HostConfig.Binds, []string{"/repo:/src:ro", "/home/u/.ssh:/root/.ssh"}) {
		t.Errorf("binds %q", c.HostConfig.Binds)
	}
	if !c.HostConfig.Privileged || !c.HostConfig.AutoRemove {
		t.Errorf("privileged %v, rm %v", c.HostConfig.Privileged, c.HostConfig.AutoRemove)
	}
	if c.Image != "${IMAGE}" || !spec.Unresolved[runspec.FieldKey("Image")] {
		t.Errorf("image %q unresolved %v", c.Image, spec.Unresolved[runspec.FieldKey("Image")])
	}
	if !spec.Unresolved[runspec.ValueKey("Config.Env", "T=$(cat t)")] {
		t.Errorf("env not unresolved: %v", spec.Unresolved)
	}
	if !slices.Equal(c.Cmd, []string{"sh", "-c", "id"}) {
		t.Errorf("cmd %q", c.Cmd)
	}
	if got := spec.Positions[runspec.ValueKey("HostConfig.Binds", "/home/u/.ssh:/root/.ssh")]; got != at(2, 19) {
		t.Errorf("bind position %+v", got)
	}
}

func TestParseCommand(t *testing.T) {
	cases := []struct {
		name    string
		line    string
		env     map[string]string
		wantEnv []string // Config.Env, when checked
		image   string
	}{
		{name: "plain run", line: "docker run alpine", image: "alpine"},
		{name: "create", line: "docker create alpine", image: "alpine"},
		{name: "container run", line: "docker container run alpine", image: "alpine"},
		{name: "container create", line: "docker container create alpine", image: "alpine"},
		{name: "path to docker", line: "/usr/local/bin/docker run alpine", image: "alpine"},
		{name: "podman", line: "podman run alpine", image: "alpine"},
		{name: "nerdctl", line: "nerdctl container run alpine", image: "alpine"},
		{name: "global options", line: "docker -H unix:///s --context=c -c x --config /d -l debug --log-level=info --tlscacert a --tlscert b --tlskey k --tls --tlsverify=false -D --debug run alpine", image: "alpine"},
		{name: "global clusters", line: "docker -Dl debug -Hunix:///x run alpine", image: "alpine"},
		{name: "sudo with options", line: "sudo -E -u root --group=docker -- docker run alpine", image: "alpine"},
		{name: "sudo cluster", line: "sudo -Eu root docker run alpine", image: "alpine"},
		{name: "sudo assignments", line: "sudo FOO=1 docker run -e FOO alpine", wantEnv: []string{"FOO=1"}, image: "alpine"},
		{name: "doas", line: "doas -u root docker run alpine", image: "alpine"},
		{name: "env assignments reach -e", line: "env FOO=1 BAR= docker run -e FOO -e BAR -e BASE alpine",
			env: map[string]string{"BASE": "b"}, wantEnv: []string{"FOO=1", "BAR=", "BASE=b"}, image: "alpine"},
		{name: "env -i clears the environment", line: "env -i FOO=1 docker run -e FOO -e BASE alpine",
			env: map[string]string{"BASE": "b"}, wantEnv: []string{"FOO=1", "BASE"}, image: "alpine"},
		{name: "env -u unsets", line: "env -u BASE docker run -e BASE alpine",
			env: map[string]string{"BASE": "b"}, wantEnv: []string{"BASE"}, image: "alpine"},
		{name: "prefix assignments (parsing.md case 19)", line: "FROMHOST=v docker run -e FROMHOST -e UNSET alpine",
			wantEnv: []string{"FROMHOST=v", "UNSET"}, image: "alpine"},
		{name: "command, exec, time, nohup", line: "command exec -a x time -p nohup docker run alpine", image: "alpine"},
		{name: "GNU time options", line: "time -f %e -o /tmp/t docker run alpine", image: "alpine"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := dockerrun.ParseCommand(lineWords(1, tc.line), testOptions(tc.env, nil))
			if err != nil {
				t.Fatal(err)
			}
			if spec.Create.Image != tc.image {
				t.Errorf("image %q, want %q", spec.Create.Image, tc.image)
			}
			if tc.wantEnv != nil && !slices.Equal(spec.Create.Env, tc.wantEnv) {
				t.Errorf("env %q, want %q", spec.Create.Env, tc.wantEnv)
			}
			if spec.Origin != at(1, 1) {
				t.Errorf("origin %+v", spec.Origin)
			}
		})
	}
}

func TestParseCommandNotRun(t *testing.T) {
	for _, line := range []string{
		"docker ps",
		"docker compose run web",
		"docker container ls",
		"docker",
		"docker container",
		"docker --version",
		"docker -v",
		"docker run --help",
		"ls -l",
		"command -v docker",
		"env -S 'docker run alpine'",
		"sudo",
		"dockerd run",
	} {
		t.Run(line, func(t *testing.T) {
			_, err := dockerrun.ParseCommand(lineWords(1, line), testOptions(nil, nil))
			if !errors.Is(err, dockerrun.ErrNotRun) {
				t.Errorf("got %v, want ErrNotRun", err)
			}
		})
	}
	if _, err := dockerrun.ParseCommand(nil, testOptions(nil, nil)); !errors.Is(err, dockerrun.ErrNotRun) {
		t.Errorf("no words: got %v, want ErrNotRun", err)
	}
}

func TestParseCommandRejects(t *testing.T) {
	for _, line := range []string{
		"docker --bogus run alpine",
		"docker -H",
		"docker run",
		"docker create -d alpine",
		"sudo docker run --privileged=maybe alpine",
	} {
		t.Run(line, func(t *testing.T) {
			_, err := dockerrun.ParseCommand(lineWords(1, line), testOptions(nil, nil))
			var rejection *dockerrun.Error
			if !errors.As(err, &rejection) {
				t.Errorf("got %v, want a rejection", err)
			}
		})
	}
}
