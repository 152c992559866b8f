package runspec

import (
	"encoding/json"
	"testing"

	"github.com/docker/docker/api/types/container"
)

// FuzzDerive feeds create bodies, as a client or the authorization plugin
// would receive them, to Derive: it parses every string of the body
// (binds, devices, cgroup rules, sysctls, image references, env names,
// ports, security options) and must never panic on any of them.
func FuzzDerive(f *testing.F) {
	for _, seed := range []string{
		`{"Image":"localhost:5000/app","Env":["DB_PASSWORD=x","URL=redis://:pw@h"],"HostConfig":{"Binds":["/:/h:rshared"]}}`,
		`{"Image":"a@sha256:00","User":"0:0","HostConfig":{"Devices":[{"PathOnHost":"/dev/sda","CgroupPermissions":"rwm"}],"DeviceCgroupRules":["a *:* rwm","b 8:* rw"]}}`,
		`{"HostConfig":{"Sysctls":{"net.ipv4.ip_forward":"1"},"Tmpfs":{"/t":"exec"},"SecurityOpt":["seccomp:unconfined","no-new-privileges=false"],"PortBindings":{"80/tcp":[{"HostIp":"::","HostPort":"1-2"}]}}}`,
		`{"Healthcheck":{"Test":["NONE"]},"HostConfig":{"RestartPolicy":{"Name":"on-failure"},"PidsLimit":-1,"CapAdd":["cap_all"],"CapDrop":[" all "]}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req container.CreateRequest
		if json.Unmarshal(body, &req) != nil {
			return
		}
		s := New(KindAuthz, Pos{File: "fuzz", Line: 1, Column: 1})
		s.Create = req
		d := Derive(s)
		if _, err := json.Marshal(d); err != nil {
			t.Fatalf("derived view does not encode: %v", err)
		}
	})
}
