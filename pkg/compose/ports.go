package compose

import (
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/docker/go-connections/nat"
	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

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

// portIndex maps each container port ("80/tcp") to the first ports item
// that publishes it, parsing every item once: a range such as "1-65535"
// expands to one entry per port, and matching each entry against every
// item again would be quadratic.
func (c *converter) portIndex() map[string]runspec.Pos {
	idx := map[string]runspec.Pos{}
	for _, src := range c.src {
		_, v := lookup(src.m, "ports")
		if v == nil || v.Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range v.Content {
			for _, key := range portKeys(deref(it)) {
				if _, ok := idx[key]; !ok {
					idx[key] = pos(src.file, it)
				}
			}
		}
	}
	return idx
}

// portKeys lists the container ports one item publishes, short or long
// syntax.
func portKeys(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		ps, err := types.ParsePortConfig(n.Value)
		if err != nil && strings.Contains(n.Value, "$") {
			// A variable in the host part ("${PORT}:80"): the container
			// port, which is all the index needs, is known without it.
			blank, serr := substituteBlank(n.Value, func(string) (string, bool) { return "", false })
			if serr == nil {
				ps, err = types.ParsePortConfig(blank)
			}
		}
		if err != nil {
			return nil
		}
		out := make([]string, 0, len(ps))
		for _, p := range ps {
			proto := p.Protocol
			if proto == "" {
				proto = "tcp"
			}
			out = append(out, strconv.FormatUint(uint64(p.Target), 10)+"/"+proto)
		}
		return out
	case yaml.MappingNode:
		_, t := lookup(n, "target")
		if t == nil {
			return nil
		}
		proto := "tcp"
		if _, pr := lookup(n, "protocol"); pr != nil && pr.Value != "" {
			proto = pr.Value
		}
		return []string{t.Value + "/" + proto}
	}
	return nil
}
