package dockerrun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// buildCaps fills CapAdd and CapDrop as the moby Go client sends them: it
// normalizes the CLI's lists just before the request (upper case, "CAP_"
// prefix except for ALL, duplicates removed, sorted). Nothing is trimmed or
// validated: the daemon does that.
func (b *builder) buildCaps() error {
	b.host.CapAdd = b.caps("cap-add", "HostConfig.CapAdd")
	b.host.CapDrop = b.caps("cap-drop", "HostConfig.CapDrop")
	return nil
}

func (b *builder) caps(flag, field string) []string {
	seen := map[string]bool{}
	var out []string
	for _, o := range b.occ[flag] {
		c := runspec.ClientCapName(o.stored)
		b.mark(runspec.ValueKey(field, c), o)
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// buildSecurityOpts fills SecurityOpt as the CLI does: each value is key=value
// (or the deprecated key:value); only no-new-privileges may go without a
// value. A seccomp profile that is a file is read and sent inline as compact
// JSON; systempaths=unconfined is not sent but empties MaskedPaths and
// ReadonlyPaths.
func (b *builder) buildSecurityOpts() error {
	if b.changed("security-opt") {
		// Sent as [] rather than null once the flag is given, even if
		// systempaths=unconfined was its only value.
		b.host.SecurityOpt = []string{}
	}
	for _, o := range b.occ["security-opt"] {
		opt, err := b.securityOpt(o.raw)
		keep, rerr := b.keep(runspec.FieldKey("HostConfig.SecurityOpt"), o, err)
		if rerr != nil {
			return rerr
		}
		if !keep {
			continue
		}
		if opt == "systempaths=unconfined" {
			b.host.MaskedPaths, b.host.ReadonlyPaths = []string{}, []string{}
			b.mark(runspec.FieldKey("HostConfig.MaskedPaths"), o)
			b.mark(runspec.FieldKey("HostConfig.ReadonlyPaths"), o)
			continue
		}
		b.host.SecurityOpt = append(b.host.SecurityOpt, opt)
		b.mark(runspec.ValueKey("HostConfig.SecurityOpt", opt), o)
	}
	return nil
}

// securityOpt checks one --security-opt value and returns what is sent.
func (b *builder) securityOpt(opt string) (string, error) {
	sep := "="
	key, value, ok := strings.Cut(opt, sep)
	if !ok {
		sep = ":"
		key, value, ok = strings.Cut(opt, sep)
	}
	if !ok || value == "" {
		if key == "no-new-privileges" {
			return opt, nil
		}
		return "", fmt.Errorf("invalid --security-opt: %q", opt)
	}
	if key != "seccomp" || value == "unconfined" || value == "builtin" {
		return opt, nil
	}
	profile, err := b.readFile(value)
	if err != nil {
		return "", fmt.Errorf("opening seccomp profile (%s) failed: %w", value, err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, profile); err != nil {
		return "", fmt.Errorf("compacting json for seccomp profile (%s) failed: %w", value, err)
	}
	return "seccomp=" + compact.String(), nil
}
