// Package runspec defines the run spec: the one normalized description of a
// container's run-time configuration that every input (docker run argv,
// compose, inspect JSON, authz requests) is reduced to, and that the rules read.
//
// The spec is the Docker Engine API's container create body, unchanged, so that
// rules judge exactly what dockerd would receive. Beside it, Derive computes a
// derived view (mounts, capabilities, security options, ...) so that rules never
// re-parse strings.
package runspec

import (
	"github.com/docker/docker/api/types/container"
)

// Pos is where a value was written: a file, a 1-based line and a 1-based
// column. A zero Line means the position is unknown.
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Known reports whether the position points somewhere.
func (p Pos) Known() bool { return p.Line > 0 }

// Kind names the input a spec was read from.
type Kind string

// The inputs a spec can come from.
const (
	KindDockerRun Kind = "docker-run"
	KindCompose   Kind = "compose"
	KindInspect   Kind = "inspect"
	KindAuthz     Kind = "authz"
)

// Spec is one container as it would be created.
type Spec struct {
	// Create is the body of POST /containers/create.
	Create container.CreateRequest
	// Name and Platform travel as query parameters of the create call.
	Name     string
	Platform string

	// Kind is the input the spec was read from.
	Kind Kind
	// Built is set when the image is built from source (a compose service
	// with `build:`): its reference names the build's result, not an image
	// to pull.
	Built bool
	// Origin is where the container is defined: the first word of a docker
	// run command, a compose service's key. Findings about a missing setting
	// point here.
	Origin Pos

	// Positions maps a field key (see FieldKey and ValueKey) to where it was
	// set. A value with no entry falls back to Origin.
	Positions map[string]Pos
	// Unresolved holds the keys of values that contain a variable whose value
	// is unknown (a placeholder such as ${IMAGE}); rules must not treat such a
	// value as known.
	Unresolved map[string]bool
}

// FieldKey is the key of a whole field in Positions, as its Go path in
// container.CreateRequest: "HostConfig.Privileged",
// "HostConfig.LogConfig.Type", "Config.User", "Config.Volumes". Config
// fields keep their "Config." prefix although the JSON body inlines them,
// so that every input kind uses the same keys.
func FieldKey(path string) string { return path }

// ValueKey is the key of one value of a list or map field in Positions, such
// as one bind: ValueKey("HostConfig.Binds", "/:/host"). For maps the value is
// the map key (ValueKey("HostConfig.Tmpfs", "/run")).
func ValueKey(path, value string) string { return path + "=" + value }

// New returns an empty spec of the given kind starting at origin.
func New(kind Kind, origin Pos) *Spec {
	return &Spec{
		Kind:       kind,
		Origin:     origin,
		Positions:  map[string]Pos{},
		Unresolved: map[string]bool{},
	}
}

// SetPos records where key was set. The first position recorded for a key
// wins, except that a later one replaces an unknown one.
func (s *Spec) SetPos(key string, p Pos) {
	if old, ok := s.Positions[key]; ok && old.Known() {
		return
	}
	s.Positions[key] = p
}

// PosOf returns where key was set, falling back to the spec's origin.
func (s *Spec) PosOf(key string) Pos {
	if p, ok := s.Positions[key]; ok && p.Known() {
		return p
	}
	return s.Origin
}

// Word is one shell word of a command line after expansion, with where it
// starts. Unresolved is set when the word contains a variable or command
// substitution whose value is unknown; Text then holds a visible placeholder
// such as ${IMAGE}.
type Word struct {
	Text       string
	Pos        Pos
	Unresolved bool
}

// Words wraps plain strings, all at position p (useful for argv with no
// source file, such as `rungate spec -- docker run ...`).
func Words(p Pos, args ...string) []Word {
	out := make([]Word, len(args))
	for i, a := range args {
		out[i] = Word{Text: a, Pos: p}
	}
	return out
}
