package runspec

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
)

// Mount types: the Engine API's mount.Type values, plus volumes-from for the
// mounts a container takes from another one.
const (
	MountBind        = "bind"
	MountVolume      = "volume"
	MountTmpfs       = "tmpfs"
	MountImage       = "image"
	MountNpipe       = "npipe"
	MountCluster     = "cluster"
	MountVolumesFrom = "volumes-from"
)

// Mount origins: the create-body field a mount was written in.
const (
	OriginBinds       = "binds"
	OriginMounts      = "mounts"
	OriginTmpfs       = "tmpfs"
	OriginVolumes     = "volumes"
	OriginVolumesFrom = "volumes-from"
)

// Mount is one filesystem mount of the container, whichever field set it.
type Mount struct {
	// Type is one of the Mount* constants.
	Type string `json:"type"`
	// Source is the host path of a bind, cleaned (`//`, `/./`, `/etc/..` and
	// trailing slashes resolved); the name of a named volume; the container
	// of volumes-from (compose's container:NAME read as NAME); "" for
	// anonymous volumes and tmpfs.
	Source string `json:"source"`
	// RawSource is the source as written.
	RawSource string `json:"raw_source"`
	// CanonicalSource is Source with `/var/run` spelt `/run`: the same
	// directory on every current distribution, so rules compare one spelling.
	CanonicalSource string `json:"canonical_source"`
	// Target is the path inside the container, cleaned.
	Target string `json:"target"`
	// SourceDirs and TargetDirs are the host source of a bind and the
	// target, with every directory above them, deepest first, down to /:
	// /var/www/html gives /var/www/html, /var/www, /var, /. A rule matches
	// a path list against them instead of comparing prefixes. Empty for a
	// path that is not absolute or not known.
	SourceDirs []string `json:"source_dirs"`
	TargetDirs []string `json:"target_dirs"`
	// HostPath is the host directory or file the mount exposes: a bind's
	// Source, or the device of a volume of the local driver bound to a
	// host path (`type=none,o=bind,device=/srv/data`), cleaned; "" for
	// anything else. SourceDirs are its directories.
	HostPath string `json:"host_path"`
	// Exec is set for a tmpfs whose files can be executed: the daemon
	// mounts every tmpfs (HostConfig.Tmpfs and Mounts of type tmpfs alike)
	// noexec,nosuid,nodev and then applies the options given, the last of
	// exec and noexec winning.
	Exec bool `json:"exec"`
	// ReadOnly is set for a read-only mount.
	ReadOnly bool `json:"read_only"`
	// Propagation of a bind: rprivate unless set.
	Propagation string `json:"propagation"`
	// Relabel is the SELinux relabel option of a bind: "z", "Z" or "".
	Relabel string `json:"relabel"`
	NoCopy  bool   `json:"nocopy"`
	// Options are the mode options of a bind string or the options of a
	// tmpfs, as written.
	Options []string `json:"options"`
	// Origin is one of the Origin* constants.
	Origin string `json:"origin"`
	// Raw is the value as written when the field holds strings (a bind, a
	// tmpfs "path:options", a volumes-from entry).
	Raw string `json:"raw"`
	// Unresolved is set when the value holds a variable whose value is
	// unknown: its source cannot be judged, though its target still can.
	Unresolved bool `json:"unresolved"`
	// Invalid is set, with Reason, when the daemon would reject the mount.
	Invalid bool   `json:"invalid"`
	Reason  string `json:"reason,omitempty"`
	Pos     Pos    `json:"pos"`
}

// Keys of the mount fields in Spec.Positions.
const (
	keyBinds       = "HostConfig.Binds"
	keyMounts      = "HostConfig.Mounts"
	keyTmpfs       = "HostConfig.Tmpfs"
	keyVolumes     = "Config.Volumes"
	keyVolumesFrom = "HostConfig.VolumesFrom"
)

