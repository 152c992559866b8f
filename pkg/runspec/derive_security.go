package runspec

import (
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"
)

// Security is the parsed HostConfig.SecurityOpt, with the `=` and the
// deprecated `:` separator read alike, plus systempaths, which the CLI turns
// into empty MaskedPaths and ReadonlyPaths.
type Security struct {
	Seccomp         Seccomp         `json:"seccomp"`
	AppArmor        AppArmor        `json:"apparmor"`
	NoNewPrivileges NoNewPrivileges `json:"no_new_privileges"`
	Label           Label           `json:"label"`
	Systempaths     Systempaths     `json:"systempaths"`
	// Options is every security option as parsed, in order.
	Options []SecurityOpt `json:"options"`
}

// Seccomp modes.
const (
	SeccompDefault    = "default"
	SeccompUnconfined = "unconfined"
	SeccompProfile    = "profile"
)

// Seccomp is the container's seccomp setting. Mode is SeccompDefault unless
// an option says otherwise ("builtin" names the default profile).
type Seccomp struct {
	Mode string `json:"mode"`
	// Profile is the option's value: an inline JSON profile (the CLI reads
	// the file) or a path a static input could not read.
	Profile string `json:"profile"`
	Set     bool   `json:"set"`
	// Raw is the option that decided, as written ("seccomp:unconfined").
	Raw string `json:"raw"`
	Pos Pos    `json:"pos"`
}

// AppArmor is the container's AppArmor profile; an empty Profile means the
// daemon's default (docker-default where AppArmor is enabled).
type AppArmor struct {
	Profile    string `json:"profile"`
	Unconfined bool   `json:"unconfined"`
	Set        bool   `json:"set"`
	// Raw is the option that decided, as written ("apparmor:unconfined").
	Raw string `json:"raw"`
	Pos Pos    `json:"pos"`
}

// NoNewPrivileges is the no-new-privileges option in any of its spellings;
// the last one wins, as in the daemon. When Set is false the daemon's own
// setting applies.
type NoNewPrivileges struct {
	Enabled bool `json:"enabled"`
	Set     bool `json:"set"`
	// Raw is the option that decided, as written ("no-new-privileges:false").
	Raw string `json:"raw"`
	Pos Pos    `json:"pos"`
}

// Label is the SELinux label setting: disabled (`label=disable`, or the API's
// bare `disable`), or user/role/type/level options.
type Label struct {
	Disabled bool     `json:"disabled"`
	Options  []string `json:"options"`
	Set      bool     `json:"set"`
	// Raw is the option that disabled labelling, as written
	// ("label:disable"), else the first label option.
	Raw string `json:"raw"`
	Pos Pos    `json:"pos"`
}

// Systempaths says whether the daemon's masking of /proc and /sys paths is
// off. dockerd fills a MaskedPaths or ReadonlyPaths list that is absent
// (null) with its defaults, but keeps one that is present and empty, so
// each list can be cleared on its own through the API; the CLI's
// systempaths=unconfined clears both.
type Systempaths struct {
	// Unconfined is set when both lists are present and empty.
	Unconfined bool `json:"unconfined"`
	// Unmasked is set when MaskedPaths is present and empty: /proc/kcore,
	// /proc/keys, /sys/firmware and the rest are readable.
	Unmasked bool `json:"unmasked"`
	// Writable is set when ReadonlyPaths is present and empty: /proc/sys,
	// /proc/sysrq-trigger, /proc/irq and /proc/bus are writable.
	Writable bool `json:"writable"`
	// Pos is where MaskedPaths was set, or ReadonlyPaths when only that
	// list is cleared.
	Pos Pos `json:"pos"`
}

// SecurityOpt is one HostConfig.SecurityOpt value split into key and value.
type SecurityOpt struct {
	Raw   string `json:"raw"`
	Key   string `json:"key"`
	Value string `json:"value"`
	// Invalid is set, with Reason, when the daemon would reject the option.
	Invalid bool   `json:"invalid"`
	Reason  string `json:"reason,omitempty"`
	Pos     Pos    `json:"pos"`
}

