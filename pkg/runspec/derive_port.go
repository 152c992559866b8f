package runspec

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/go-connections/nat"
)

// Port is one published port: one binding of HostConfig.PortBindings, or an
// exposed port that PublishAllPorts publishes.
type Port struct {
	// HostIP is the address as written; AllInterfaces is set when it is
	// empty (which dockerd binds on 0.0.0.0 and ::) or a wildcard address.
	HostIP        string `json:"host_ip"`
	AllInterfaces bool   `json:"all_interfaces"`
	// HostPort is as written: "8080", a range "8000-8001", or "" for a port
	// the daemon picks. HostPortStart and HostPortEnd are its bounds, 0 when
	// the daemon picks.
	HostPort      string `json:"host_port"`
	HostPortStart int    `json:"host_port_start"`
	HostPortEnd   int    `json:"host_port_end"`
	ContainerPort int    `json:"container_port"`
	Proto         string `json:"proto"`
	// PublishAll is set for a port published by PublishAllPorts (-P).
	PublishAll bool `json:"publish_all"`
	Pos        Pos  `json:"pos"`
}

func derivePorts(s *Spec, cfg *container.Config, hc *container.HostConfig) []Port {
	out := []Port{}
	for _, p := range sortedPorts(hc.PortBindings) {
		pos := s.PosOf(ValueKey("HostConfig.PortBindings", string(p)))
		for _, b := range hc.PortBindings[p] {
			start, end := portRange(b.HostPort)
			out = append(out, Port{
				HostIP:        b.HostIP,
				AllInterfaces: wildcardIP(b.HostIP),
				HostPort:      b.HostPort,
				HostPortStart: start,
				HostPortEnd:   end,
				ContainerPort: p.Int(),
				Proto:         p.Proto(),
				Pos:           pos,
			})
		}
	}
	if !hc.PublishAllPorts {
		return out
	}
	pos := s.PosOf(FieldKey("HostConfig.PublishAllPorts"))
	for _, p := range sortedPorts(cfg.ExposedPorts) {
		if _, bound := hc.PortBindings[p]; bound {
			continue
		}
		out = append(out, Port{AllInterfaces: true, ContainerPort: p.Int(), Proto: p.Proto(), PublishAll: true, Pos: pos})
	}
	return out
}

// sortedPorts returns the ports of a PortMap or PortSet by number, then
// protocol.
func sortedPorts[V any](m map[nat.Port]V) []nat.Port {
	ports := make([]nat.Port, 0, len(m))
	for p := range m {
		ports = append(ports, p)
	}
	slices.SortFunc(ports, func(a, b nat.Port) int {
		return cmp.Or(cmp.Compare(a.Int(), b.Int()), cmp.Compare(a.Proto(), b.Proto()))
	})
	return ports
}

func wildcardIP(ip string) bool {
	switch ip {
	case "", "0.0.0.0", "::", "[::]":
		return true
	}
	return false
}

// portRange reads "8080" or "8000-8001"; anything else, including "" (the
// daemon picks), gives 0, 0.
func portRange(s string) (int, int) {
	lo, hi, isRange := strings.Cut(s, "-")
	start, err := strconv.Atoi(lo)
	if err != nil {
		return 0, 0
	}
	if !isRange {
		return start, start
	}
	end, err := strconv.Atoi(hi)
	if err != nil {
		return 0, 0
	}
	return start, end
}
