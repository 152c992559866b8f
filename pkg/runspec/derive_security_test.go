package runspec

import (
	"reflect"
	"testing"

	"github.com/docker/docker/api/types/container"
)

func TestDeriveNoNewPrivileges(t *testing.T) {
	tests := []struct {
		opts         []string
		set, enabled bool
	}{
		{opts: nil},
		{opts: []string{"no-new-privileges"}, set: true, enabled: true},
		{opts: []string{"no-new-privileges=true"}, set: true, enabled: true},
		{opts: []string{"no-new-privileges:true"}, set: true, enabled: true},
		{opts: []string{"no-new-privileges=1"}, set: true, enabled: true},
		{opts: []string{"no-new-privileges=false"}, set: true},
		{opts: []string{"no-new-privileges:false"}, set: true},
		// The last one wins, as in the daemon.
		{opts: []string{"no-new-privileges", "no-new-privileges=false"}, set: true},
		{opts: []string{"no-new-privileges=false", "no-new-privileges:true"}, set: true, enabled: true},
		// The daemon rejects a value that is not a boolean.
		{opts: []string{"no-new-privileges=yes"}},
	}
	for _, tc := range tests {
		t.Run(join(tc.opts), func(t *testing.T) {
			n := Derive(newSpec(nil, &container.HostConfig{SecurityOpt: tc.opts})).Security.NoNewPrivileges
			if n.Set != tc.set || n.Enabled != tc.enabled {
				t.Errorf("no-new-privileges = %+v, want set %v enabled %v", n, tc.set, tc.enabled)
			}
		})
	}
}

func TestDeriveSeccompAppArmorLabel(t *testing.T) {
	tests := []struct {
		opt        string
		seccomp    string
		apparmor   string
		unconfined bool
		disabled   bool
		labels     []string
	}{
		{opt: "seccomp=unconfined", seccomp: SeccompUnconfined},
		{opt: "seccomp:unconfined", seccomp: SeccompUnconfined},
		{opt: "seccomp=builtin", seccomp: SeccompDefault},
		{opt: `seccomp={"defaultAction":"SCMP_ACT_ALLOW"}`, seccomp: SeccompProfile},
		{opt: "seccomp=/etc/docker/seccomp.json", seccomp: SeccompProfile},
		{opt: "apparmor=unconfined", seccomp: SeccompDefault, apparmor: "unconfined", unconfined: true},
		{opt: "apparmor:unconfined", seccomp: SeccompDefault, apparmor: "unconfined", unconfined: true},
		{opt: "apparmor=docker-nginx", seccomp: SeccompDefault, apparmor: "docker-nginx"},
		{opt: "label=disable", seccomp: SeccompDefault, disabled: true},
		{opt: "label:disable", seccomp: SeccompDefault, disabled: true},
		{opt: "disable", seccomp: SeccompDefault, disabled: true},
		{opt: "label=type:svirt_apache_t", seccomp: SeccompDefault, labels: []string{"type:svirt_apache_t"}},
		{opt: "label:level:s0:c100,c200", seccomp: SeccompDefault, labels: []string{"level:s0:c100,c200"}},
	}
	for _, tc := range tests {
		t.Run(tc.opt, func(t *testing.T) {
			at := Pos{File: "c.yaml", Line: 4, Column: 7}
			s := newSpec(nil, &container.HostConfig{SecurityOpt: []string{tc.opt}})
			s.SetPos(ValueKey("HostConfig.SecurityOpt", tc.opt), at)
			sec := Derive(s).Security
			if sec.Seccomp.Mode != tc.seccomp {
				t.Errorf("seccomp mode = %q, want %q", sec.Seccomp.Mode, tc.seccomp)
			}
			if sec.AppArmor.Profile != tc.apparmor || sec.AppArmor.Unconfined != tc.unconfined {
				t.Errorf("apparmor = %+v, want %q unconfined %v", sec.AppArmor, tc.apparmor, tc.unconfined)
			}
			if labels := tc.labels; sec.Label.Disabled != tc.disabled || !reflect.DeepEqual(sec.Label.Options, orEmpty(labels)) {
				t.Errorf("label = %+v, want disabled %v options %v", sec.Label, tc.disabled, labels)
			}
			if len(sec.Options) != 1 || sec.Options[0].Invalid || sec.Options[0].Pos != at {
				t.Errorf("options = %+v", sec.Options)
			}
			// The option's own position is the finding's position.
			for _, p := range []struct {
				set bool
				pos Pos
			}{{sec.Seccomp.Set, sec.Seccomp.Pos}, {sec.AppArmor.Set, sec.AppArmor.Pos}, {sec.Label.Set, sec.Label.Pos}} {
				if p.set && p.pos != at {
					t.Errorf("position = %v, want %v", p.pos, at)
				}
			}
		})
	}
}

