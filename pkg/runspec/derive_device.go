package runspec

import (
	"strings"

	"github.com/docker/docker/api/types/container"
)

// Device is one host device given to the container (`--device`, compose
// `devices`, HostConfig.Devices). CDI device names are device requests,
// not mappings, and are not listed.
type Device struct {
	// HostPath is the device's path on the host, cleaned; RawHostPath is
	// as written.
	HostPath    string `json:"host_path"`
	RawHostPath string `json:"raw_host_path"`
	// ContainerPath is where it appears in the container, cleaned.
	ContainerPath string `json:"container_path"`
	// Permissions are the cgroup permissions as written (the CLI sends
	// rwm when none are given); Read, Write and Mknod split them. An
	// empty value is taken as rwm.
	Permissions string `json:"permissions"`
	Read        bool   `json:"read"`
	Write       bool   `json:"write"`
	Mknod       bool   `json:"mknod"`
	Unresolved  bool   `json:"unresolved"`
	Pos         Pos    `json:"pos"`
}

// DeviceCgroupRule is one `--device-cgroup-rule` (compose
// `device_cgroup_rules`, HostConfig.DeviceCgroupRules), parsed as the daemon
// parses it: `TYPE MAJOR:MINOR ACCESS`, with TYPE a (all), b (block) or c
// (character), MAJOR and MINOR a number or *, ACCESS one to three of r, w, m.
type DeviceCgroupRule struct {
	Raw  string `json:"raw"`
	Type string `json:"type"`
	// Major and Minor are as written: a number or *. Numbers is
	// "MAJOR:MINOR".
	Major   string `json:"major"`
	Minor   string `json:"minor"`
	Numbers string `json:"numbers"`
	// AnyMajor and AnyMinor are set for a * major or minor, and both for
	// type a, which the kernel applies to every device whatever the
	// numbers.
	AnyMajor bool   `json:"any_major"`
	AnyMinor bool   `json:"any_minor"`
	Access   string `json:"access"`
	Read     bool   `json:"read"`
	Write    bool   `json:"write"`
	Mknod    bool   `json:"mknod"`
	// Invalid is set, with Reason, for a rule the daemon rejects.
	Invalid    bool   `json:"invalid"`
	Reason     string `json:"reason,omitempty"`
	Unresolved bool   `json:"unresolved"`
	Pos        Pos    `json:"pos"`
}

// Sysctl is one namespaced kernel parameter set for the container
// (`--sysctl`, compose `sysctls`, HostConfig.Sysctls).
type Sysctl struct {
	// Name is the key as written; Key is its dotted form (runc accepts
	// net/ipv4/ip_forward for net.ipv4.ip_forward).
	Name  string `json:"name"`
	Key   string `json:"key"`
	Value string `json:"value"`
	// Namespace is the kernel namespace the parameter belongs to, as runc
	// decides: net (net.*), ipc (kernel.msgmax, msgmnb, msgmni, sem,
	// shmall, shmmax, shmmni, shm_rmid_forced, fs.mqueue.*), uts
	// (kernel.domainname, kernel.hostname), or "" for one that is not
	// namespaced, which runc refuses to set.
	Namespace  string `json:"namespace"`
	Unresolved bool   `json:"unresolved"`
	Pos        Pos    `json:"pos"`
}

// Keys of the device fields in Spec.Positions.
const (
	keyDevices           = "HostConfig.Devices"
	keyDeviceCgroupRules = "HostConfig.DeviceCgroupRules"
	keySysctls           = "HostConfig.Sysctls"
)

func deriveDevices(s *Spec, hc *container.HostConfig) []Device {
	out := make([]Device, 0, len(hc.Devices))
	for _, d := range hc.Devices {
		key := ValueKey(keyDevices, d.PathOnHost)
		dev := Device{
			HostPath: cleanPath(d.PathOnHost), RawHostPath: d.PathOnHost,
			ContainerPath: cleanPath(d.PathInContainer), Permissions: d.CgroupPermissions,
			Unresolved: unresolved(s, key, d.PathOnHost+"\x00"+d.PathInContainer),
			Pos:        firstPos(s, key, FieldKey(keyDevices)),
		}
		if dev.ContainerPath == "" {
			dev.ContainerPath = dev.HostPath
		}
		access := d.CgroupPermissions
		if access == "" {
			access = "rwm"
		}
		dev.Read, dev.Write, dev.Mknod = strings.ContainsRune(access, 'r'), strings.ContainsRune(access, 'w'), strings.ContainsRune(access, 'm')
		out = append(out, dev)
	}
	return out
}

