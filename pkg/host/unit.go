package host

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// Unit files of the docker service, in systemd's order of precedence: the
// first that exists is the unit.
var DefaultUnits = []string{
	"etc/systemd/system/docker.service",
	"run/systemd/system/docker.service",
	"usr/lib/systemd/system/docker.service",
	"lib/systemd/system/docker.service",
}

// execStart is the command line dockerd is started with, and where each of
// its words is written.
type execStart struct {
	words []string
	pos   []runspec.Pos
}

// LoadUnit reads the docker service's unit and its drop-ins
// (docker.service.d/*.conf beside each unit directory, in name order, the
// first directory winning a name) and returns the effective ExecStart.
// found is false when there is no unit file.
func LoadUnit(root fs.FS, units []string) (words []string, pos []runspec.Pos, found bool, err error) {
	var ex execStart
	for _, u := range units {
		data, err := fs.ReadFile(root, u)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, false, readError(u, err)
		}
		if err := ex.read(display(u), data); err != nil {
			return nil, nil, false, err
		}
		found = true
		break
	}
	dropins := map[string]string{}
	for _, u := range units {
		dir := u + ".d"
		matches, err := fs.Glob(root, dir+"/*.conf")
		if err != nil {
			return nil, nil, false, fmt.Errorf("read %s: %w", display(dir), err)
		}
		for _, m := range matches {
			if _, ok := dropins[path.Base(m)]; !ok {
				dropins[path.Base(m)] = m
			}
		}
	}
	names := make([]string, 0, len(dropins))
	for n := range dropins {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := fs.ReadFile(root, dropins[n])
		if err != nil {
			return nil, nil, false, readError(dropins[n], err)
		}
		if err := ex.read(display(dropins[n]), data); err != nil {
			return nil, nil, false, err
		}
		found = true
	}
	return ex.words, ex.pos, found, nil
}

