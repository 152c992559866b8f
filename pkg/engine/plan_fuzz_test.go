package engine_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

// FuzzPlanMatchesTopdown: on any spec, a docker run line or a create body
// as the authorization plugin decodes it, the catalogue on planvm finds
// exactly what it finds on topdown, or both fail.
func FuzzPlanMatchesTopdown(f *testing.F) {
	for _, seed := range []string{
		"alpine",
		"-itd --rm -v /:/host -v ./x:/y:ro,z --privileged alpine sh -c id",
		"--mount type=bind,src=/var/run,dst=/x,readonly --tmpfs /run:size=1m,exec --use-api-socket alpine",
		"-p 8080:80 -p [::1]:53:53/udp -p 0.0.0.0:22:22 -P nginx:latest",
		"--cap-add all --cap-drop net_raw --security-opt seccomp=unconfined --security-opt systempaths=unconfined alpine",
		"--device /dev/sda:/dev/xvdc:r --device-cgroup-rule a\x20*:*\x20rwm --gpus all alpine",
		"-m 512m --memory-swap -1 --cpus 1.5 --pids-limit -1 --sysctl kernel.shm_rmid_forced=1 --oom-kill-disable alpine",
		"--log-driver none --restart always --user 0:0 --group-add docker --pid host --network container:db --userns host alpine@sha256:0123456789012345678901234567890123456789012345678901234567890123",
		"-e AWS_SECRET_ACCESS_KEY=abc -e TOKEN -v /home/alice/.ssh:/root/.ssh -v /etc:/etc:ro --volumes-from db alpine",
		`{"Image":"alpine","HostConfig":{"Privileged":true,"Binds":["/:/host:rshared"],"CapAdd":["SYS_ADMIN","CAP_NET_RAW"]}}`,
		`{"image":"x","hostconfig":{"mounts":[{"type":"volume","source":"v","target":"/d","volumeoptions":{"driverconfig":{"name":"local","options":{"o":"bind","device":"/etc"}}}}],"securityopt":["no-new-privileges:false","apparmor=unconfined"]}}`,
		`{"Image":"a","User":"root","Healthcheck":{"Test":["NONE"]},"HostConfig":{"Devices":[{"PathOnHost":"/dev/mem"}],"Sysctls":{"net.ipv4.ip_forward":"1"},"LogConfig":{"Type":"json-file"},"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"80"}]}}}`,
	} {
		f.Add(seed)
	}
	eng := evaluators(f, builtin())
	f.Fuzz(func(t *testing.T, line string) {
		spec := fuzzSpec(line)
		if spec == nil {
			return
		}
		d := runspec.DefaultDaemon()
		plan, err1 := eng[0].Evaluate(t.Context(), spec, d)
		top, err2 := eng[1].Evaluate(t.Context(), spec, d)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("planvm error %v, topdown error %v", err1, err2)
		}
		sameFindings(t, line, plan, top)
	})
}

// fuzzSpec is a create body (a line starting with "{") or the spec of a
// docker run line; nil when neither parses.
func fuzzSpec(line string) *runspec.Spec {
	if strings.HasPrefix(line, "{") {
		var req container.CreateRequest
		if json.Unmarshal([]byte(line), &req) != nil {
			return nil
		}
		s := runspec.New(runspec.KindAuthz, runspec.Pos{File: "request"})
		s.Create = req
		return s
	}
	var words []runspec.Word
	for i, text := range strings.Split(line, " ") {
		words = append(words, runspec.Word{Text: text, Pos: runspec.Pos{File: "fuzz", Line: 1, Column: i + 1}, Unresolved: strings.Contains(text, "${")})
	}
	spec, err := dockerrun.ParseArgs(words, dockerrun.Options{WorkDir: "/w", LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		return nil
	}
	return spec
}
