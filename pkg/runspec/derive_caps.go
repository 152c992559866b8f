package runspec

import (
	"slices"
	"strings"

	"github.com/docker/docker/api/types/container"
)

// Capabilities is the container's effective capability set, computed the way
// the daemon computes it, and the --cap-add/--cap-drop values it came from.
// Every name is upper case with the CAP_ prefix.
type Capabilities struct {
	// Effective is the set the process starts with, sorted.
	Effective []string `json:"effective"`
	// All is set when Effective holds every capability (privileged, or ALL
	// added and nothing dropped).
	All bool `json:"all"`
	// Added is what Effective holds beyond docker's default set, sorted.
	Added []string `json:"added"`
	// Dropped is what the default set holds that Effective does not, sorted.
	Dropped []string `json:"dropped"`
	// DropAll is set when ALL is among the dropped values (in any case or
	// spelling): the container starts from no capability at all and holds
	// only what it adds back.
	DropAll bool `json:"drop_all"`
	// Add and Drop are the values as requested, in order.
	Add  []CapValue `json:"add"`
	Drop []CapValue `json:"drop"`
}

// CapValue is one --cap-add or --cap-drop value.
type CapValue struct {
	Raw string `json:"raw"`
	// Name is "ALL" or the normalized capability name ("CAP_SYS_ADMIN").
	Name string `json:"name"`
	// Invalid is set when the daemon knows no such capability (it then
	// rejects the whole container).
	Invalid bool `json:"invalid"`
	// Unresolved is set when the value holds a variable whose value is
	// unknown ($DROP): it may stand for any capability, ALL included.
	Unresolved bool `json:"unresolved"`
	Pos        Pos  `json:"pos"`
}

// capAll is the value that stands for every capability.
const capAll = "ALL"

// DefaultCapabilities is the set dockerd gives a container that neither adds
// nor drops any, sorted.
func DefaultCapabilities() []string {
	return []string{
		"CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_MKNOD",
		"CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID",
		"CAP_SYS_CHROOT",
	}
}

// AllCapabilities is every Linux capability up to CAP_CHECKPOINT_RESTORE
// (kernel 5.9), sorted: what a privileged container gets.
func AllCapabilities() []string {
	return []string{
		"CAP_AUDIT_CONTROL", "CAP_AUDIT_READ", "CAP_AUDIT_WRITE", "CAP_BLOCK_SUSPEND", "CAP_BPF",
		"CAP_CHECKPOINT_RESTORE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
		"CAP_FSETID", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_KILL", "CAP_LEASE", "CAP_LINUX_IMMUTABLE",
		"CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE", "CAP_MKNOD", "CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE",
		"CAP_NET_BROADCAST", "CAP_NET_RAW", "CAP_PERFMON", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
		"CAP_SETUID", "CAP_SYSLOG", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_CHROOT", "CAP_SYS_MODULE",
		"CAP_SYS_NICE", "CAP_SYS_PACCT", "CAP_SYS_PTRACE", "CAP_SYS_RAWIO", "CAP_SYS_RESOURCE",
		"CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_WAKE_ALARM",
	}
}

// NormalizeCapability spells a capability the way the daemon compares it:
// upper case, with the CAP_ prefix; "all" in any case is ALL.
func NormalizeCapability(c string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	if c == capAll || strings.HasPrefix(c, "CAP_") {
		return c
	}
	return "CAP_" + c
}

func deriveCapabilities(s *Spec, hc *container.HostConfig) Capabilities {
	all := AllCapabilities()
	c := Capabilities{
		Add:  capValues(s, "HostConfig.CapAdd", hc.CapAdd, all),
		Drop: capValues(s, "HostConfig.CapDrop", hc.CapDrop, all),
	}
	drop := valid(c.Drop)
	c.DropAll = slices.Contains(drop, capAll)
	c.Effective = effectiveCaps(hc.Privileged, valid(c.Add), drop, all)
	c.All = len(c.Effective) == len(all)
	def := DefaultCapabilities()
	c.Added = minus(c.Effective, def)
	c.Dropped = minus(def, c.Effective)
	return c
}

// effectiveCaps follows the daemon: privileged gets everything; ALL added
// gets everything but the drops; ALL dropped gets only the adds; otherwise
// the default set minus the drops plus the adds, so an add wins over a drop.
func effectiveCaps(privileged bool, add, drop, all []string) []string {
	var out []string
	switch {
	case privileged:
		out = all
	case slices.Contains(add, capAll):
		out = minus(all, drop)
	case slices.Contains(drop, capAll):
		out = add
	default:
		out = append(minus(DefaultCapabilities(), drop), add...)
	}
	out = slices.Clone(out)
	slices.Sort(out)
	return slices.Compact(out)
}

func capValues(s *Spec, field string, raws []string, all []string) []CapValue {
	out := make([]CapValue, 0, len(raws))
	for _, raw := range raws {
		name := NormalizeCapability(raw)
		_, known := slices.BinarySearch(all, name)
		key := ValueKey(field, raw)
		out = append(out, CapValue{
			Raw:        raw,
			Name:       name,
			Invalid:    !known && name != capAll,
			Unresolved: unresolved(s, key, raw) || strings.Contains(raw, "$"),
			Pos:        s.PosOf(key),
		})
	}
	return out
}

// valid returns the names of the values the daemon accepts.
func valid(vs []CapValue) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if !v.Invalid {
			out = append(out, v.Name)
		}
	}
	return out
}

// minus returns the elements of a that are not in b, in a's order.
func minus(a, b []string) []string {
	out := make([]string, 0, len(a))
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