func TestDeriveSecurityOptions(t *testing.T) {
	opts := []string{"seccomp=unconfined", "bogus=1", "nonsense", "writable-cgroups=true", "writable-cgroups=x"}
	got := Derive(newSpec(nil, &container.HostConfig{SecurityOpt: opts})).Security.Options
	want := []SecurityOpt{
		{Raw: "seccomp=unconfined", Key: "seccomp", Value: "unconfined", Pos: origin},
		{Raw: "bogus=1", Key: "bogus", Value: "1", Invalid: true, Reason: `unknown option "bogus"`, Pos: origin},
		{Raw: "nonsense", Key: "nonsense", Invalid: true, Reason: "no value", Pos: origin},
		{Raw: "writable-cgroups=true", Key: "writable-cgroups", Value: "true", Pos: origin},
		{Raw: "writable-cgroups=x", Key: "writable-cgroups", Value: "x", Invalid: true, Reason: "writable-cgroups takes a boolean", Pos: origin},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options\n got %+v\nwant %+v", got, want)
	}
}

func TestDeriveSystempaths(t *testing.T) {
	maskedAt := Pos{File: "run.sh", Line: 1, Column: 12}
	readonlyAt := Pos{File: "run.sh", Line: 2, Column: 12}
	tests := []struct {
		name                           string
		masked, readonly               []string
		unconfined, unmasked, writable bool
		pos                            Pos
	}{
		{name: "unset", pos: maskedAt},
		{name: "both empty", masked: []string{}, readonly: []string{}, unconfined: true, unmasked: true, writable: true, pos: maskedAt},
		{name: "masked only", masked: []string{}, unmasked: true, pos: maskedAt},
		{name: "read-only only", readonly: []string{}, writable: true, pos: readonlyAt},
		{name: "custom", masked: []string{"/proc/kcore"}, readonly: []string{}, writable: true, pos: readonlyAt},
		{name: "both custom", masked: []string{"/proc/kcore"}, readonly: []string{"/proc/sys"}, pos: maskedAt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSpec(nil, &container.HostConfig{MaskedPaths: tc.masked, ReadonlyPaths: tc.readonly})
			s.SetPos(FieldKey("HostConfig.MaskedPaths"), maskedAt)
			s.SetPos(FieldKey("HostConfig.ReadonlyPaths"), readonlyAt)
			got := Derive(s).Security.Systempaths
			want := Systempaths{Unconfined: tc.unconfined, Unmasked: tc.unmasked, Writable: tc.writable, Pos: tc.pos}
			if got != want {
				t.Errorf("systempaths = %+v, want %+v", got, want)
			}
		})
	}
}

func join(opts []string) string {
	if len(opts) == 0 {
		return "none"
	}
	out := opts[0]
	for _, o := range opts[1:] {
		out += " " + o
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Raw is the option that decided, as written, so that a message can quote
// it: the last of several, as in the daemon, whatever their positions.
func TestDeriveSecurityRaw(t *testing.T) {
	opts := []string{
		"apparmor=unconfined", "apparmor:unconfined",
		"no-new-privileges", "no-new-privileges:false",
		"label=level:s0", "label:disable", "disable",
		"seccomp=unconfined", "seccomp:unconfined",
	}
	sec := Derive(newSpec(nil, &container.HostConfig{SecurityOpt: opts})).Security
	got := []string{sec.AppArmor.Raw, sec.NoNewPrivileges.Raw, sec.Label.Raw, sec.Seccomp.Raw}
	want := []string{"apparmor:unconfined", "no-new-privileges:false", "disable", "seccomp:unconfined"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("raw = %q, want %q", got, want)
	}
	if l := Derive(newSpec(nil, &container.HostConfig{SecurityOpt: []string{"label=type:a_t", "label=level:s0"}})).Security.Label; l.Raw != "label=type:a_t" || l.Disabled {
		t.Errorf("label = %+v, want the first option and not disabled", l)
	}
}
