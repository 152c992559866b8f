package compose

import (
	"maps"

	"github.com/docker/go-connections/nat"

	"github.com/rungate/rungate/pkg/runspec"
)

// logging sets LogConfig from logging (or the legacy log_driver/log_opt).
// An unset driver stays empty: the daemon's default applies.
func (c *converter) logging() {
	s := c.svc
	driver, opts := s.LogDriver, s.LogOpt
	if s.Logging != nil {
		if s.Logging.Driver != "" {
			driver = s.Logging.Driver
		}
		if len(s.Logging.Options) > 0 {
			opts = s.Logging.Options
		}
	}
	c.host.LogConfig.Type = driver
	if len(opts) > 0 {
		c.host.LogConfig.Config = maps.Clone(opts)
	}
	c.field("HostConfig.LogConfig.Type", "logging", "driver")
	c.field("HostConfig.LogConfig.Type", "log_driver")
	c.field("HostConfig.LogConfig.Config", "logging", "options")
	c.field("HostConfig.LogConfig.Config", "log_opt")
	for k := range opts {
		c.value("HostConfig.LogConfig.Config", k, scalarIs(k, same), "logging", "options")
	}
}

// ports publishes each port; compose has already expanded ranges into one
// entry per port. An empty host IP means all interfaces.
func (c *converter) ports() {
	idx := c.portIndex()
	for _, p := range c.svc.Ports {
		proto := p.Protocol
		if proto == "" {
			proto = "tcp"
		}
		port, err := nat.NewPort(proto, itoa(p.Target))
		if err != nil {
			continue
		}
		c.exposed(port)
		if c.host.PortBindings == nil {
			c.host.PortBindings = nat.PortMap{}
		}
		c.host.PortBindings[port] = append(c.host.PortBindings[port], nat.PortBinding{HostIP: p.HostIP, HostPort: p.Published})
		if pos, ok := idx[string(port)]; ok {
			c.spec.SetPos(runspec.ValueKey("HostConfig.PortBindings", string(port)), pos)
		} else if pos, _ := c.src.key("ports"); pos.Known() {
			c.spec.SetPos(runspec.ValueKey("HostConfig.PortBindings", string(port)), pos)
		}
	}
	for _, e := range c.svc.Expose {
		proto, rng := nat.SplitProtoPort(e)
		start, end, err := nat.ParsePortRange(rng)
		if err != nil {
			continue
		}
		for i := start; i <= end; i++ {
			if port, err := nat.NewPort(proto, itoa(uint32(i))); err == nil {
				c.exposed(port)
			}
		}
	}
}
