package compose

import (
	"maps"
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
