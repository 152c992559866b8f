package compose

import (
	"sort"

	"github.com/docker/docker/api/types/container"
)

// resources sets limits from the service keys, and from
// deploy.resources.limits where a key is not set, as docker compose does;
// a pids limit is sent only when positive.
func (c *converter) resources() {
	s := c.svc
	r := &c.host.Resources
	var lim *limits
	if s.Deploy != nil && s.Deploy.Resources.Limits != nil {
		l := s.Deploy.Resources.Limits
		lim = &limits{memory: int64(l.MemoryBytes), cpus: float64(l.NanoCPUs), pids: l.Pids}
	}
	r.Memory = int64(s.MemLimit)
	c.field("HostConfig.Memory", "mem_limit")
	if r.Memory == 0 && lim != nil && lim.memory > 0 {
		r.Memory = lim.memory
		c.field("HostConfig.Memory", "deploy", "resources", "limits", "memory")
	}
	r.NanoCPUs = int64(float64(s.CPUS) * 1e9)
	c.field("HostConfig.NanoCpus", "cpus")
	if r.NanoCPUs == 0 && lim != nil && lim.cpus > 0 {
		r.NanoCPUs = int64(lim.cpus * 1e9)
		c.field("HostConfig.NanoCpus", "deploy", "resources", "limits", "cpus")
	}
	if s.PidsLimit > 0 {
		r.PidsLimit = &s.PidsLimit
		c.field("HostConfig.PidsLimit", "pids_limit")
	} else if lim != nil && lim.pids > 0 {
		r.PidsLimit = &lim.pids
		c.field("HostConfig.PidsLimit", "deploy", "resources", "limits", "pids")
	}
	r.MemoryReservation = int64(s.MemReservation)
	r.MemorySwap = int64(s.MemSwapLimit)
	if s.MemSwappiness != 0 {
		sw := int64(s.MemSwappiness)
		r.MemorySwappiness = &sw
	}
	if s.OomKillDisable {
		r.OomKillDisable = &s.OomKillDisable
	}
	r.CPUShares, r.CPUQuota, r.CPUPeriod = s.CPUShares, s.CPUQuota, s.CPUPeriod
	r.CpusetCpus = s.CPUSet
	c.host.ShmSize = int64(s.ShmSize)
	c.field("HostConfig.ShmSize", "shm_size")
	c.ulimits()
}

// limits is the part of deploy.resources.limits that maps to the
// create body.
type limits struct {
	memory int64
	cpus   float64
	pids   int64
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
