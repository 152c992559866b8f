package dockerrun

import (
	"maps"
	"slices"

	"github.com/rungate/rungate/pkg/runspec"
)

// occurrence is one value given to a flag and where it was written: the
// position of the flag word (for -v /a:/b the -v, for a cluster -dv /:/h the
// cluster), and whether the flag or value word held an unresolved variable.
type occurrence struct {
	raw        string // the value as written
	stored     string // the value a list flag kept after its validator (== raw otherwise)
	pos        runspec.Pos
	unresolved bool
}

// canonicalFlag folds a hidden spelling onto the flag whose value it shares,
// so that the n-th value of the shared list is the n-th occurrence of either.
func canonicalFlag(name string) string {
	switch name {
	case "net":
		return "network"
	case "net-alias":
		return "network-alias"
	case "dns-opt":
		return "dns-option"
	}
	return name
}

// mark records that key was set by o.
func (b *builder) mark(key string, o occurrence) {
	b.spec.SetPos(key, o.pos)
	if o.unresolved {
		b.spec.Unresolved[key] = true
	}
}

// markFlagFields records, for every flag that was given, the position of the
// fields it sets: the last occurrence for a single value (the last one wins),
// the first for a list. When several flags set one field (-i and -a both set
// AttachStdin), the earliest of them on the command line is recorded, so the
// result does not depend on map order. Values inside lists and maps are
// recorded by the step that builds them.
func (b *builder) markFlagFields() {
	best := map[string]occurrence{}
	for _, name := range slices.Sorted(maps.Keys(b.occ)) {
		occs := b.occ[name]
		if len(occs) == 0 {
			continue
		}
		keys, multi := fieldsOf(name)
		o := occs[len(occs)-1]
		if multi {
			o = occs[0]
			for _, later := range occs[1:] {
				o.unresolved = o.unresolved || later.unresolved
			}
		}
		for _, k := range keys {
			cur, seen := best[k]
			switch {
			case !seen:
				best[k] = o
			case before(o.pos, cur.pos):
				o.unresolved = o.unresolved || cur.unresolved
				best[k] = o
			default:
				cur.unresolved = cur.unresolved || o.unresolved
				best[k] = cur
			}
		}
	}
	for k, o := range best {
		b.mark(runspec.FieldKey(k), o)
	}
}

// before orders positions by line, then column; a known position comes
// before an unknown one.
func before(a, b runspec.Pos) bool {
	switch {
	case !a.Known():
		return false
	case !b.Known():
		return true
	case a.Line != b.Line:
		return a.Line < b.Line
	default:
		return a.Column < b.Column
	}
}

// fieldsOf names the create-body fields a flag sets, and whether the flag
// collects several values (then the field's position is its first value).
// Client-only flags map to the spec fields they fill, or to nothing.
func fieldsOf(flag string) (keys []string, multi bool) {
	if k, ok := listFields(flag); ok {
		return k, true
	}
	return scalarFields(flag), false
}

func listFields(flag string) ([]string, bool) {
	switch flag {
	case "attach":
		return []string{"Config.AttachStdin", "Config.AttachStdout", "Config.AttachStderr"}, true
	case "env", "env-file":
		return []string{"Config.Env"}, true
	case "label", "label-file":
		return []string{"Config.Labels"}, true
	case "annotation":
		return []string{"HostConfig.Annotations"}, true
	case "volume":
		return []string{"HostConfig.Binds", "Config.Volumes"}, true
	case "mount":
		return []string{"HostConfig.Mounts"}, true
	case "tmpfs":
		return []string{"HostConfig.Tmpfs"}, true
	case "volumes-from":
		return []string{"HostConfig.VolumesFrom"}, true
	case "storage-opt":
		return []string{"HostConfig.StorageOpt"}, true
	case "cap-add":
		return []string{"HostConfig.CapAdd"}, true
	case "cap-drop":
		return []string{"HostConfig.CapDrop"}, true
	case "security-opt":
		return []string{"HostConfig.SecurityOpt"}, true
	case "group-add":
		return []string{"HostConfig.GroupAdd"}, true
	case "sysctl":
		return []string{"HostConfig.Sysctls"}, true
	case "device":
		return []string{"HostConfig.Devices"}, true
	case "device-cgroup-rule":
		return []string{"HostConfig.DeviceCgroupRules"}, true
	case "gpus":
		return []string{"HostConfig.DeviceRequests"}, true
	case "network":
		return []string{"HostConfig.NetworkMode", "NetworkingConfig.EndpointsConfig"}, true
	case "network-alias", "link-local-ip":
		return []string{"NetworkingConfig.EndpointsConfig"}, true
	case "link":
		return []string{"HostConfig.Links"}, true
	case "dns":
		return []string{"HostConfig.Dns"}, true
	case "dns-option":
		return []string{"HostConfig.DnsOptions"}, true
	case "dns-search":
		return []string{"HostConfig.DnsSearch"}, true
	case "add-host":
		return []string{"HostConfig.ExtraHosts"}, true
	case "publish":
		return []string{"HostConfig.PortBindings", "Config.ExposedPorts"}, true
	case "expose":
		return []string{"Config.ExposedPorts"}, true
	case "log-opt":
		return []string{"HostConfig.LogConfig.Config"}, true
	case "blkio-weight-device":
		return []string{"HostConfig.BlkioWeightDevice"}, true
	case "device-read-bps":
		return []string{"HostConfig.BlkioDeviceReadBps"}, true
	case "device-write-bps":
		return []string{"HostConfig.BlkioDeviceWriteBps"}, true
	case "device-read-iops":
		return []string{"HostConfig.BlkioDeviceReadIOps"}, true
	case "device-write-iops":
		return []string{"HostConfig.BlkioDeviceWriteIOps"}, true
	case "ulimit":
		return []string{"HostConfig.Ulimits"}, true
	}
	return nil, false
}

