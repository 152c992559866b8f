package runspec

import (
	"maps"

	"github.com/docker/docker/api/types/container"
)

// Log is the container's logging configuration as the spec sets it. An empty
// Driver means the daemon's default driver (see Daemon.LogDriver), whose
// options the daemon then merges in.
type Log struct {
	Driver     string            `json:"driver"`
	Options    map[string]string `json:"options"`
	Unresolved bool              `json:"unresolved"`
	// Pos is where the driver was set, else where an option was, else the
	// spec's origin.
	Pos Pos `json:"pos"`
}

func deriveLog(s *Spec, hc *container.HostConfig) Log {
	key := FieldKey("HostConfig.LogConfig.Type")
	l := Log{
		Driver:     hc.LogConfig.Type,
		Options:    make(map[string]string, len(hc.LogConfig.Config)),
		Unresolved: unresolved(s, key, hc.LogConfig.Type),
		Pos:        firstPos(s, key, FieldKey("HostConfig.LogConfig.Config")),
	}
	maps.Copy(l.Options, hc.LogConfig.Config)
	return l
}

// firstPos returns the position of the first key that has a known one, else
// the spec's origin.
func firstPos(s *Spec, keys ...string) Pos {
	for _, k := range keys {
		if p, ok := s.Positions[k]; ok && p.Known() {
			return p
		}
	}
	return s.Origin
}
