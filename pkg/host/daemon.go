package host

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

// daemonConfig is the part of daemon.json that changes a container's
// defaults. dockerd rejects values of the wrong type, so do we.
type daemonConfig struct {
	LogDriver       *string           `json:"log-driver"`
	LogOpts         map[string]string `json:"log-opts"`
	NoNewPrivileges *bool             `json:"no-new-privileges"`
	UsernsRemap     *string           `json:"userns-remap"`
}

// ParseDaemonConfig reads daemon.json. Keys it does not know are ignored:
// dockerd has many that do not affect a container's run spec.
func ParseDaemonConfig(name string, data []byte) (runspec.Daemon, error) {
	d := runspec.DefaultDaemon()
	d.Known, d.File = true, name
	d.Positions = map[string]runspec.Pos{}
	if len(bytes.TrimSpace(data)) == 0 {
		// dockerd treats an empty file as no configuration.
		return d, nil
	}
	var cfg daemonConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return d, &FileError{Pos: jsonErrorPos(name, data, err), Msg: "daemon config: " + err.Error()}
	}
	if cfg.LogDriver != nil {
		d.LogDriver = *cfg.LogDriver
	}
	for k, v := range cfg.LogOpts {
		d.LogOpts[k] = v
	}
	if cfg.NoNewPrivileges != nil {
		d.NoNewPrivileges = *cfg.NoNewPrivileges
	}
	if cfg.UsernsRemap != nil {
		d.UsernsRemap = *cfg.UsernsRemap
	}
	// JSON is YAML: read it again as a node tree for the keys' positions.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err == nil && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			d.Positions[k.Value] = runspec.Pos{File: name, Line: k.Line, Column: k.Column}
		}
	}
	return d, nil
}

// jsonErrorPos turns the byte offset of a JSON error into a line and column.
func jsonErrorPos(name string, data []byte, err error) runspec.Pos {
	var offset int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	if offset < 0 {
		return runspec.Pos{File: name, Line: 1, Column: 1}
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return runspec.Pos{File: name, Line: line, Column: col}
}

// ErrNoFile wraps a host file that does not exist.
var ErrNoFile = errors.New("no such file")

func missing(name string) error { return fmt.Errorf("%s: %w", name, ErrNoFile) }
