package dockerrun

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildDevices fills HostConfig.Devices from --device, and DeviceRequests
// from --gpus followed by one "cdi" request holding every --device that is a
// CDI device name (vendor/class=name), as the CLI sends them.
func (b *builder) buildDevices() error {
	b.host.Devices = []container.DeviceMapping{}
	var cdi []string
	for _, o := range b.occ["device"] {
		isCDI, err := isCDIName(o.raw)
		if err == nil && isCDI {
			cdi = append(cdi, o.raw)
			continue
		}
		var d container.DeviceMapping
		if err == nil {
			d, err = parseDevice(o.raw)
		}
		keep, rerr := b.keep(runspec.FieldKey("HostConfig.Devices"), o, err)
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		b.host.Devices = append(b.host.Devices, d)
		b.mark(runspec.ValueKey("HostConfig.Devices", d.PathOnHost), o)
	}

	b.host.DeviceRequests = b.flags.gpus.Value()
	for i, o := range b.occ["gpus"] {
		b.mark(runspec.ValueKey("HostConfig.DeviceRequests", strconv.Itoa(i)), o)
	}
	if len(cdi) > 0 {
		b.host.DeviceRequests = append(b.host.DeviceRequests, container.DeviceRequest{Driver: "cdi", DeviceIDs: cdi})
		for _, o := range b.occ["device"] {
			if ok, _ := isCDIName(o.raw); ok {
				b.mark(runspec.ValueKey("HostConfig.DeviceRequests", strconv.Itoa(len(b.host.DeviceRequests)-1)), o)
			}
		}
	}
	b.host.DeviceCgroupRules = nilIfEmpty(b.flags.deviceCgroupRules.GetSlice())
	for _, o := range b.occ["device-cgroup-rule"] {
		b.mark(runspec.ValueKey("HostConfig.DeviceCgroupRules", o.stored), o)
	}
	return nil
}

// parseDevice reads host[:container][:permissions]. A second part that is a
// valid permission set is the permissions. The container path must be
// absolute and is cleaned; when it defaults to the host path, both are the
// cleaned path.
func parseDevice(value string) (container.DeviceMapping, error) {
	parts := strings.Split(value, ":")
	if parts[0] == "" || len(parts) > 3 {
		return container.DeviceMapping{}, fmt.Errorf("bad format for path: %s", value)
	}
	src, dst, perms, implicit := parts[0], parts[0], "rwm", true
	switch {
	case len(parts) == 2 && validDeviceMode(parts[1]):
		perms = parts[1]
	case len(parts) == 2:
		dst, implicit = parts[1], false
	case len(parts) == 3 && !validDeviceMode(parts[2]):
		return container.DeviceMapping{}, fmt.Errorf("bad mode specified: %s", parts[2])
	case len(parts) == 3:
		dst, perms, implicit = parts[1], parts[2], false
	}
	if !path.IsAbs(dst) {
		return container.DeviceMapping{}, fmt.Errorf("%s is not an absolute path", dst)
	}
	dst = path.Clean(dst)
	if implicit {
		src = dst
	}
	return container.DeviceMapping{PathOnHost: src, PathInContainer: dst, CgroupPermissions: perms}, nil
}

// validDeviceMode accepts one to three of r, w, m, each at most once.
func validDeviceMode(mode string) bool {
	if mode == "" || len(mode) > 3 {
		return false
	}
	seen := map[rune]bool{}
	for _, c := range mode {
		if !strings.ContainsRune("rwm", c) || seen[c] {
			return false
		}
		seen[c] = true
	}
	return true
}

// errCDICrash marks the device names on which docker CLI 28.2 crashes (a
// one-letter vendor or class); the command never reaches the daemon.
var errCDICrash = errors.New("one-letter CDI vendor or class (the docker CLI crashes on it)")

// isCDIName reports whether a --device value is a fully qualified CDI device
// name, vendor/class=name: vendor and class start with a letter, end with a
// letter or digit and otherwise hold letters, digits, '_', '-' and '.';
// name starts and ends with a letter or digit and may also hold ':'. All
// ASCII.
func isCDIName(value string) (bool, error) {
	vendor, rest, ok := strings.Cut(value, "/")
	if !ok {
		return false, nil
	}
	class, name, ok := strings.Cut(rest, "=")
	if !ok || vendor == "" || class == "" || name == "" {
		return false, nil
	}
	for _, qualifier := range []string{vendor, class} {
		valid, crash := cdiQualifier(qualifier)
		if crash {
			return false, fmt.Errorf("invalid device %q: %w", value, errCDICrash)
		}
		if !valid {
			return false, nil
		}
	}
	return cdiPart(name, isAlnum, "_-.:"), nil
}

// cdiQualifier checks a vendor or class. The CLI validates the first and
// last characters before the middle ones, and crashes on the middle of a
// one-character qualifier; crash reports that case.
func cdiQualifier(s string) (valid, crash bool) {
	if !isLetter(s[0]) || !isAlnum(s[len(s)-1]) {
		return false, false
	}
	if len(s) == 1 {
		return false, true
	}
	return cdiPart(s, isLetter, "_-."), false
}

// cdiPart checks that s starts with first(), ends with a letter or digit and
// has only letters, digits and the extra characters in between.
func cdiPart(s string, first func(byte) bool, extra string) bool {
	if !first(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !isAlnum(s[i]) && !strings.ContainsRune(extra, rune(s[i])) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool  { return isLetter(c) || '0' <= c && c <= '9' }

// nilIfEmpty turns an empty list into nil, which the body sends as null.
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
