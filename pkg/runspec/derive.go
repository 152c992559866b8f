package runspec

import (
	"strings"

	"github.com/docker/docker/api/types/container"
)

// Derived is the view of a spec that rules read instead of re-parsing the
// strings of the create body: each list and option is parsed once, here, with
// the daemon's rules, and every item carries the position it was written at.
// It is computed from Spec.Create alone, so it is the same for every input
// kind.
type Derived struct {
	Mounts       []Mount      `json:"mounts"`
	Capabilities Capabilities `json:"capabilities"`
	Security     Security     `json:"security"`
	Namespaces   Namespaces   `json:"namespaces"`
	Ports        []Port       `json:"ports"`
	User         User         `json:"user"`
	Log          Log          `json:"log"`
	GroupAdd     []Group      `json:"group_add"`

	Devices           []Device           `json:"devices"`
	DeviceCgroupRules []DeviceCgroupRule `json:"device_cgroup_rules"`
	Sysctls           []Sysctl           `json:"sysctls"`
	Resources         Resources          `json:"resources"`
	Restart           Restart            `json:"restart"`
	Healthcheck       Healthcheck        `json:"healthcheck"`
	Image             Image              `json:"image"`
	Env               []EnvVar           `json:"env"`
}

// Derive computes the derived view of s. It never fails: a value the daemon
// would reject is kept and marked invalid, so that a rule can still judge it.
func Derive(s *Spec) Derived {
	cfg, hc := parts(s)
	return Derived{
		Mounts:       deriveMounts(s, cfg, hc),
		Capabilities: deriveCapabilities(s, hc),
		Security:     deriveSecurity(s, hc),
		Namespaces:   deriveNamespaces(s, hc),
		Ports:        derivePorts(s, cfg, hc),
		User:         deriveUser(s, cfg),
		Log:          deriveLog(s, hc),
		GroupAdd:     deriveGroupAdd(s, hc),

		Devices:           deriveDevices(s, hc),
		DeviceCgroupRules: deriveDeviceCgroupRules(s, hc),
		Sysctls:           deriveSysctls(s, hc),
		Resources:         deriveResources(s, hc),
		Restart:           deriveRestart(s, hc),
		Healthcheck:       deriveHealthcheck(s, cfg),
		Image:             deriveImage(s, cfg),
		Env:               deriveEnv(s, cfg),
	}
}

// parts returns the create body's Config and HostConfig, never nil, so the
// derive functions need not guard every field access.
func parts(s *Spec) (*container.Config, *container.HostConfig) {
	cfg, hc := s.Create.Config, s.Create.HostConfig
	if cfg == nil {
		cfg = &container.Config{}
	}
	if hc == nil {
		hc = &container.HostConfig{}
	}
	return cfg, hc
}

// unresolved reports whether the value at key, or the text itself, holds a
// variable whose value is unknown. Inputs mark such values in s.Unresolved and
// leave a visible ${NAME} placeholder in the text; either sign is enough.
func unresolved(s *Spec, key, text string) bool {
	return s.Unresolved[key] || strings.Contains(text, "${")
}