// read applies one unit file's ExecStart lines in its [Service] section:
// an empty one resets the command, another replaces it (a service that is
// not oneshot has one command).
func (ex *execStart) read(name string, data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	section := ""
	line := 0
	for sc.Scan() {
		line++
		start := line
		text := sc.Text()
		// A backslash at the end of a line continues it.
		for strings.HasSuffix(text, "\\") && sc.Scan() {
			line++
			text = strings.TrimSuffix(text, "\\") + " " + sc.Text()
		}
		t := strings.TrimSpace(text)
		switch {
		case t == "" || t[0] == '#' || t[0] == ';':
			continue
		case strings.HasPrefix(t, "["):
			section = strings.Trim(t, "[]")
			continue
		}
		key, value, ok := strings.Cut(t, "=")
		if !ok || section != "Service" || strings.TrimSpace(key) != "ExecStart" {
			continue
		}
		value = strings.TrimSpace(value)
		if value == "" {
			ex.words, ex.pos = nil, nil
			continue
		}
		// Prefixes that change how systemd runs the command, not what runs.
		value = strings.TrimLeft(value, "-@+!:|")
		words, err := splitWords(value)
		if err != nil {
			return &FileError{Pos: runspec.Pos{File: name, Line: start, Column: 1}, Msg: "ExecStart: " + err.Error()}
		}
		ex.words = words
		ex.pos = make([]runspec.Pos, len(words))
		for i := range words {
			ex.pos[i] = runspec.Pos{File: name, Line: start, Column: 1}
		}
		ex.place(name, start, strings.Split(string(data), "\n"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// place finds each word's line and column in the file's lines, from the
// ExecStart's first line on, for a command continued over several lines.
func (ex *execStart) place(name string, start int, lines []string) {
	l, col := start-1, 0
	for i, w := range ex.words {
		for ; l < len(lines); l, col = l+1, 0 {
			if j := strings.Index(lines[l][col:], w); j >= 0 {
				ex.pos[i] = runspec.Pos{File: name, Line: l + 1, Column: col + j + 1}
				col += j + len(w)
				break
			}
		}
		if l == len(lines) {
			// Quoting changed the word; keep the ExecStart's line.
			l, col = start-1, 0
		}
	}
}

// splitWords splits a command line as systemd does: words separated by
// spaces, single and double quotes, backslash escapes.
func splitWords(s string) ([]string, error) {
	var words []string
	var b strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0 && c == '\\' && quote == '"' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case quote != 0:
			b.WriteByte(c)
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		default:
			b.WriteByte(c)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote", quote)
	}
	if inWord {
		words = append(words, b.String())
	}
	return words, nil
}

// daemonFlags are the dockerd flags that stand for a daemon.json key rungate
// reads, by flag name; dockerd refuses to start when a key is set both ways.
var daemonFlags = map[string]struct {
	key  string
	bool bool
}{
	"H": {"hosts", false}, "host": {"hosts", false},
	"tls": {"tls", true}, "tlsverify": {"tlsverify", true},
	"icc": {"icc", true}, "live-restore": {"live-restore", true},
	"no-new-privileges":    {"no-new-privileges", true},
	"userns-remap":         {"userns-remap", false},
	"authorization-plugin": {"authorization-plugins", false},
	"log-driver":           {"log-driver", false}, "log-opt": {"log-opts", false},
	"G": {"group", false}, "group": {"group", false},
	"default-cgroupns-mode": {"default-cgroupns-mode", false},
}

// ApplyFlags sets what dockerd's command line (the unit's ExecStart) says
// on top of daemon.json. It does nothing unless the command is dockerd.
// A key set both in daemon.json and by a flag is an error, as dockerd
// makes it.
func ApplyFlags(d *runspec.Daemon, words []string, pos []runspec.Pos) error {
	if len(words) == 0 || path.Base(words[0]) != "dockerd" {
		return nil
	}
	if d.Positions == nil {
		d.Positions = map[string]runspec.Pos{}
	}
	fromFile := map[string]bool{}
	if d.Known {
		for k := range d.Positions {
			fromFile[k] = true
		}
	}
	var hosts []string
	var hostPos []runspec.Pos
	for i := 1; i < len(words); i++ {
		w := words[i]
		if !strings.HasPrefix(w, "-") || w == "-" || w == "--" {
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(w, "-"), "=")
		if !strings.HasPrefix(w, "--") && len(name) > 1 {
			// -Hunix:///run/docker.sock, a shorthand with its value.
			if f, ok := daemonFlags[name[:1]]; ok && !f.bool && !hasValue {
				name, value, hasValue = name[:1], name[1:], true
			}
		}
		f, ok := daemonFlags[name]
		if !ok {
			continue
		}
		p := pos[i]
		if !f.bool && !hasValue {
			if i+1 >= len(words) {
				return &FileError{Pos: p, Msg: fmt.Sprintf("dockerd flag %s needs a value", w)}
			}
			i++
			value = words[i]
			if f.key == "hosts" {
				// Each address is a finding of its own: point at it.
				p = pos[i]
			}
		}
		if fromFile[f.key] {
			fp := d.Positions[f.key]
			return &FileError{Pos: p, Msg: fmt.Sprintf("dockerd flag %s and %q in %s:%d both set %s: dockerd does not start", w, f.key, fp.File, fp.Line, f.key)}
		}
		if _, seen := d.Positions[f.key]; !seen {
			d.Positions[f.key] = p
		}
		b := true
		if f.bool && hasValue {
			v, err := strconv.ParseBool(value)
			if err != nil {
				return &FileError{Pos: p, Msg: fmt.Sprintf("dockerd flag %s: %q is not a boolean", w, value)}
			}
			b = v
		}
		switch f.key {
		case "hosts":
			hosts, hostPos = append(hosts, value), append(hostPos, p)
		case "tls":
			d.TLS = b
		case "tlsverify":
			d.TLSVerify = b
		case "icc":
			d.ICC = b
		case "live-restore":
			d.LiveRestore = b
		case "no-new-privileges":
			d.NoNewPrivileges = b
		case "userns-remap":
			d.UsernsRemap = value
		case "authorization-plugins":
			d.AuthorizationPlugins = append(d.AuthorizationPlugins, value)
		case "log-driver":
			d.LogDriver = value
		case "log-opts":
			k, v, _ := strings.Cut(value, "=")
			if d.LogOpts == nil {
				d.LogOpts = map[string]string{}
			}
			d.LogOpts[k] = v
		case "group":
			d.Group = value
		case "default-cgroupns-mode":
			if !validCgroupnsMode(value) {
				return &FileError{Pos: p, Msg: fmt.Sprintf("dockerd flag %s: %q is %s", w, value, cgroupnsModeWant)}
			}
			d.DefaultCgroupnsMode = value
		}
	}
	for i, raw := range hosts {
		h, err := parseDaemonHost(raw, d.TLS || d.TLSVerify)
		if err != nil {
			return &FileError{Pos: hostPos[i], Msg: fmt.Sprintf("dockerd flag -H %q: %v", raw, err)}
		}
		h.Pos = hostPos[i]
		d.Hosts = append(d.Hosts, h)
	}
	return nil
}
