package compose

import (
	"sort"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"
)

// namespaces sets the namespace modes as written. With no network_mode,
// the container joins the project network it lists first (by priority,
// then name), named <project>_<network>.
func (c *converter) namespaces() {
	s := c.svc
	c.host.PidMode = container.PidMode(c.shared(s.Pid))
	c.field("HostConfig.PidMode", "pid")
	c.host.IpcMode = container.IpcMode(c.shared(s.Ipc))
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
		c.host.NetworkMode = container.NetworkMode(c.shared(s.NetworkMode))
		c.field("HostConfig.NetworkMode", "network_mode")
		return
	}
	c.host.NetworkMode = container.NetworkMode(c.defaultNetwork())
	c.endpoints()
}

// shared resolves a namespace mode that names another service
// (service:NAME) to the container docker compose joins: compose sends
// container:ID of that service's first container, whose name is the
// service's container_name or <project>-<service>-1. Other modes pass as
// written.
func (c *converter) shared(mode string) string {
	name, ok := strings.CutPrefix(mode, "service:")
	if !ok || name == "" {
		return mode
	}
	return "container:" + c.containerName(name)
}

// containerName is the name of the first container of service name.
func (c *converter) containerName(name string) string {
	if svc, ok := c.project.Services[name]; ok && svc.ContainerName != "" {
		return svc.ContainerName
	}
	return c.project.Name + "-" + name + "-1"
}

// endpoints attaches the container to each of its project networks under
// the network's full name, reachable by the service name and its aliases.
// With a network_mode there are none.
func (c *converter) endpoints() {
	c.net.EndpointsConfig = map[string]*network.EndpointSettings{}
	for n, cfg := range c.svc.Networks {
		name := c.project.Name + "_" + n
		if nw, ok := c.project.Networks[n]; ok && nw.Name != "" {
			name = nw.Name
		}
		ep := &network.EndpointSettings{Aliases: []string{c.svc.Name}}
		if cfg != nil {
			ep.Aliases = append(ep.Aliases, cfg.Aliases...)
			ep.DriverOpts = cfg.DriverOpts
			ep.MacAddress = cfg.MacAddress
			if cfg.Ipv4Address != "" || cfg.Ipv6Address != "" || len(cfg.LinkLocalIPs) > 0 {
				ep.IPAMConfig = &network.EndpointIPAMConfig{
					IPv4Address: cfg.Ipv4Address, IPv6Address: cfg.Ipv6Address, LinkLocalIPs: cfg.LinkLocalIPs,
				}
			}
		}
		c.net.EndpointsConfig[name] = ep
	}
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
