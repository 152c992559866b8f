package dockerrun

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/docker/go-connections/nat"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildPorts fills HostConfig.PortBindings and Config.ExposedPorts from -p.
// Each value goes through nat.ParsePortSpec on its own, which is what
// nat.ParsePortSpecs does for the whole list, so that an error points at its
// -p. Duplicate bindings are kept, as the CLI sends them.
func (b *builder) buildPorts() error {
	b.host.PortBindings = nat.PortMap{}
	for _, o := range b.occ["publish"] {
		spec, err := publishSpec(o.raw)
		var mappings []nat.PortMapping
		if err == nil {
			spec, err = compatPortSpec(spec)
		}
		if err == nil {
			mappings, err = nat.ParsePortSpec(spec)
		}
		keep, rerr := b.keep(runspec.FieldKey("HostConfig.PortBindings"), o, err)
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		for _, m := range mappings {
			b.expose(m.Port, o)
			b.host.PortBindings[m.Port] = append(b.host.PortBindings[m.Port], m.Binding)
			b.mark(runspec.ValueKey("HostConfig.PortBindings", string(m.Port)), o)
		}
	}
	return nil
}

// publishSpec rewrites the long form of -p (published=8080,target=80,
// protocol=tcp, mode=...) into the short one, as the CLI does before parsing:
// "published:target/protocol". It has no host IP, so the port is published on
// all interfaces. Unknown keys are ignored.
func publishSpec(value string) (string, error) {
	if !strings.Contains(value, "=") {
		return value, nil
	}
	params := map[string]string{"protocol": "tcp"}
	for _, param := range strings.Split(value, ",") {
		k, v, ok := strings.Cut(param, "=")
		if !ok || k == "" {
			return "", fmt.Errorf("invalid publish opts format (should be name=value but got '%s')", param)
		}
		params[k] = v
	}
	return params["published"] + ":" + params["target"] + "/" + params["protocol"], nil
}

// buildExpose adds --expose ports and ranges to Config.ExposedPorts. Unlike
// -p, the protocol is kept as written.
func (b *builder) buildExpose() error {
	for _, o := range b.occ["expose"] {
		ports, err := exposedPorts(o.raw)
		keep, rerr := b.keep(runspec.FieldKey("Config.ExposedPorts"), o, err)
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		for _, p := range ports {
			b.expose(p, o)
		}
	}
	return nil
}

func exposedPorts(value string) ([]nat.Port, error) {
	if strings.Contains(value, ":") {
		return nil, fmt.Errorf("invalid port format for --expose: %s", value)
	}
	proto, port := nat.SplitProtoPort(firstProto(value))
	port, err := compatPortRange(port)
	if err != nil {
		return nil, fmt.Errorf("invalid range format for --expose: %s, error: %w", value, err)
	}
	start, end, err := nat.ParsePortRange(port)
	if err != nil {
		return nil, fmt.Errorf("invalid range format for --expose: %s, error: %w", value, err)
	}
	ports := make([]nat.Port, 0, end-start+1)
	for i := start; i <= end; i++ {
		p, err := nat.NewPort(proto, strconv.FormatUint(i, 10))
		if err != nil {
			return nil, fmt.Errorf("invalid port format for --expose: %s: %w", value, err)
		}
		ports = append(ports, p)
	}
	return ports, nil
}

// expose adds one port to Config.ExposedPorts, which stays nil (and so absent
// from the body) when nothing is exposed.
func (b *builder) expose(p nat.Port, o occurrence) {
	if b.config.ExposedPorts == nil {
		b.config.ExposedPorts = nat.PortSet{}
	}
	b.config.ExposedPorts[p] = struct{}{}
	b.mark(runspec.ValueKey("Config.ExposedPorts", string(p)), o)
}

// The docker CLI 28 is built with an older go-connections than the one
// rungate links, which reads port specs a little differently. compatPortSpec
// and compatPortRange rewrite a spec so that the newer parser reads it as the
// CLI does.

// compatPortSpec applies firstProto and compatPortRange to the host and
// container port of an [ip:][host:]container[/proto] spec.
func compatPortSpec(spec string) (string, error) {
	body, proto, hasProto := strings.Cut(firstProto(spec), "/")
	parts := strings.Split(body, ":")
	roles := []string{"containerPort", "hostPort"}
	for i := 0; i < len(roles) && i < len(parts); i++ {
		at := len(parts) - 1 - i
		if parts[at] == "" {
			continue // an empty port is the newer parser's to judge
		}
		p, err := compatPortRange(parts[at])
		if err != nil {
			return "", fmt.Errorf("invalid %s: %s", roles[i], parts[at])
		}
		parts[at] = p
	}
	out := strings.Join(parts, ":")
	if hasProto {
		out += "/" + proto
	}
	return out, nil
}

// compatPortRange: the older parser reads a range as its first two
// '-'-separated numbers ("80-81-82" is 80-81) and takes no '+' sign.
func compatPortRange(r string) (string, error) {
	if strings.Contains(r, "+") {
		return "", fmt.Errorf("invalid port %q", r)
	}
	if parts := strings.Split(r, "-"); len(parts) > 2 {
		return parts[0] + "-" + parts[1], nil
	}
	return r, nil
}

// firstProto keeps only the first '/'-separated protocol of a port spec: the
// older parser ignores anything after it ("80/tcp/udp" is 80/tcp). An
// address never holds '/', so the first '/' starts the protocol.
func firstProto(spec string) string {
	head, rest, ok := strings.Cut(spec, "/")
	if !ok {
		return spec
	}
	proto, _, _ := strings.Cut(rest, "/")
	return head + "/" + proto
}
