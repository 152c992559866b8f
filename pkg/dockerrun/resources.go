package dockerrun

import (
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildResources copies the cgroup limits. Sizes, CPUs and ulimits were
// parsed and checked by the CLI's own flag types; what is left is the range
// check on swappiness and the fields the CLI always sends.
func (b *builder) buildResources() error {
	f, r := b.flags, &b.host.Resources
	if s := f.memorySwappiness; s != -1 && (s < 0 || s > 100) {
		return rejectf(b.last("memory-swappiness").pos, "docker: invalid value: %d. Valid memory swappiness range is 0-100", s)
	}
	r.Memory = f.memory.Value()
	r.MemoryReservation = f.memoryReservation.Value()
	r.MemorySwap = f.memorySwap.Value()
	// --kernel-memory is accepted and ignored: the CLI no longer sends it.
	b.host.ShmSize = f.shmSize.Value()
	r.NanoCPUs = f.cpus.Value()
	r.CPUShares = f.cpuShares
	r.CPUPeriod = f.cpuPeriod
	r.CPUQuota = f.cpuQuota
	r.CPURealtimePeriod = f.cpuRealtimePeriod
	r.CPURealtimeRuntime = f.cpuRealtimeRuntime
	r.CpusetCpus = f.cpusetCpus
	r.CpusetMems = f.cpusetMems
	r.CgroupParent = f.cgroupParent
	r.BlkioWeight = f.blkioWeight
	r.BlkioWeightDevice = f.blkioWeightDevice.GetList()
	r.BlkioDeviceReadBps = f.deviceReadBps.GetList()
	r.BlkioDeviceWriteBps = f.deviceWriteBps.GetList()
	r.BlkioDeviceReadIOps = f.deviceReadIOps.GetList()
	r.BlkioDeviceWriteIOps = f.deviceWriteIOps.GetList()
	b.host.OomScoreAdj = f.oomScoreAdj

	// Always sent, also when not given: -1 (kernel default), false, 0.
	swappiness, oomKillDisable, pidsLimit := f.memorySwappiness, f.oomKillDisable, f.pidsLimit
	r.MemorySwappiness = &swappiness
	r.OomKillDisable = &oomKillDisable
	r.PidsLimit = &pidsLimit

	r.Ulimits = f.ulimits.GetList()
	for _, o := range b.occ["ulimit"] {
		name, _, _ := strings.Cut(o.raw, "=")
		b.mark(runspec.ValueKey("HostConfig.Ulimits", name), o)
	}
	return b.windowsOnly()
}

// windowsOnly rejects the resource flags the CLI only accepts for a Windows
// daemon; rungate gates Linux daemons.
func (b *builder) windowsOnly() error {
	for _, name := range []string{"cpu-count", "cpu-percent", "io-maxbandwidth", "io-maxiops"} {
		if b.changed(name) {
			return rejectf(b.last(name).pos, "%q is only supported on a Docker daemon running on windows, but the Docker daemon is running on linux", "--"+name)
		}
	}
	return nil
}