func deriveMounts(s *Spec, cfg *container.Config, hc *container.HostConfig) []Mount {
	out := make([]Mount, 0, len(hc.Binds)+len(hc.Mounts)+len(hc.Tmpfs)+len(cfg.Volumes)+len(hc.VolumesFrom))
	defer func() {
		for i := range out {
			out[i].complete()
		}
	}()
	for _, raw := range hc.Binds {
		out = append(out, deriveBind(s, raw))
	}
	for i, m := range hc.Mounts {
		out = append(out, deriveAPIMount(s, i, m))
	}
	// Tmpfs and Volumes are maps: sort them so that findings come out in a
	// stable order.
	for _, p := range sortedKeys(hc.Tmpfs) {
		out = append(out, deriveTmpfs(s, p, hc.Tmpfs[p]))
	}
	for _, p := range sortedKeys(cfg.Volumes) {
		key := ValueKey(keyVolumes, p)
		out = append(out, Mount{
			Type: MountVolume, Target: cleanPath(p), Origin: OriginVolumes, Raw: p,
			Unresolved: unresolved(s, key, p), Pos: s.PosOf(key),
		})
	}
	for _, raw := range hc.VolumesFrom {
		out = append(out, deriveVolumesFrom(s, raw))
	}
	return out
}

// deriveBind parses one HostConfig.Binds entry the way the daemon does:
// `[source:]target[:mode]`, where a source that is an absolute path makes a
// bind and anything else names a volume.
func deriveBind(s *Spec, raw string) Mount {
	key := ValueKey(keyBinds, raw)
	m := Mount{Origin: OriginBinds, Raw: raw, Pos: s.PosOf(key), Unresolved: unresolved(s, key, raw)}
	fields := strings.SplitN(raw, ":", 4)
	var mode string
	switch {
	case fields[0] == "":
		return m.invalid("empty source or target")
	case len(fields) == 1:
		// A target alone is an anonymous volume.
		m.Type, m.Target = MountVolume, cleanPath(fields[0])
		return m.validate()
	case len(fields) == 2 && fields[1] == "":
		return m.invalid("empty target")
	case len(fields) == 2:
		if validBindMode(fields[1]) == "" {
			// "/data:ro" is a target with a mode and no source.
			return m.invalid("a mode needs a source")
		}
		m.RawSource, m.Target = fields[0], fields[1]
	case len(fields) == 3:
		m.RawSource, m.Target, mode = fields[0], fields[1], fields[2]
	default:
		return m.invalid("too many colons")
	}
	m.Target = cleanPath(m.Target)
	m.Type = MountVolume
	// A named volume cannot hold a slash, so an unknown source with one, or
	// one that is only a placeholder, is taken for a host path.
	if path.IsAbs(m.RawSource) || (m.Unresolved && (strings.Contains(m.RawSource, "/") || strings.HasPrefix(m.RawSource, "${"))) {
		m.Type = MountBind
		m.Source = cleanPath(m.RawSource)
		m.CanonicalSource = canonicalHostPath(m.Source)
		m.Propagation = "rprivate"
	} else {
		m.Source = m.RawSource
	}
	if mode != "" {
		m.Options = strings.Split(mode, ",")
	}
	if reason := validBindMode(mode); reason != "" {
		return m.invalid(reason)
	}
	for _, o := range m.Options {
		switch {
		case o == "ro":
			m.ReadOnly = true
		case o == "z" || o == "Z":
			m.Relabel = o
		case o == "nocopy":
			m.NoCopy = true
		case propagationModes[o]:
			m.Propagation = o
		}
	}
	if m.Type == MountVolume && isPropagationSet(m.Options) {
		return m.invalid("propagation applies to binds only")
	}
	if m.Type == MountBind && m.NoCopy {
		return m.invalid("nocopy applies to volumes only")
	}
	return m.validate()
}

var propagationModes = map[string]bool{
	"private": true, "rprivate": true, "shared": true, "rshared": true, "slave": true, "rslave": true,
}

// bindModeClass gives each valid bind mode option its class; the daemon
// accepts at most one option per class.
var bindModeClass = map[string]string{
	"ro": "rw", "rw": "rw",
	"z": "label", "Z": "label",
	"private": "propagation", "rprivate": "propagation", "shared": "propagation",
	"rshared": "propagation", "slave": "propagation", "rslave": "propagation",
	"nocopy":     "copy",
	"consistent": "consistency", "cached": "consistency", "delegated": "consistency",
}

