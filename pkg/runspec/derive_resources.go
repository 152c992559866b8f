package runspec

import (
	"github.com/docker/docker/api/types/container"
)

// Resources is what the spec says about the container's cgroup limits,
// restart policy and healthcheck. Each part's pos is where it was set,
// else the spec's origin (a missing setting points at the command or the
// compose service).
type Resources struct {
	Memory         Limit          `json:"memory"`
	Pids           Limit          `json:"pids"`
	CPU            CPU            `json:"cpu"`
	OomKillDisable OomKillDisable `json:"oom_kill_disable"`
	CgroupParent   CgroupParent   `json:"cgroup_parent"`
}

// Limit is one numeric limit: HostConfig.Memory in bytes, or
// HostConfig.PidsLimit. Limited is set for a positive value; 0, -1 and an
// absent value all mean unlimited.
type Limit struct {
	Value   int64 `json:"value"`
	Limited bool  `json:"limited"`
	Pos     Pos   `json:"pos"`
}

// CPU is the container's CPU allotment: NanoCpus (--cpus), CpuQuota
// (--cpu-quota) and CpuShares (--cpu-shares, a relative weight). Limited is
// set when any of them is positive.
type CPU struct {
	NanoCPUs int64 `json:"nano_cpus"`
	Quota    int64 `json:"quota"`
	Shares   int64 `json:"shares"`
	Limited  bool  `json:"limited"`
	Pos      Pos   `json:"pos"`
}

// OomKillDisable is HostConfig.OomKillDisable.
type OomKillDisable struct {
	Disabled bool `json:"disabled"`
	Pos      Pos  `json:"pos"`
}

// CgroupParent is HostConfig.CgroupParent; Set is false for "" (the
// daemon's default parent).
type CgroupParent struct {
	Value      string `json:"value"`
	Set        bool   `json:"set"`
	Unresolved bool   `json:"unresolved"`
	Pos        Pos    `json:"pos"`
}

func deriveResources(s *Spec, hc *container.HostConfig) Resources {
	r := Resources{
		Memory: Limit{Value: hc.Memory, Limited: hc.Memory > 0, Pos: s.PosOf(FieldKey("HostConfig.Memory"))},
		Pids:   Limit{Pos: s.PosOf(FieldKey("HostConfig.PidsLimit"))},
		CPU: CPU{
			NanoCPUs: hc.NanoCPUs, Quota: hc.CPUQuota, Shares: hc.CPUShares,
			Limited: hc.NanoCPUs > 0 || hc.CPUQuota > 0 || hc.CPUShares > 0,
			Pos:     firstPos(s, FieldKey("HostConfig.NanoCpus"), FieldKey("HostConfig.CpuQuota"), FieldKey("HostConfig.CpuShares")),
		},
		OomKillDisable: OomKillDisable{Pos: s.PosOf(FieldKey("HostConfig.OomKillDisable"))},
	}
	if hc.PidsLimit != nil {
		r.Pids.Value = *hc.PidsLimit
		r.Pids.Limited = *hc.PidsLimit > 0
	}
	if hc.OomKillDisable != nil {
		r.OomKillDisable.Disabled = *hc.OomKillDisable
	}
	key := FieldKey("HostConfig.CgroupParent")
	r.CgroupParent = CgroupParent{
		Value: hc.CgroupParent, Set: hc.CgroupParent != "",
		Unresolved: unresolved(s, key, hc.CgroupParent), Pos: s.PosOf(key),
	}
	return r
}

// Restart is HostConfig.RestartPolicy. Name is "no" when none is set
// (dockerd's default); MaxRetries is MaximumRetryCount, 0 meaning no
// maximum for on-failure.
type Restart struct {
	Name       string `json:"name"`
	MaxRetries int    `json:"max_retries"`
	Unresolved bool   `json:"unresolved"`
	Pos        Pos    `json:"pos"`
}

func deriveRestart(s *Spec, hc *container.HostConfig) Restart {
	key := FieldKey("HostConfig.RestartPolicy")
	name := string(hc.RestartPolicy.Name)
	r := Restart{Name: name, MaxRetries: hc.RestartPolicy.MaximumRetryCount, Unresolved: unresolved(s, key, name), Pos: s.PosOf(key)}
	if r.Name == "" {
		r.Name = "no"
	}
	return r
}

// The states of a healthcheck.
const (
	// HealthUnset: the spec sets no test; the image's HEALTHCHECK, if it
	// has one, applies (for inspect input the image's is already merged in).
	HealthUnset = "unset"
	// HealthSet: the spec sets a test command.
	HealthSet = "set"
	// HealthDisabled: the spec turns the check off (--no-healthcheck,
	// Test ["NONE"], compose `disable: true`).
	HealthDisabled = "disabled"
)

// Healthcheck is Config.Healthcheck reduced to what a rule needs.
type Healthcheck struct {
	State string `json:"state"`
	Pos   Pos    `json:"pos"`
}

func deriveHealthcheck(s *Spec, cfg *container.Config) Healthcheck {
	h := Healthcheck{State: HealthUnset, Pos: s.PosOf(FieldKey("Config.Healthcheck"))}
	if cfg.Healthcheck == nil || len(cfg.Healthcheck.Test) == 0 {
		// Options with no test (--health-interval alone) keep the image's.
		return h
	}
	// dockerd compares "NONE" case-sensitively.
	h.State = HealthSet
	if cfg.Healthcheck.Test[0] == "NONE" {
		h.State = HealthDisabled
	}
	return h
}
