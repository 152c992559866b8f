package runspec

import (
	"reflect"
	"slices"
	"testing"

	"github.com/docker/docker/api/types/container"
)

func TestCapabilityListsSorted(t *testing.T) {
	// Lookups binary-search these lists.
	for name, list := range map[string][]string{"all": AllCapabilities(), "default": DefaultCapabilities()} {
		if !slices.IsSorted(list) {
			t.Errorf("%s capabilities are not sorted", name)
		}
	}
	if n := len(AllCapabilities()); n != 41 {
		t.Errorf("%d capabilities, want 41", n)
	}
	if n := len(DefaultCapabilities()); n != 14 {
		t.Errorf("%d default capabilities, want 14", n)
	}
}

func TestDeriveCapabilities(t *testing.T) {
	allBut := func(drop ...string) []string { return minus(AllCapabilities(), drop) }
	tests := []struct {
		name       string
		privileged bool
		add, drop  []string
		effective  []string
		all        bool
		added      []string
		dropped    []string
	}{
		{name: "default", effective: DefaultCapabilities(), added: []string{}, dropped: []string{}},
		{
			name: "lower case and no prefix", add: []string{"sys_admin"}, drop: []string{"net_raw"},
			effective: sorted(append(minus(DefaultCapabilities(), []string{"CAP_NET_RAW"}), "CAP_SYS_ADMIN")),
			added:     []string{"CAP_SYS_ADMIN"}, dropped: []string{"CAP_NET_RAW"},
		},
		{
			name: "prefix and mixed case", add: []string{"Cap_Net_Admin", "CAP_SYS_PTRACE"},
			effective: sorted(append(DefaultCapabilities(), "CAP_NET_ADMIN", "CAP_SYS_PTRACE")),
			added:     []string{"CAP_NET_ADMIN", "CAP_SYS_PTRACE"}, dropped: []string{},
		},
		{
			name: "add wins over drop", add: []string{"NET_RAW"}, drop: []string{"net_raw", "chown"},
			effective: minus(DefaultCapabilities(), []string{"CAP_CHOWN"}),
			added:     []string{}, dropped: []string{"CAP_CHOWN"},
		},
		{
			name: "drop all keeps only adds", add: []string{"NET_BIND_SERVICE"}, drop: []string{"all"},
			effective: []string{"CAP_NET_BIND_SERVICE"}, added: []string{},
			dropped: minus(DefaultCapabilities(), []string{"CAP_NET_BIND_SERVICE"}),
		},
		{
			name: "add all", add: []string{"ALL"},
			effective: AllCapabilities(), all: true,
			added: minus(AllCapabilities(), DefaultCapabilities()), dropped: []string{},
		},
		{
			// ALL added: the drops still apply, the adds no longer matter.
			name: "add all with drop", add: []string{"ALL", "CAP_SYS_ADMIN"}, drop: []string{"ALL", "CAP_SYS_ADMIN"},
			effective: allBut("CAP_SYS_ADMIN"),
			added:     minus(allBut("CAP_SYS_ADMIN"), DefaultCapabilities()), dropped: []string{},
		},
		{
			name: "privileged ignores drops", privileged: true, add: []string{"NET_ADMIN"}, drop: []string{"ALL"},
			effective: AllCapabilities(), all: true,
			added: minus(AllCapabilities(), DefaultCapabilities()), dropped: []string{},
		},
		{
			// The daemon rejects the container; the effective set ignores the
			// unknown value.
			name: "unknown capability", add: []string{"SYS_ADMIN,NET_ADMIN"},
			effective: DefaultCapabilities(), added: []string{}, dropped: []string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Derive(newSpec(nil, &container.HostConfig{Privileged: tc.privileged, CapAdd: tc.add, CapDrop: tc.drop})).Capabilities
			if !reflect.DeepEqual(c.Effective, tc.effective) {
				t.Errorf("effective = %v\nwant %v", c.Effective, tc.effective)
			}
			if c.All != tc.all {
				t.Errorf("all = %v, want %v", c.All, tc.all)
			}
			if !reflect.DeepEqual(c.Added, tc.added) || !reflect.DeepEqual(c.Dropped, tc.dropped) {
				t.Errorf("added = %v, dropped = %v; want %v, %v", c.Added, c.Dropped, tc.added, tc.dropped)
			}
		})
	}
}

func TestDeriveCapValues(t *testing.T) {
	at := Pos{File: "run.sh", Line: 1, Column: 30}
	s := newSpec(nil, &container.HostConfig{CapAdd: []string{"all", "sys_admin", "BOGUS"}, CapDrop: []string{"CAP_NET_RAW"}})
	s.SetPos(ValueKey("HostConfig.CapAdd", "sys_admin"), at)
	c := Derive(s).Capabilities
	wantAdd := []CapValue{
		{Raw: "all", Name: "ALL", Pos: origin},
		{Raw: "sys_admin", Name: "CAP_SYS_ADMIN", Pos: at},
		{Raw: "BOGUS", Name: "CAP_BOGUS", Invalid: true, Pos: origin},
	}
	if !reflect.DeepEqual(c.Add, wantAdd) {
		t.Errorf("add = %+v\nwant %+v", c.Add, wantAdd)
	}
	if want := []CapValue{{Raw: "CAP_NET_RAW", Name: "CAP_NET_RAW", Pos: origin}}; !reflect.DeepEqual(c.Drop, want) {
		t.Errorf("drop = %+v, want %+v", c.Drop, want)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestDeriveDropAll(t *testing.T) {
	tests := []struct {
		name string
		drop []string
		want bool
	}{
		{name: "none"},
		{name: "upper", drop: []string{"ALL"}, want: true},
		{name: "lower", drop: []string{"all"}, want: true},
		{name: "mixed with others", drop: []string{"NET_RAW", "All"}, want: true},
		// The daemon knows no CAP_ALL: it rejects the container.
		{name: "prefixed", drop: []string{"CAP_ALL"}},
		{name: "every default one by one", drop: DefaultCapabilities()},
		{name: "unresolved", drop: []string{"${DROP}"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Derive(newSpec(nil, &container.HostConfig{CapDrop: tc.drop})).Capabilities.DropAll; got != tc.want {
				t.Errorf("drop_all = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDeriveCapUnresolved(t *testing.T) {
	s := newSpec(nil, &container.HostConfig{CapDrop: []string{"CAP_$DROP", "CAP_${MORE}", "CAP_NET_RAW", "CAP_MARKED"}})
	s.Unresolved[ValueKey("HostConfig.CapDrop", "CAP_MARKED")] = true
	var got []bool
	for _, v := range Derive(s).Capabilities.Drop {
		got = append(got, v.Unresolved)
	}
	if want := []bool{true, true, false, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("unresolved = %v, want %v", got, want)
	}
}
