package dockerrun

import (
	"errors"
	"fmt"
	"net"
	"reflect"
	"strings"

	"github.com/docker/cli/opts"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildNetworks sets NetworkMode and EndpointsConfig as the CLI does:
//   - no --network: mode "default", with a "default" endpoint always sent;
//   - the first --network is the mode, and takes the older per-container
//     flags (--network-alias, --link, --ip, --ip6, --link-local-ip,
//     --mac-address) unless it sets the same thing itself;
//   - a single --network with no endpoint settings sends no endpoint;
//   - user-defined networks cannot be mixed with host, bridge, none,
//     default or container:..., and only they take aliases and links.
func (b *builder) buildNetworks() error {
	nets := b.flags.network.Value()
	implicit := len(nets) == 0
	if implicit {
		nets = []opts.NetworkAttachmentOpts{{Target: network.NetworkDefault}}
	}
	occs := b.occ["network"]
	at := func(i int) occurrence {
		if i < len(occs) {
			return occs[i]
		}
		return occurrence{pos: b.origin}
	}

	endpoints := map[string]*network.EndpointSettings{}
	var userDefined, builtin bool
	for i, n := range nets {
		o := at(i)
		if strings.TrimSpace(n.Target) == "" {
			return rejectf(o.pos, "docker: no name set for network")
		}
		if isUserDefined(n.Target) {
			userDefined = true
		} else {
			builtin = true
		}
		if i == 0 {
			if err := b.applyContainerNetworkFlags(&n); err != nil {
				return err
			}
		}
		ep, err := endpointSettings(n)
		if err != nil {
			return &Error{Pos: o.pos, Msg: "docker: " + err.Error(), err: err}
		}
		if _, dup := endpoints[n.Target]; dup {
			return rejectf(o.pos, "docker: network %q is specified multiple times", n.Target)
		}
		if !implicit && len(nets) == 1 && reflect.DeepEqual(*ep, network.EndpointSettings{}) {
			continue
		}
		endpoints[n.Target] = ep
		b.mark(runspec.ValueKey("NetworkingConfig.EndpointsConfig", n.Target), o)
	}
	if userDefined && builtin {
		return rejectf(at(0).pos, "docker: conflicting options: cannot attach both user-defined and non-user-defined network-modes")
	}
	b.host.NetworkMode = container.NetworkMode(nets[0].Target)
	b.netConf.EndpointsConfig = endpoints
	return nil
}

// applyContainerNetworkFlags moves the per-container network flags onto the
// first network, refusing a flag whose setting that network already has.
func (b *builder) applyContainerNetworkFlags(n *opts.NetworkAttachmentOpts) error {
	f := b.flags
	conflict := func(flag, what string) error {
		return rejectf(b.last(flag).pos, "docker: conflicting options: cannot specify both --%s and per-network %s", flag, what)
	}
	if aliases := f.aliases.GetSlice(); len(aliases) > 0 {
		if len(n.Aliases) > 0 {
			return conflict("network-alias", "alias")
		}
		n.Aliases = append([]string(nil), aliases...)
	}
	if links := f.links.GetSlice(); len(links) > 0 {
		n.Links = append([]string(nil), links...)
	}
	if f.ipv4 != "" {
		if n.IPv4Address != "" {
			return conflict("ip", "IPv4 address")
		}
		n.IPv4Address = f.ipv4
	}
	if f.ipv6 != "" {
		if n.IPv6Address != "" {
			return conflict("ip6", "IPv6 address")
		}
		n.IPv6Address = f.ipv6
	}
	if ips := f.linkLocalIPs.GetSlice(); len(ips) > 0 {
		if len(n.LinkLocalIPs) > 0 {
			return conflict("link-local-ip", "link-local IP addresses")
		}
		n.LinkLocalIPs = append([]string(nil), ips...)
	}
	if f.macAddress != "" {
		if n.MacAddress != "" {
			return conflict("mac-address", "MAC address")
		}
		n.MacAddress = f.macAddress
	}
	return nil
}

// endpointSettings is the endpoint the CLI sends for one network. Addresses
// are not checked (the daemon does), MAC addresses are.
func endpointSettings(n opts.NetworkAttachmentOpts) (*network.EndpointSettings, error) {
	ep := &network.EndpointSettings{
		DriverOpts: n.DriverOpts,
		GwPriority: n.GwPriority,
	}
	if len(n.Aliases) > 0 {
		if !isUserDefined(n.Target) {
			return nil, errors.New("network-scoped aliases are only supported for user-defined networks")
		}
		ep.Aliases = n.Aliases
	}
	if len(n.Links) > 0 && isUserDefined(n.Target) {
		ep.Links = n.Links
	}
	if n.IPv4Address != "" || n.IPv6Address != "" || len(n.LinkLocalIPs) > 0 {
		ep.IPAMConfig = &network.EndpointIPAMConfig{
			IPv4Address:  n.IPv4Address,
			IPv6Address:  n.IPv6Address,
			LinkLocalIPs: n.LinkLocalIPs,
		}
	}
	if n.MacAddress != "" {
		if _, err := net.ParseMAC(strings.TrimSpace(n.MacAddress)); err != nil {
			return nil, fmt.Errorf("%s is not a valid mac address", n.MacAddress)
		}
		ep.MacAddress = n.MacAddress
	}
	return ep, nil
}

// isUserDefined reports whether a network mode names a user-defined network
// (the Linux rule, whatever platform rungate runs on).
func isUserDefined(mode string) bool {
	switch mode {
	case network.NetworkDefault, network.NetworkBridge, network.NetworkHost, network.NetworkNone:
		return false
	}
	return !strings.HasPrefix(mode, "container:")
}
