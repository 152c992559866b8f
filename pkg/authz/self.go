package authz

import (
	"path"
	"strings"

	"github.com/docker/docker/api/types/mount"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

// RuleSelf is the id of the self-protection findings, which deny even in
// audit mode.
const RuleSelf = "self-protection"

// DefaultProtected are the host directories a container must not bind:
// docker's own state and the places dockerd finds its plugins. Binding one
// (or a directory above one) lets a container rewrite dockerd's view of
// rungate or of every container.
func DefaultProtected() []string {
	return []string{"/var/lib/docker", "/etc/docker", "/run/docker/plugins", "/usr/lib/docker/plugins"}
}

// canonical spells a host path the way runspec's CanonicalSource does:
// cleaned, with /var/run as /run.
func canonical(p string) string {
	p = path.Clean("/" + p)
	if p == "/var/run" || strings.HasPrefix(p, "/var/run/") {
		p = strings.TrimPrefix(p, "/var")
	}
	return p
}

// overlaps reports whether one path is the other or lies under it.
func overlaps(a, b string) bool {
	return a == b || a == "/" || b == "/" || strings.HasPrefix(a, b+"/") || strings.HasPrefix(b, a+"/")
}

// selfMounts returns a self-protection finding for each bind mount of the
// spec that reaches a protected directory. It reads the bind sources
// directly rather than through runspec.Derive, which the engine has already
// run once: a bind string's source is everything before its first colon on
// Linux, and canonical cleans it as Derive would.
func selfMounts(spec *runspec.Spec, protected []string) []engine.Finding {
	hc := spec.Create.HostConfig
	if hc == nil {
		return nil
	}
	var out []engine.Finding
	check := func(src string) {
		if !strings.HasPrefix(src, "/") {
			return // a named volume
		}
		c := canonical(src)
		for _, p := range protected {
			if overlaps(c, canonical(p)) {
				out = append(out, selfFinding("the bind of "+src+" reaches "+p+", where docker keeps its state or finds its authorization plugin.",
					"Do not bind docker's state or plugin directories into a container."))
				return
			}
		}
	}
	for _, b := range hc.Binds {
		src, _, _ := strings.Cut(b, ":")
		check(src)
	}
	for _, m := range hc.Mounts {
		if m.Type == mount.TypeBind {
			check(m.Source)
		}
	}
	return out
}

// hexRef reports whether a plugin reference may be an id or id prefix.
func hexRef(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	return strings.Trim(s, "0123456789abcdef") == ""
}

// isSelf reports whether a plugin reference may name rungate: by name, with
// any repository, tag or digest, or by an id rungate cannot tell apart from
// its own.
func isSelf(ref string, names []string) bool {
	base := ref
	if i := strings.LastIndex(base, "/"); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.IndexAny(base, ":@"); i >= 0 {
		base = base[:i]
	}
	if hexRef(base) {
		return true
	}
	for _, n := range names {
		if base == n {
			return true
		}
	}
	return false
}

// pluginAllowed reports whether a plugin reference is on the allow list,
// compared by name without tag.
func pluginAllowed(ref string, allow []string) bool {
	name := ref
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name = name[:i]
	}
	for _, a := range allow {
		if a == ref || a == name {
			return true
		}
	}
	return false
}

func selfFinding(msg, fix string) engine.Finding {
	return engine.Finding{Rule: RuleSelf, Severity: engine.Critical, Title: "Request against rungate itself", Message: msg, Remediation: fix}
}
