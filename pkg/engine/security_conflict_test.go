package engine_test

import (
	"math/rand"
	"testing"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
)

// TestSecurityInputsNeverConflict: every combination of security options,
// capabilities, groups, users and namespace modes, duplicates and
// misspellings included, evaluates without error with every value at the
// request's origin, as in an authz request. A rule whose complete value or
// function yields two answers (two spellings at one position) fails the
// whole evaluation, and the plugin then denies whatever the severity.
func TestSecurityInputsNeverConflict(t *testing.T) {
	e := newEngine(t)
	opts := []string{"apparmor=unconfined", "apparmor:unconfined", "apparmor=x", "seccomp=unconfined", "seccomp:unconfined", "no-new-privileges", "no-new-privileges=false", "no-new-privileges:false", "no-new-privileges=true", "label=disable", "label:disable", "disable", "label=type:x", "bogus", "systempaths=unconfined"}
	caps := []string{"ALL", "all", "CAP_ALL", "$X", "${Y}", "NET_RAW", "net_raw", "sys_admin", "bogus"}
	groups := []string{"disk", "0", "root", "docker", "6", "audio", "${G}", "disk"}
	users := []string{"", "0", "root", "0:0", "1000:0", "${UID}", "root:root", "00"}
	modes := []string{"", "host", "container:a", "service:b", "container:", "private", "bogus"}
	pick := func(r *rand.Rand, l []string) []string {
		var out []string
		for i := r.Intn(4); i > 0; i-- {
			out = append(out, l[r.Intn(len(l))])
		}
		return out
	}
	r := rand.New(rand.NewSource(1))
	for range 600 {
		s := runspec.New(runspec.KindAuthz, runspec.Pos{File: "request:/containers/create"})
		hc := &container.HostConfig{
			SecurityOpt: pick(r, opts), CapDrop: pick(r, caps), CapAdd: pick(r, caps), GroupAdd: pick(r, groups),
			NetworkMode: container.NetworkMode(modes[r.Intn(len(modes))]), PidMode: container.PidMode(modes[r.Intn(len(modes))]),
			IpcMode: container.IpcMode(modes[r.Intn(len(modes))]), UTSMode: container.UTSMode(modes[r.Intn(len(modes))]),
			UsernsMode: container.UsernsMode(modes[r.Intn(len(modes))]), CgroupnsMode: container.CgroupnsMode(modes[r.Intn(len(modes))]),
			Privileged: r.Intn(4) == 0,
		}
		if r.Intn(3) == 0 {
			hc.MaskedPaths = []string{}
		}
		if r.Intn(3) == 0 {
			hc.ReadonlyPaths = []string{}
		}
		s.Create = container.CreateRequest{Config: &container.Config{Image: "x", User: users[r.Intn(len(users))]}, HostConfig: hc}
		d := runspec.DefaultDaemon()
		d.NoNewPrivileges = r.Intn(2) == 0
		if r.Intn(2) == 0 {
			d.UsernsRemap = "default"
			d.Known = true
		}
		if _, err := e.Evaluate(t.Context(), s, d); err != nil {
			t.Fatalf("%+v %+v: %v", hc, s.Create.Config, err)
		}
	}
}
