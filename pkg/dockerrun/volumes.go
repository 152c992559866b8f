package dockerrun

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/docker/cli/opts"
	"github.com/docker/docker/api/types/mount"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildVolumes sorts -v entries the way the CLI does: an entry with a source
// is a bind (host path or named volume) kept verbatim in HostConfig.Binds,
// except that a source starting with "." is made absolute; an entry without
// one is an anonymous volume in Config.Volumes. The CLI collects -v in a map,
// so repeats collapse and the order it sends is random; rungate keeps the
// first-seen order.
func (b *builder) buildVolumes() error {
	b.config.Volumes = map[string]struct{}{}
	seen := map[string]bool{}
	for _, o := range b.occ["volume"] {
		if seen[o.raw] {
			continue
		}
		seen[o.raw] = true
		hasSource, err := parseVolumeSpec(o.raw)
		keep, rerr := b.keep(runspec.FieldKey("HostConfig.Binds"), o, err)
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		if !hasSource {
			b.config.Volumes[o.raw] = struct{}{}
			b.mark(runspec.ValueKey("Config.Volumes", o.raw), o)
			continue
		}
		bind := o.raw
		if strings.HasPrefix(bind, ".") {
			host, rest, _ := strings.Cut(bind, ":")
			bind = b.abs(host) + ":" + rest
		}
		b.host.Binds = append(b.host.Binds, bind)
		b.mark(runspec.ValueKey("HostConfig.Binds", bind), o)
	}
	return nil
}

// parseVolumeSpec reads a -v value as the CLI does, only far enough to know
// whether it names a source (source:target[:options]) or only a target, and
// to reject the shapes the CLI rejects. Options are not checked: the daemon
// does that. A one-letter first section followed by ':' is a Windows drive
// letter and stays part of the path, which is why "c:/x" is a target only.
func parseVolumeSpec(spec string) (hasSource bool, err error) {
	switch len(spec) {
	case 0:
		return false, errors.New("invalid empty volume spec")
	case 1, 2:
		return false, nil
	}
	var source, target bool
	section := []rune{}
	runes := []rune(spec)
	for i := 0; i <= len(runes); i++ {
		atEnd := i == len(runes)
		if !atEnd && runes[i] == ':' && len(section) == 1 && unicode.IsLetter(section[0]) {
			section = append(section, ':')
			continue
		}
		if !atEnd && runes[i] != ':' {
			section = append(section, runes[i])
			continue
		}
		switch {
		case len(section) == 0:
			return false, fmt.Errorf("invalid spec: %s: empty section between colons", spec)
		case !source && atEnd:
			return false, nil // only a target: an anonymous volume
		case !source:
			source = true
		case !target:
			target = true
		case !atEnd:
			return false, fmt.Errorf("invalid spec: %s: too many colons", spec)
		}
		section = section[:0]
	}
	return true, nil
}

// buildTmpfs fills HostConfig.Tmpfs: path[:options], options verbatim, the
// last entry for a path wins.
func (b *builder) buildTmpfs() error {
	for _, o := range b.occ["tmpfs"] {
		if b.host.Tmpfs == nil {
			b.host.Tmpfs = map[string]string{}
		}
		path, options, _ := strings.Cut(o.raw, ":")
		b.host.Tmpfs[path] = options
		b.mark(runspec.ValueKey("HostConfig.Tmpfs", path), o)
	}
	return nil
}

// mountList is --mount: the CLI's MountOpt, plus the raw values, because the
// CLI makes a relative "." source absolute against its own working directory
// and rungate must use Options.WorkDir instead.
type mountList struct {
	opts.MountOpt
	raw []string
}

// Set parses one --mount value with the CLI's parser.
func (m *mountList) Set(value string) error {
	if err := m.MountOpt.Set(value); err != nil {
		return err
	}
	m.raw = append(m.raw, value)
	return nil
}

// buildMounts copies the parsed --mount values, re-rooting relative sources.
func (b *builder) buildMounts() error {
	values := b.flags.mounts.Value()
	for i, m := range values {
		if src, ok := mountSource(b.flags.mounts.raw[i]); ok && strings.HasPrefix(src, ".") {
			m.Source = b.abs(src)
		}
		b.host.Mounts = append(b.host.Mounts, m)
		if occs := b.occ["mount"]; i < len(occs) {
			b.mark(runspec.ValueKey("HostConfig.Mounts", strconv.Itoa(i)), occs[i])
		}
	}
	return nil
}

// mountSource finds the source as written in a --mount value (the last
// src= or source=, keys compared case-insensitively like the CLI does).
func mountSource(value string) (string, bool) {
	fields, err := csv.NewReader(strings.NewReader(value)).Read()
	if err != nil {
		return "", false
	}
	var src string
	var found bool
	for _, field := range fields {
		k, v, ok := strings.Cut(field, "=")
		if k = strings.ToLower(k); ok && (k == "src" || k == "source") {
			src, found = v, true
		}
	}
	return src, found
}

// dockerSocket is the daemon socket --use-api-socket mounts; docker/cli
// 28.5 hard-codes it (28.2 used the DOCKER_HOST path).
const dockerSocket = "/var/run/docker.sock"

// buildAPISocket adds the bind mount of the Docker API socket, after the
// --mount ones, as the CLI does. (The CLI also copies registry credentials
// into the container; they are not part of the create body.)
func (b *builder) buildAPISocket() error {
	if !b.flags.useAPISocket {
		return nil
	}
	b.host.Mounts = append(b.host.Mounts, mount.Mount{
		Type:        mount.TypeBind,
		Source:      dockerSocket,
		Target:      dockerSocket,
		BindOptions: &mount.BindOptions{},
	})
	b.mark(runspec.ValueKey("HostConfig.Mounts", strconv.Itoa(len(b.host.Mounts)-1)), b.last("use-api-socket"))
	return nil
}
