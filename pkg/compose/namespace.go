package compose

import (
	"sort"

	"github.com/docker/docker/api/types/container"
)

// namespaces sets the namespace modes as written. With no network_mode,
// the container joins the project network it lists first (by priority,
// then name), named <project>_<network>.
func (c *converter) namespaces() {
	s := c.svc
	c.host.PidMode = container.PidMode(s.Pid)
	c.field("HostConfig.PidMode", "pid")
	c.host.IpcMode = container.IpcMode(s.Ipc)
	c.field("HostConfig.IpcMode", "ipc")
	c.host.UTSMode = container.UTSMode(s.Uts)
	c.field("HostConfig.UTSMode", "uts")
	c.host.UsernsMode = container.UsernsMode(s.UserNSMode)
	c.field("HostConfig.UsernsMode", "userns_mode")
	c.host.CgroupnsMode = container.CgroupnsMode(s.Cgroup)
	c.field("HostConfig.CgroupnsMode", "cgroup")
	c.host.VolumesFrom = s.VolumesFrom
	for _, v := range s.VolumesFrom {
		c.value("HostConfig.VolumesFrom", v, scalarIs(v, same), "volumes_from")
	}
	if s.NetworkMode != "" {
		c.host.NetworkMode = container.NetworkMode(s.NetworkMode)
		c.field("HostConfig.NetworkMode", "network_mode")
		return
	}
	c.host.NetworkMode = container.NetworkMode(c.defaultNetwork())
}

func (c *converter) defaultNetwork() string {
	names := make([]string, 0, len(c.svc.Networks))
	for n := range c.svc.Networks {
		names = append(names, n)
	}
	prio := func(n string) int {
		if cfg := c.svc.Networks[n]; cfg != nil {
			return cfg.Priority
		}
		return 0
	}
	sort.Slice(names, func(i, j int) bool {
		if prio(names[i]) != prio(names[j]) {
			return prio(names[i]) > prio(names[j])
		}
		return names[i] < names[j]
	})
	if len(names) == 0 {
		return c.project.Name + "_default"
	}
	if nw, ok := c.project.Networks[names[0]]; ok && nw.Name != "" {
		return nw.Name
	}
	return c.project.Name + "_" + names[0]
}
