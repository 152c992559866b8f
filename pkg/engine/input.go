package engine

import (
	"maps"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
)

// Input is the document every rule reads as `input`:
//
//	{
//	  "kind":    "docker-run" | "compose" | "inspect" | "authz" | "host",
//	  "create":  the Engine API create body (container.CreateRequest) as JSON,
//	             with its Engine API field names ("HostConfig", "Binds", ...),
//	  "derived": runspec.Derived: mounts, capabilities, security options,
//	             namespaces, ports, user, log, group_add, snake_case names,
//	  "daemon":  runspec.Daemon: the daemon's defaults, DefaultDaemon() when
//	             no daemon.json was read,
//	  "host":    runspec.Host, only for kind "host",
//	  "source":  {"file", "line", "column", "name"}: where the container is
//	             defined, and its name (container or compose service)
//	}
//
// "create" and "derived" are absent for kind "host", and "host" for the
// others. docs/input.md describes every field.
type Input struct {
	Kind    string                   `json:"kind"`
	Create  *container.CreateRequest `json:"create,omitempty"`
	Derived *runspec.Derived         `json:"derived,omitempty"`
	Daemon  runspec.Daemon           `json:"daemon"`
	Host    *runspec.Host            `json:"host,omitempty"`
	Source  Source                   `json:"source"`
}

// Source is where the judged thing is defined.
type Source struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Name   string `json:"name"`
}

// KindHost is the input kind of host facts.
const KindHost = "host"

// SpecInput builds the input document for a container spec.
func SpecInput(spec *runspec.Spec, daemon runspec.Daemon) Input {
	d := runspec.Derive(spec)
	create := spec.Create
	return Input{
		Kind:    string(spec.Kind),
		Create:  &create,
		Derived: &d,
		Daemon:  effectiveDaemon(daemon),
		Source:  Source{File: spec.Origin.File, Line: spec.Origin.Line, Column: spec.Origin.Column, Name: spec.Name},
	}
}

// HostInput builds the input document for host facts.
func HostInput(host runspec.Host) Input {
	p := host.DockerGroup.Pos
	host.Daemon = effectiveDaemon(host.Daemon)
	return Input{
		Kind:   KindHost,
		Host:   &host,
		Daemon: host.Daemon,
		Source: Source{File: p.File, Line: p.Line, Column: p.Column},
	}
}

// effectiveDaemon fills in dockerd's built-in defaults for what daemon.json
// leaves unset, so that rules never see an empty driver.
func effectiveDaemon(d runspec.Daemon) runspec.Daemon {
	def := runspec.DefaultDaemon()
	if !d.Known && d.LogDriver == "" {
		// The zero Daemon rather than DefaultDaemon(): no configuration
		// was read, so every default applies, true ones included.
		d.ICC = def.ICC
	}
	if d.LogDriver == "" {
		d.LogDriver = def.LogDriver
	}
	opts := make(map[string]string, len(d.LogOpts))
	maps.Copy(opts, d.LogOpts)
	d.LogOpts = opts
	if d.Group == "" {
		d.Group = def.Group
	}
	if d.AuthorizationPlugins == nil {
		// An empty list, not null, so that count() applies.
		d.AuthorizationPlugins = []string{}
	}
	return d
}
