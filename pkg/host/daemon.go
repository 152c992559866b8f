package host

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/runspec"
)

// daemonConfig is the part of daemon.json that changes a container's
// defaults. dockerd rejects values of the wrong type, so do we.
type daemonConfig struct {
	LogDriver            *string           `json:"log-driver"`
	LogOpts              map[string]string `json:"log-opts"`
	NoNewPrivileges      *bool             `json:"no-new-privileges"`
	UsernsRemap          *string           `json:"userns-remap"`
	ICC                  *bool             `json:"icc"`
	LiveRestore          *bool             `json:"live-restore"`
	AuthorizationPlugins []string          `json:"authorization-plugins"`
	Hosts                []string          `json:"hosts"`
	TLS                  *bool             `json:"tls"`
	TLSVerify            *bool             `json:"tlsverify"`
	Group                *string           `json:"group"`
	DefaultCgroupnsMode  *string           `json:"default-cgroupns-mode"`
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
		return d, &FileError{Pos: jsonErrorPos(name, data, err), Msg: "daemon config: " + jsonErrorText(err)}
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
	setBool(&d.ICC, cfg.ICC)
	setBool(&d.LiveRestore, cfg.LiveRestore)
	setBool(&d.TLS, cfg.TLS)
	setBool(&d.TLSVerify, cfg.TLSVerify)
	if cfg.Group != nil && *cfg.Group != "" {
		d.Group = *cfg.Group
	}
	for _, p := range cfg.AuthorizationPlugins {
		if p = strings.TrimSpace(p); p != "" {
			d.AuthorizationPlugins = append(d.AuthorizationPlugins, p)
		}
	}
	// JSON is YAML: read it again as a node tree for the keys' positions.
	var hostItems []*yaml.Node
	var cgroupnsValue *yaml.Node
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err == nil && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			d.Positions[k.Value] = runspec.Pos{File: name, Line: k.Line, Column: k.Column}
			if k.Value == "hosts" && m.Content[i+1].Kind == yaml.SequenceNode {
				hostItems = m.Content[i+1].Content
			}
			if k.Value == "default-cgroupns-mode" {
				cgroupnsValue = m.Content[i+1]
			}
		}
	} else {
		// JSON that YAML rejects (invalid UTF-8): every key set is at the
		// top of the file, so that rules still know it is set.
		var keys map[string]json.RawMessage
		if json.Unmarshal(data, &keys) == nil {
			for k := range keys {
				d.Positions[k] = runspec.Pos{File: name, Line: 1, Column: 1}
			}
		}
	}
	if v := cfg.DefaultCgroupnsMode; v != nil {
		if !validCgroupnsMode(*v) {
			pos := runspec.Pos{File: name, Line: 1, Column: 1}
			if cgroupnsValue != nil {
				pos = runspec.Pos{File: name, Line: cgroupnsValue.Line, Column: cgroupnsValue.Column}
			}
			return d, &FileError{Pos: pos, Msg: fmt.Sprintf("daemon config: default-cgroupns-mode: %q: %s", *v, cgroupnsModeWant)}
		}
		d.DefaultCgroupnsMode = *v
	}
	for i, raw := range cfg.Hosts {
		pos := d.Positions["hosts"]
		if i < len(hostItems) {
			pos = runspec.Pos{File: name, Line: hostItems[i].Line, Column: hostItems[i].Column}
		}
		if !pos.Known() {
			// The YAML reader could not place it (JSON that YAML rejects).
			pos = runspec.Pos{File: name, Line: 1, Column: 1}
		}
		h, err := parseDaemonHost(raw, d.TLS || d.TLSVerify)
		if err != nil {
			return d, &FileError{Pos: pos, Msg: fmt.Sprintf("daemon config: hosts: %q: %v", raw, err)}
		}
		h.Pos = pos
		d.Hosts = append(d.Hosts, h)
	}
	return d, nil
}