const keySecurityOpt = "HostConfig.SecurityOpt"

func deriveSecurity(s *Spec, hc *container.HostConfig) Security {
	sec := Security{
		Seccomp:     Seccomp{Mode: SeccompDefault, Pos: s.PosOf(FieldKey(keySecurityOpt))},
		AppArmor:    AppArmor{Pos: s.PosOf(FieldKey(keySecurityOpt))},
		Label:       Label{Options: []string{}, Pos: s.PosOf(FieldKey(keySecurityOpt))},
		Options:     make([]SecurityOpt, 0, len(hc.SecurityOpt)),
		Systempaths: Systempaths{Pos: s.PosOf(FieldKey("HostConfig.MaskedPaths"))},
	}
	sec.NoNewPrivileges.Pos = sec.Seccomp.Pos
	for _, raw := range hc.SecurityOpt {
		o := parseSecurityOpt(raw)
		o.Pos = s.PosOf(ValueKey(keySecurityOpt, raw))
		sec.Options = append(sec.Options, o)
		if !o.Invalid {
			sec.apply(o)
		}
	}
	sp := &sec.Systempaths
	sp.Unmasked = hc.MaskedPaths != nil && len(hc.MaskedPaths) == 0
	sp.Writable = hc.ReadonlyPaths != nil && len(hc.ReadonlyPaths) == 0
	sp.Unconfined = sp.Unmasked && sp.Writable
	if sp.Writable && !sp.Unmasked {
		sp.Pos = s.PosOf(FieldKey("HostConfig.ReadonlyPaths"))
	}
	return sec
}

// parseSecurityOpt splits an option as the daemon does: at the first `=`,
// else at the first `:`; only no-new-privileges and disable stand alone.
func parseSecurityOpt(raw string) SecurityOpt {
	o := SecurityOpt{Raw: raw}
	switch raw {
	case "no-new-privileges":
		o.Key, o.Value = raw, "true"
		return o
	case "disable":
		o.Key, o.Value = "label", "disable"
		return o
	}
	sep := "="
	if !strings.Contains(raw, "=") {
		sep = ":"
	}
	k, v, ok := strings.Cut(raw, sep)
	o.Key, o.Value = k, v
	switch {
	case !ok:
		o.Invalid, o.Reason = true, "no value"
	case k == "no-new-privileges":
		if _, err := strconv.ParseBool(v); err != nil {
			o.Invalid, o.Reason = true, "no-new-privileges takes a boolean"
		}
	case k == "writable-cgroups":
		if _, err := strconv.ParseBool(v); err != nil {
			o.Invalid, o.Reason = true, "writable-cgroups takes a boolean"
		}
	case k == "seccomp", k == "apparmor", k == "label":
	default:
		o.Invalid, o.Reason = true, "unknown option "+strconv.Quote(k)
	}
	return o
}

func (sec *Security) apply(o SecurityOpt) {
	switch o.Key {
	case "seccomp":
		sec.Seccomp = Seccomp{Mode: seccompMode(o.Value), Profile: o.Value, Set: true, Raw: o.Raw, Pos: o.Pos}
	case "apparmor":
		sec.AppArmor = AppArmor{Profile: o.Value, Unconfined: o.Value == "unconfined", Set: true, Raw: o.Raw, Pos: o.Pos}
	case "no-new-privileges":
		enabled, _ := strconv.ParseBool(o.Value)
		sec.NoNewPrivileges = NoNewPrivileges{Enabled: enabled, Set: true, Raw: o.Raw, Pos: o.Pos}
	case "label":
		if o.Value == "disable" {
			sec.Label.Disabled = true
		} else {
			sec.Label.Options = append(sec.Label.Options, o.Value)
		}
		if !sec.Label.Set || o.Value == "disable" {
			sec.Label.Pos, sec.Label.Raw = o.Pos, o.Raw
		}
		sec.Label.Set = true
	}
}

func seccompMode(v string) string {
	switch v {
	case "unconfined":
		return SeccompUnconfined
	case "", "builtin":
		return SeccompDefault
	}
	return SeccompProfile
}
