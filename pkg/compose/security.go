package compose

import (
	"sort"
	"strings"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
)

func (c *converter) security() {
	s := c.svc
	c.host.Privileged = s.Privileged
	c.field("HostConfig.Privileged", "privileged")
	c.host.ReadonlyRootfs = s.ReadOnly
	c.field("HostConfig.ReadonlyRootfs", "read_only")
	c.host.CapAdd = c.caps("HostConfig.CapAdd", "cap_add", s.CapAdd)
	c.host.CapDrop = c.caps("HostConfig.CapDrop", "cap_drop", s.CapDrop)
	c.host.GroupAdd = s.GroupAdd
	c.field("HostConfig.GroupAdd", "group_add")
	for _, g := range s.GroupAdd {
		c.value("HostConfig.GroupAdd", g, scalarIs(g, same), "group_add")
	}
	c.securityOpts()
	c.devices()
	c.deviceRequests()
	c.host.DeviceCgroupRules = s.DeviceCgroupRules
	if len(s.DeviceCgroupRules) > 0 {
		c.field("HostConfig.DeviceCgroupRules", "device_cgroup_rules")
		for _, r := range s.DeviceCgroupRules {
			c.value("HostConfig.DeviceCgroupRules", r, scalarIs(r, same), "device_cgroup_rules")
		}
	}
	if len(s.Sysctls) > 0 {
		c.host.Sysctls = map[string]string(s.Sysctls)
		c.field("HostConfig.Sysctls", "sysctls")
		for k := range s.Sysctls {
			c.value("HostConfig.Sysctls", k, scalarPrefix(k), "sysctls")
		}
	}
}

// caps normalizes a capability list as the docker client does before the
// request: upper case, a CAP_ prefix except on ALL, no duplicates, sorted.
func (c *converter) caps(field, attr string, raw []string) []string {
	if len(raw) == 0 {
		return nil
	}
	c.field(field, attr)
	seen := map[string]bool{}
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		name := runspec.ClientCapName(r)
		c.value(field, name, scalarIs(name, runspec.ClientCapName), attr)
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// securityOpts passes security_opt as written, except that
// systempaths=unconfined is not sent but empties the masked and read-only
// path lists, as docker compose does.
func (c *converter) securityOpts() {
	if len(c.svc.SecurityOpt) == 0 {
		return
	}
	c.field("HostConfig.SecurityOpt", "security_opt")
	for _, o := range c.svc.SecurityOpt {
		if o == "systempaths=unconfined" {
			c.host.MaskedPaths, c.host.ReadonlyPaths = []string{}, []string{}
			p := c.itemPos(scalarIs(o, same), "security_opt")
			c.spec.SetPos(runspec.FieldKey("HostConfig.MaskedPaths"), p)
			c.spec.SetPos(runspec.FieldKey("HostConfig.ReadonlyPaths"), p)
			continue
		}
		c.host.SecurityOpt = append(c.host.SecurityOpt, o)
		c.value("HostConfig.SecurityOpt", o, scalarIs(o, same), "security_opt")
	}
}

// devices splits device mappings from CDI names (vendor/class=name), which
// become device requests for the cdi driver.
func (c *converter) devices() {
	for _, d := range c.svc.Devices {
		if !strings.HasPrefix(d.Source, "/") && strings.Contains(d.Source, "=") {
			c.host.DeviceRequests = append(c.host.DeviceRequests, container.DeviceRequest{
				Driver: "cdi", DeviceIDs: []string{d.Source},
			})
			continue
		}
		perm := d.Permissions
		if perm == "" {
			perm = "rwm"
		}
		target := d.Target
		if target == "" {
			target = d.Source
		}
		c.host.Devices = append(c.host.Devices, container.DeviceMapping{
			PathOnHost: d.Source, PathInContainer: target, CgroupPermissions: perm,
		})
		c.value("HostConfig.Devices", d.Source, deviceSource(d.Source), "devices")
	}
	if len(c.svc.Devices) > 0 {
		c.field("HostConfig.Devices", "devices")
	}
}
