// Package inspect reads `docker inspect` output into run specs, one per
// container, with the position of every key in the JSON.
package inspect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/network"
	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

// Error is inspect output that cannot be read, with where.
type Error struct {
	Pos runspec.Pos
	Msg string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Pos.File, e.Pos.Line, e.Pos.Column, e.Msg)
}

// Parse reads the output of `docker inspect` (an array of containers, or
// one container object) and returns a spec per container. A container
// that cannot be decoded is reported in errs and the others are still
// returned; err is set when the file as a whole is not inspect output.
//
// The spec is the container as it runs: Config and HostConfig as stored
// by the daemon (Config merged with the image, HostConfig with daemon
// defaults), NetworkSettings.Networks as NetworkingConfig. The resolved
// top-level Mounts list is the truth for mounts: it goes to
// HostConfig.Mounts, and Binds and Config.Volumes (which it already
// includes) are cleared so that no mount is counted twice.
func Parse(name string, data []byte) (specs []*runspec.Spec, errs []error, err error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, nil, &Error{Pos: runspec.Pos{File: name, Line: 1, Column: 1}, Msg: "empty inspect output"}
	}
	var raws []json.RawMessage
	if trimmed[0] == '[' {
		err = json.Unmarshal(data, &raws)
	} else {
		var one json.RawMessage
		err = json.Unmarshal(data, &one)
		raws = []json.RawMessage{one}
	}
	if err != nil {
		return nil, nil, jsonError(name, data, 1, err)
	}
	nodes := objectNodes(data)
	for i, raw := range raws {
		origin := runspec.Pos{File: name, Line: 1, Column: 1}
		var node *yaml.Node
		if i < len(nodes) {
			node = nodes[i]
			origin = at(name, node)
		}
		var resp container.InspectResponse
		if err := json.Unmarshal(raw, &resp); err != nil {
			errs = append(errs, jsonError(name, raw, origin.Line, err))
			continue
		}
		if resp.ContainerJSONBase == nil || resp.HostConfig == nil {
			errs = append(errs, &Error{Pos: origin, Msg: "not a container: no HostConfig"})
			continue
		}
		specs = append(specs, toSpec(resp, origin, node))
	}
	return specs, errs, nil
}

// toSpec builds the run spec of one container.
func toSpec(resp container.InspectResponse, origin runspec.Pos, node *yaml.Node) *runspec.Spec {
	s := runspec.New(runspec.KindInspect, origin)
	s.Name = strings.TrimPrefix(resp.Name, "/")
	s.Platform = resp.Platform
	cfg := resp.Config
	if cfg == nil {
		cfg = &container.Config{}
	}
	hc := resp.HostConfig
	s.Create = container.CreateRequest{Config: cfg, HostConfig: hc, NetworkingConfig: networking(resp.NetworkSettings)}
	if node != nil {
		if v := child(node, "Config"); v != nil {
			positions(s, "Config", v, 0)
		}
		if v := child(node, "HostConfig"); v != nil {
			positions(s, "HostConfig", v, 0)
		}
	}
	if resp.Mounts != nil {
		var items []*yaml.Node
		if m := child(node, "Mounts"); m != nil && m.Kind == yaml.SequenceNode {
			items = m.Content
		}
		hc.Mounts = nil
		for i, mp := range resp.Mounts {
			hc.Mounts = append(hc.Mounts, toMount(mp))
			p := s.PosOf(runspec.FieldKey("HostConfig.Mounts"))
			if i < len(items) {
				p = at(origin.File, items[i])
			}
			s.Positions[runspec.ValueKey("HostConfig.Mounts", strconv.Itoa(i))] = p
		}
		hc.Binds = nil
		cfg.Volumes = nil
	}
	return s
}

// toMount turns a resolved mount point into the API mount it amounts to.
// Old daemons leave Type out: a mount with a volume driver is a volume.
func toMount(mp container.MountPoint) mount.Mount {
	t := mp.Type
	if t == "" {
		t = mount.TypeBind
		if mp.Driver != "" || mp.Name != "" {
			t = mount.TypeVolume
		}
	}
	m := mount.Mount{Type: t, Source: mp.Source, Target: mp.Destination, ReadOnly: !mp.RW}
	switch t {
	case mount.TypeVolume:
		// A volume is named by Name; Source is where the daemon keeps it.
		m.Source = mp.Name
		if mp.Driver != "" {
			m.VolumeOptions = &mount.VolumeOptions{DriverConfig: &mount.Driver{Name: mp.Driver}}
		}
	case mount.TypeBind:
		if mp.Propagation != "" {
			m.BindOptions = &mount.BindOptions{Propagation: mp.Propagation}
		}
	case mount.TypeTmpfs:
		m.Source = ""
	}
	return m
}

// networking keeps what a create request could have asked for of each
// endpoint, dropping what the daemon assigned at run time.
func networking(ns *container.NetworkSettings) *network.NetworkingConfig {
	if ns == nil || len(ns.Networks) == 0 {
		return nil
	}
	out := &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{}}
	for n, ep := range ns.Networks {
		if ep == nil {
			out.EndpointsConfig[n] = &network.EndpointSettings{}
			continue
		}
		out.EndpointsConfig[n] = &network.EndpointSettings{
			IPAMConfig: ep.IPAMConfig, Links: ep.Links, Aliases: ep.Aliases,
			DriverOpts: ep.DriverOpts, MacAddress: ep.MacAddress,
		}
	}
	return out
}

// jsonError converts a decoding error to an *Error at its line; base is
// the line data starts on.
func jsonError(name string, data []byte, base int, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	line, col := base, 1
	if off >= 0 && off <= int64(len(data)) {
		line += bytes.Count(data[:off], []byte("\n"))
		col = int(off) - bytes.LastIndexByte(data[:off], '\n')
	}
	return &Error{Pos: runspec.Pos{File: name, Line: line, Column: col}, Msg: "decode inspect output: " + err.Error()}
}