// validCgroupnsMode reports whether dockerd takes mode as its
// default-cgroupns-mode: "host", "private", or "" (in daemon.json, the same
// as not setting the key: dockerd then keeps its built-in default). The
// spelling is exact: dockerd rejects "Host".
func validCgroupnsMode(mode string) bool {
	return mode == "" || mode == "host" || mode == "private"
}

// cgroupnsModeWant says what is wrong with a default-cgroupns-mode dockerd
// rejects.
const cgroupnsModeWant = `not a cgroup namespace mode (want "host" or "private"): dockerd does not start`

func setBool(dst *bool, v *bool) {
	if v != nil {
		*dst = *v
	}
}

// jsonErrorText says what is wrong in daemon.json in its own terms: a key
// and the JSON types, not Go's.
func jsonErrorText(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%q is %s, want %s", te.Field, article(te.Value), jsonKind(te.Type))
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonKind names the JSON type that decodes into t.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array of " + strings.TrimPrefix(strings.TrimPrefix(jsonKind(t.Elem()), "a "), "an ") + "s"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	default:
		return "a number"
	}
}

func article(what string) string {
	switch {
	case what == "":
		return "of the wrong type"
	case what == "bool":
		return "a boolean"
	case strings.ContainsAny(what[:1], "aeiou"):
		return "an " + what
	default:
		return "a " + what
	}
}

// Default ports dockerd listens on when a tcp host names none.
const (
	defaultPlainPort = 2375
	defaultTLSPort   = 2376
)

// parseDaemonHost reads one "hosts" entry the way dockerd reads -H: a
// scheme, then an address; a bare address is tcp. tls picks the default
// port of a tcp address that names none.
func parseDaemonHost(raw string, tls bool) (runspec.DaemonHost, error) {
	h := runspec.DaemonHost{Raw: raw}
	v := strings.TrimSpace(raw)
	scheme, addr, ok := strings.Cut(v, "://")
	if !ok {
		scheme, addr = "tcp", v
	}
	h.Scheme = strings.ToLower(scheme)
	switch h.Scheme {
	case "unix":
		if addr == "" {
			addr = "/var/run/docker.sock"
		}
		h.Address = addr
	case "npipe", "fd":
		h.Address = addr
	case "tcp":
		port := defaultPlainPort
		if tls {
			port = defaultTLSPort
		}
		addr, _, _ = strings.Cut(addr, "/")
		host, p, err := net.SplitHostPort(addr)
		if err != nil {
			// No port: the whole address is the host.
			host, p = strings.Trim(addr, "[]"), ""
		}
		if p != "" {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n > 65535 {
				return h, fmt.Errorf("invalid port %q", p)
			}
			port = n
		}
		if host == "" {
			// dockerd's default host for -H tcp://:PORT.
			host = "localhost"
		}
		h.Host, h.Port = host, port
		h.Address = net.JoinHostPort(host, strconv.Itoa(port))
		h.Loopback = loopback(host)
	default:
		return h, fmt.Errorf("unknown scheme %q (want unix, tcp, fd or npipe)", scheme)
	}
	return h, nil
}

// loopback reports whether host names the loopback interface.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
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
		offset = valueStart(data, te.Offset)
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

// valueStart moves the offset just after a scalar JSON value, where the
// decoder reports a type error, back to the value's first byte, so that the
// column points at the value. Arrays and objects keep their end.
func valueStart(data []byte, end int64) int64 {
	i := min(end, int64(len(data)))
	if i > 0 && data[i-1] == '"' {
		for i--; i > 0; {
			i--
			if data[i] == '"' && (i == 0 || data[i-1] != '\\') {
				return i
			}
		}
		return end
	}
	for i > 0 && strings.IndexByte("+-.0123456789eEtruefalsn", data[i-1]) >= 0 {
		i--
	}
	return i
}

// ErrNoFile wraps a host file that does not exist.
var ErrNoFile = errors.New("no such file")

func missing(name string) error { return fmt.Errorf("%s: %w", name, ErrNoFile) }