func deriveDeviceCgroupRules(s *Spec, hc *container.HostConfig) []DeviceCgroupRule {
	out := make([]DeviceCgroupRule, 0, len(hc.DeviceCgroupRules))
	for _, raw := range hc.DeviceCgroupRules {
		key := ValueKey(keyDeviceCgroupRules, raw)
		r := parseDeviceCgroupRule(raw)
		r.Unresolved = unresolved(s, key, raw)
		r.Pos = firstPos(s, key, FieldKey(keyDeviceCgroupRules))
		out = append(out, r)
	}
	return out
}

// parseDeviceCgroupRule reads `TYPE MAJOR:MINOR ACCESS` with single spaces,
// as the daemon's pattern `^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$`
// does.
func parseDeviceCgroupRule(raw string) DeviceCgroupRule {
	r := DeviceCgroupRule{Raw: raw}
	fields := strings.Split(raw, " ")
	if len(fields) != 3 {
		return r.invalid("want TYPE MAJOR:MINOR ACCESS")
	}
	r.Type, r.Access = fields[0], fields[2]
	r.Major, r.Minor, _ = strings.Cut(fields[1], ":")
	r.Numbers = r.Major + ":" + r.Minor
	r.AnyMajor, r.AnyMinor = r.Major == "*" || r.Type == "a", r.Minor == "*" || r.Type == "a"
	r.Read, r.Write, r.Mknod = strings.ContainsRune(r.Access, 'r'), strings.ContainsRune(r.Access, 'w'), strings.ContainsRune(r.Access, 'm')
	switch {
	case r.Type != "a" && r.Type != "b" && r.Type != "c":
		return r.invalid("type " + r.Type + " is not a, b or c")
	case !strings.Contains(fields[1], ":") || !deviceNumber(r.Major) || !deviceNumber(r.Minor):
		return r.invalid("numbers " + fields[1] + " are not MAJOR:MINOR, each a number or *")
	case len(r.Access) == 0 || len(r.Access) > 3 || strings.Trim(r.Access, "rwm") != "":
		return r.invalid("access " + r.Access + " is not one to three of r, w, m")
	}
	return r
}

func (r DeviceCgroupRule) invalid(reason string) DeviceCgroupRule {
	r.Invalid, r.Reason = true, reason
	return r
}

// deviceNumber is a major or minor: * or decimal digits.
func deviceNumber(n string) bool {
	if n == "*" {
		return true
	}
	return n != "" && strings.Trim(n, "0123456789") == ""
}

// ipcSysctls are the kernel.* parameters of the IPC namespace, as runc
// lists them; fs.mqueue.* belongs to it too.
var ipcSysctls = map[string]bool{
	"kernel.msgmax": true, "kernel.msgmnb": true, "kernel.msgmni": true, "kernel.sem": true,
	"kernel.shmall": true, "kernel.shmmax": true, "kernel.shmmni": true, "kernel.shm_rmid_forced": true,
}

func deriveSysctls(s *Spec, hc *container.HostConfig) []Sysctl {
	out := make([]Sysctl, 0, len(hc.Sysctls))
	for _, name := range sortedKeys(hc.Sysctls) {
		key := ValueKey(keySysctls, name)
		sc := Sysctl{
			Name: name, Key: sysctlKey(name), Value: hc.Sysctls[name],
			Unresolved: unresolved(s, key, name+"="+hc.Sysctls[name]),
			Pos:        firstPos(s, key, FieldKey(keySysctls)),
		}
		switch {
		case strings.HasPrefix(sc.Key, "net."):
			sc.Namespace = "net"
		case ipcSysctls[sc.Key] || strings.HasPrefix(sc.Key, "fs.mqueue."):
			sc.Namespace = "ipc"
		case sc.Key == "kernel.domainname" || sc.Key == "kernel.hostname":
			sc.Namespace = "uts"
		}
		out = append(out, sc)
	}
	return out
}

// sysctlKey spells a parameter with dots: runc accepts the /proc/sys path
// form (net/ipv4/ip_forward), where a dot inside a name (an interface such
// as eth0.100) is written as a slash's counterpart, so the two swap.
func sysctlKey(name string) string {
	dot, slash := strings.IndexByte(name, '.'), strings.IndexByte(name, '/')
	if slash < 0 || (dot >= 0 && dot < slash) {
		return name
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '.':
			return '/'
		case '/':
			return '.'
		}
		return r
	}, name)
}