func scalarFields(flag string) []string {
	switch flag {
	case "interactive":
		return []string{"Config.OpenStdin", "Config.AttachStdin", "Config.StdinOnce"}
	case "tty":
		return []string{"Config.Tty"}
	case "detach":
		return []string{"Config.AttachStdin", "Config.AttachStdout", "Config.AttachStderr"}
	case "rm":
		return []string{"HostConfig.AutoRemove"}
	case "init":
		return []string{"HostConfig.Init"}
	case "name":
		return []string{"Name"}
	case "platform":
		return []string{"Platform"}
	case "cidfile":
		return []string{"HostConfig.ContainerIDFile"}
	case "use-api-socket":
		return []string{"HostConfig.Mounts"}
	case "entrypoint":
		return []string{"Config.Entrypoint"}
	case "user":
		return []string{"Config.User"}
	case "workdir":
		return []string{"Config.WorkingDir"}
	case "hostname":
		return []string{"Config.Hostname"}
	case "domainname":
		return []string{"Config.Domainname"}
	case "stop-signal":
		return []string{"Config.StopSignal"}
	case "stop-timeout":
		return []string{"Config.StopTimeout"}
	case "health-cmd", "health-interval", "health-timeout", "health-start-period",
		"health-start-interval", "health-retries", "no-healthcheck":
		return []string{"Config.Healthcheck"}
	case "log-driver":
		return []string{"HostConfig.LogConfig.Type"}
	case "restart":
		return []string{"HostConfig.RestartPolicy"}
	case "volume-driver":
		return []string{"HostConfig.VolumeDriver"}
	case "read-only":
		return []string{"HostConfig.ReadonlyRootfs"}
	case "privileged":
		return []string{"HostConfig.Privileged"}
	case "pid":
		return []string{"HostConfig.PidMode"}
	case "ipc":
		return []string{"HostConfig.IpcMode"}
	case "uts":
		return []string{"HostConfig.UTSMode"}
	case "userns":
		return []string{"HostConfig.UsernsMode"}
	case "cgroupns":
		return []string{"HostConfig.CgroupnsMode"}
	case "cgroup-parent":
		return []string{"HostConfig.CgroupParent"}
	case "runtime":
		return []string{"HostConfig.Runtime"}
	case "isolation":
		return []string{"HostConfig.Isolation"}
	case "ip", "ip6", "mac-address":
		return []string{"NetworkingConfig.EndpointsConfig"}
	case "publish-all":
		return []string{"HostConfig.PublishAllPorts"}
	}
	return resourceFields(flag)
}

func resourceFields(flag string) []string {
	switch flag {
	case "memory":
		return []string{"HostConfig.Memory"}
	case "memory-reservation":
		return []string{"HostConfig.MemoryReservation"}
	case "memory-swap":
		return []string{"HostConfig.MemorySwap"}
	case "memory-swappiness":
		return []string{"HostConfig.MemorySwappiness"}
	case "shm-size":
		return []string{"HostConfig.ShmSize"}
	case "oom-kill-disable":
		return []string{"HostConfig.OomKillDisable"}
	case "oom-score-adj":
		return []string{"HostConfig.OomScoreAdj"}
	case "pids-limit":
		return []string{"HostConfig.PidsLimit"}
	case "cpus":
		return []string{"HostConfig.NanoCpus"}
	case "cpu-shares":
		return []string{"HostConfig.CpuShares"}
	case "cpu-period":
		return []string{"HostConfig.CpuPeriod"}
	case "cpu-quota":
		return []string{"HostConfig.CpuQuota"}
	case "cpu-rt-period":
		return []string{"HostConfig.CpuRealtimePeriod"}
	case "cpu-rt-runtime":
		return []string{"HostConfig.CpuRealtimeRuntime"}
	case "cpuset-cpus":
		return []string{"HostConfig.CpusetCpus"}
	case "cpuset-mems":
		return []string{"HostConfig.CpusetMems"}
	case "blkio-weight":
		return []string{"HostConfig.BlkioWeight"}
	case "cpu-count":
		return []string{"HostConfig.CpuCount"}
	case "cpu-percent":
		return []string{"HostConfig.CpuPercent"}
	case "io-maxbandwidth":
		return []string{"HostConfig.IOMaximumBandwidth"}
	case "io-maxiops":
		return []string{"HostConfig.IOMaximumIOps"}
	}
	return nil
}