// validBindMode returns why the daemon would reject a bind mode, or "".
func validBindMode(mode string) string {
	if mode == "" {
		return ""
	}
	seen := map[string]bool{}
	for _, o := range strings.Split(mode, ",") {
		class, ok := bindModeClass[o]
		if !ok {
			return "unknown mode " + strconv.Quote(o)
		}
		if seen[class] {
			return "more than one " + class + " option in " + strconv.Quote(mode)
		}
		seen[class] = true
	}
	return ""
}

func isPropagationSet(opts []string) bool {
	return slices.ContainsFunc(opts, func(o string) bool { return propagationModes[o] })
}

// volumeName is what the local volume driver accepts as a volume name.
var volumeName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

// validate marks the checks the daemon makes on every mount. A value with
// an unknown variable is not judged: its real text may well be valid.
func (m Mount) validate() Mount {
	if m.Unresolved {
		return m
	}
	switch {
	case !path.IsAbs(m.Target) && m.Type != MountVolumesFrom:
		return m.invalid("target " + strconv.Quote(m.Target) + " is not an absolute path")
	case m.Target == "/":
		return m.invalid("target cannot be /")
	case m.Type == MountBind && !path.IsAbs(m.Source):
		return m.invalid("bind source " + strconv.Quote(m.RawSource) + " is not an absolute path")
	case m.Type == MountVolume && m.Source != "" && !volumeName.MatchString(m.Source):
		return m.invalid("invalid volume name " + strconv.Quote(m.Source))
	}
	return m
}

func (m Mount) invalid(reason string) Mount {
	m.Invalid, m.Reason = true, reason
	return m
}

// deriveAPIMount reads one HostConfig.Mounts entry (--mount, compose long
// syntax), positioned by its index.
func deriveAPIMount(s *Spec, i int, am mount.Mount) Mount {
	key := ValueKey(keyMounts, strconv.Itoa(i))
	m := Mount{
		Type:      string(am.Type),
		RawSource: am.Source,
		Source:    am.Source,
		Target:    cleanPath(am.Target),
		ReadOnly:  am.ReadOnly,
		Origin:    OriginMounts,
		Pos:       s.PosOf(key),
	}
	m.Unresolved = unresolved(s, key, am.Source+"\x00"+am.Target)
	switch am.Type {
	case mount.TypeBind:
		m.Source = cleanPath(am.Source)
		m.CanonicalSource = canonicalHostPath(m.Source)
		m.Propagation = "rprivate"
		if am.BindOptions != nil && am.BindOptions.Propagation != "" {
			m.Propagation = string(am.BindOptions.Propagation)
		}
	case mount.TypeVolume:
		m.NoCopy = am.VolumeOptions != nil && am.VolumeOptions.NoCopy
		m.HostPath = boundVolumeDevice(am.VolumeOptions)
		if m.HostPath != "" {
			m.Unresolved = m.Unresolved || unresolved(s, key, m.HostPath)
		}
	case mount.TypeTmpfs:
		if am.Source != "" {
			return m.invalid("tmpfs takes no source")
		}
		if am.TmpfsOptions != nil {
			for _, o := range am.TmpfsOptions.Options {
				if len(o) > 0 {
					m.Options = append(m.Options, strings.Join(o, "="))
				}
			}
		}
		m.Exec = tmpfsExec(m.Options)
	case mount.TypeImage, mount.TypeNamedPipe, mount.TypeCluster:
	default:
		return m.invalid("unknown mount type " + strconv.Quote(m.Type))
	}
	return m.validate()
}

