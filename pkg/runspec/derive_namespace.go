package runspec

import (
	"slices"
	"strings"

	"github.com/docker/docker/api/types/container"
)

// Namespaces are the container's namespace settings, one per kind.
type Namespaces struct {
	Network Namespace `json:"network"`
	PID     Namespace `json:"pid"`
	IPC     Namespace `json:"ipc"`
	UTS     Namespace `json:"uts"`
	User    Namespace `json:"userns"`
	Cgroup  Namespace `json:"cgroupns"`
}

// Namespace modes. The empty setting is NSDefault: what the daemon picks.
const (
	NSDefault   = "default"
	NSHost      = "host"
	NSContainer = "container" // shared with another container (container:x, compose service:x)
	NSPrivate   = "private"
	NSShareable = "shareable" // ipc
	NSNone      = "none"      // ipc, network
	NSBridge    = "bridge"    // network
	NSNetwork   = "network"   // network: a user-defined network, named by Value
	NSUnknown   = "unknown"   // a value the daemon would reject
)

// Namespace is one namespace setting: its mode class, the value as written,
// and the container shared with, for NSContainer.
type Namespace struct {
	Mode       string `json:"mode"`
	Value      string `json:"value"`
	Container  string `json:"container"`
	Unresolved bool   `json:"unresolved"`
	Pos        Pos    `json:"pos"`
}

func deriveNamespaces(s *Spec, hc *container.HostConfig) Namespaces {
	return Namespaces{
		Network: namespace(s, "HostConfig.NetworkMode", string(hc.NetworkMode), NSBridge, NSNone, NSNetwork),
		PID:     namespace(s, "HostConfig.PidMode", string(hc.PidMode)),
		IPC:     namespace(s, "HostConfig.IpcMode", string(hc.IpcMode), NSPrivate, NSShareable, NSNone),
		UTS:     namespace(s, "HostConfig.UTSMode", string(hc.UTSMode)),
		User:    namespace(s, "HostConfig.UsernsMode", string(hc.UsernsMode), NSPrivate),
		Cgroup:  namespace(s, "HostConfig.CgroupnsMode", string(hc.CgroupnsMode), NSPrivate),
	}
}

// namespace classifies value. Every kind takes "" and "host"; network, pid
// and ipc also take container:<name> (dockerd rejects it for uts, userns
// and cgroupns); extra lists the other modes the kind takes. NSNetwork in extra means any other value names a network.
func namespace(s *Spec, field, value string, extra ...string) Namespace {
	ns := Namespace{Value: value, Pos: s.PosOf(FieldKey(field)), Unresolved: unresolved(s, FieldKey(field), value)}
	kind, name, _ := strings.Cut(value, ":")
	sharable := field == "HostConfig.NetworkMode" || field == "HostConfig.PidMode" || field == "HostConfig.IpcMode"
	switch {
	case value == "" || (value == NSDefault && slices.Contains(extra, NSNetwork)):
		ns.Mode = NSDefault
	case value == NSHost:
		ns.Mode = NSHost
	case sharable && (kind == "container" || kind == "service") && name != "":
		ns.Mode, ns.Container = NSContainer, name
	case slices.Contains(extra, value):
		ns.Mode = value
	case slices.Contains(extra, NSNetwork):
		ns.Mode = NSNetwork
	default:
		ns.Mode = NSUnknown
	}
	return ns
}
