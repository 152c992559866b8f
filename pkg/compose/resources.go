package compose

import (
	"sort"

	"github.com/docker/docker/api/types/container"
)

// resources sets limits as docker compose does: from the service keys
// (mem_limit, cpus, pids_limit, ...), then from deploy.resources.limits
// where it sets a value (compose-go has already rejected a file where both
// are set and differ). A pids limit is sent when the key is non-zero
// (pids_limit: -1 is sent as -1, unlimited), or when the deploy limit is
// positive.
func (c *converter) resources() {
	s := c.svc
	r := &c.host.Resources
	r.Memory = int64(s.MemLimit)
	c.field("HostConfig.Memory", "mem_limit")
	r.NanoCPUs = int64(float64(s.CPUS) * 1e9)
	c.field("HostConfig.NanoCpus", "cpus")
	if s.PidsLimit != 0 {
		r.PidsLimit = &s.PidsLimit
		c.field("HostConfig.PidsLimit", "pids_limit")
	}
	if s.Deploy != nil && s.Deploy.Resources.Limits != nil {
		l := s.Deploy.Resources.Limits
		if l.MemoryBytes != 0 {
			r.Memory = int64(l.MemoryBytes)
			c.field("HostConfig.Memory", "deploy", "resources", "limits", "memory")
		}
		if l.NanoCPUs != 0 {
			r.NanoCPUs = int64(float64(l.NanoCPUs) * 1e9)
			c.field("HostConfig.NanoCpus", "deploy", "resources", "limits", "cpus")
		}
		if l.Pids > 0 {
			pids := l.Pids
			r.PidsLimit = &pids
			c.field("HostConfig.PidsLimit", "deploy", "resources", "limits", "pids")
		}
	}
	r.MemoryReservation = int64(s.MemReservation)
	r.MemorySwap = int64(s.MemSwapLimit)
	if s.MemSwappiness != 0 {
		sw := int64(s.MemSwappiness)
		r.MemorySwappiness = &sw
	}
	if s.OomKillDisable {
		r.OomKillDisable = &s.OomKillDisable
		c.field("HostConfig.OomKillDisable", "oom_kill_disable")
	}
	r.CPUShares, r.CPUQuota, r.CPUPeriod = s.CPUShares, s.CPUQuota, s.CPUPeriod
	c.field("HostConfig.CpuShares", "cpu_shares")
	c.field("HostConfig.CpuQuota", "cpu_quota")
	r.CpusetCpus = s.CPUSet
	c.host.ShmSize = int64(s.ShmSize)
	c.field("HostConfig.ShmSize", "shm_size")
	c.ulimits()
}

// ulimits sends `name: n` as soft = hard = n, and {soft, hard} as given,
// sorted by name for a stable body.
func (c *converter) ulimits() {
	names := make([]string, 0, len(c.svc.Ulimits))
	for n := range c.svc.Ulimits {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		u := c.svc.Ulimits[n]
		if u == nil {
			continue
		}
		soft, hard := int64(u.Soft), int64(u.Hard)
		if u.Single != 0 {
			soft, hard = int64(u.Single), int64(u.Single)
		}
		c.host.Ulimits = append(c.host.Ulimits, &container.Ulimit{Name: n, Soft: soft, Hard: hard})
		c.value("HostConfig.Ulimits", n, scalarIs(n, same), "ulimits")
	}
}