// deriveTmpfs reads one HostConfig.Tmpfs entry: a target and its mount
// options.
func deriveTmpfs(s *Spec, target, opts string) Mount {
	key := ValueKey(keyTmpfs, target)
	raw := target
	m := Mount{Type: MountTmpfs, Target: cleanPath(target), Origin: OriginTmpfs, Pos: s.PosOf(key)}
	if opts != "" {
		raw += ":" + opts
		m.Options = strings.Split(opts, ",")
		m.ReadOnly = slices.Contains(m.Options, "ro")
	}
	m.Exec = tmpfsExec(m.Options)
	m.Raw = raw
	m.Unresolved = unresolved(s, key, raw)
	return m.validate()
}

// tmpfsExec applies a tmpfs's options over the daemon's noexec default:
// the last of exec and noexec wins, as the daemon merges them.
func tmpfsExec(opts []string) bool {
	exec := false
	for _, o := range opts {
		switch o {
		case "exec":
			exec = true
		case "noexec":
			exec = false
		}
	}
	return exec
}

// boundVolumeDevice returns the host path a volume of the local driver is
// bound to: options o holding bind or rbind, and device an absolute path
// (or a placeholder). Such a volume is a bind mount of the device under
// another name.
func boundVolumeDevice(vo *mount.VolumeOptions) string {
	if vo == nil || vo.DriverConfig == nil || (vo.DriverConfig.Name != "" && vo.DriverConfig.Name != "local") {
		return ""
	}
	opts := vo.DriverConfig.Options
	bind := false
	for _, o := range strings.Split(opts["o"], ",") {
		bind = bind || o == "bind" || o == "rbind"
	}
	dev := opts["device"]
	if !bind || !(strings.HasPrefix(dev, "/") || strings.HasPrefix(dev, "${")) {
		return ""
	}
	return cleanPath(dev)
}

// deriveVolumesFrom reads one HostConfig.VolumesFrom entry,
// `container[:ro|rw]`.
func deriveVolumesFrom(s *Spec, raw string) Mount {
	key := ValueKey(keyVolumesFrom, raw)
	spec := raw
	if s.Kind == KindCompose {
		// compose writes a container, rather than a service, as
		// container:NAME[:mode].
		spec = strings.TrimPrefix(spec, "container:")
	}
	name, mode, _ := strings.Cut(spec, ":")
	m := Mount{
		Type: MountVolumesFrom, Source: name, RawSource: name, Origin: OriginVolumesFrom, Raw: raw,
		ReadOnly: mode == "ro", Unresolved: unresolved(s, key, raw), Pos: s.PosOf(key),
	}
	switch {
	case name == "":
		return m.invalid("no container named")
	case mode != "" && mode != "ro" && mode != "rw":
		return m.invalid("unknown mode " + strconv.Quote(mode))
	}
	return m
}

// complete fills SourceDirs, for binds, and TargetDirs, and makes an empty
// Options a list rather than null.
func (m *Mount) complete() {
	if m.Options == nil {
		m.Options = []string{}
	}
	m.TargetDirs = dirs(m.Target, m.Unresolved)
	if m.Type == MountBind {
		m.HostPath = m.Source
	}
	m.SourceDirs = []string{}
	if m.HostPath != "" {
		m.SourceDirs = dirs(m.HostPath, m.Unresolved)
	}
}

// dirs returns the clean absolute path p and the directories above it,
// deepest first, ending with /; nothing for any other path.
func dirs(p string, unresolved bool) []string {
	if !strings.HasPrefix(p, "/") || (unresolved && strings.Contains(p, "${")) {
		return []string{}
	}
	out := make([]string, 0, strings.Count(p, "/")+1)
	for p != "/" {
		out = append(out, p)
		p = path.Dir(p)
	}
	return append(out, "/")
}

// cleanPath resolves `//`, `/./`, `..` and trailing slashes in an absolute
// path; anything else (a volume name, a placeholder) is left as written.
func cleanPath(p string) string {
	if !strings.HasPrefix(p, "/") {
		return p
	}
	return path.Clean(p)
}

// canonicalHostPath spells /var/run as /run: /var/run is a symlink to /run
// on every current Linux distribution, so `/var/run/docker.sock` and
// `/run/docker.sock` are the same socket.
func canonicalHostPath(p string) string {
	if p == "/var/run" || strings.HasPrefix(p, "/var/run/") {
		return p[len("/var"):]
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
