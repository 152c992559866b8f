package authz

import (
	"context"
	"fmt"
	"strings"

	"github.com/docker/docker/api/types/container"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

// What dockerd does with POST /containers/{id}/update, read in
// github.com/docker/docker v28.5.2 (api/server/router/container
// postContainerUpdate, daemon/update.go, container.UpdateContainer in
// container/container_unix.go, verifyPlatformContainerResources in
// daemon/daemon_unix.go, toContainerdResources in daemon/update_linux.go)
// and the Engine API's ContainerUpdate (api/swagger.yaml):
//
//   - The body is an UpdateConfig: Resources and RestartPolicy. Only some
//     resources are applied; Devices, DeviceRequests, DeviceCgroupRules,
//     CgroupParent, Ulimits, OomKillDisable and MemorySwappiness are decoded
//     and then dropped, so an update cannot add a device, a privilege or
//     turn the OOM killer off.
//   - A numeric field is applied only when it is not 0: Memory 0, NanoCpus
//     0, CpuQuota 0 or CpuShares 0 leaves the container's value as it was.
//     An update can therefore not set a limit back to 0.
//   - PidsLimit null leaves it; 0 or any negative value is turned into 0 by
//     the router and applied as "unlimited" (-1 to runc). Below API 1.40 the
//     router drops PidsLimit; rungate judges it at every version anyway.
//   - Memory under 6 MB, negative included, is refused by dockerd; a larger
//     one replaces the limit. MemorySwap -1 makes swap unlimited but keeps
//     Memory: the memory limit the linter checks still holds.
//   - NanoCpus below 0 is refused. CpuQuota is not checked below 0: -1 is
//     stored and handed to runc, where it removes the CFS quota, and at the
//     next start it overrides the quota NanoCpus would give. CpuShares below
//     0 is not checked either and is no weight.
//   - RestartPolicy is applied when its Name is not "" (then validated as on
//     create: no, always, unless-stopped, or on-failure with a maximum).
//
// An update is judged by the rules that judge a create with the same
// values: a field the update sets to a value the linter calls unlimited is
// a finding of that rule, a field it leaves unchanged is not, and a larger
// limit is still a limit (the linter checks that a limit exists, not its
// size). A lifted limit is at least high, unless the profile or the
// configuration chose the rule's severity: a create without a limit is
// judged as it is written, but an update that lifts one strips a running
// container of a limit it was admitted with, which is the escalation the
// gate is there to stop. Recreating the container without the limit goes
// through the create rules at their usual severity.

// The catalogue's rules an update can offend.
const (
	ruleMemoryLimit   = "memory-limit-missing"
	rulePidsLimit     = "pids-limit-missing"
	ruleCPULimit      = "cpu-limit-missing"
	ruleRestartPolicy = "restart-policy"
)

// consequence is the linter's words for a container without the limit a
// rule checks.
func consequence(rule string) string {
	switch rule {
	case ruleMemoryLimit:
		return "has no memory limit, so it can use all of the host's memory"
	case rulePidsLimit:
		return "has no process limit, so a fork bomb can exhaust the host's processes"
	case ruleCPULimit:
		return "has no CPU limit or weight, so it can starve the host of CPU"
	}
	return "has a limit lifted"
}

// lift is one limit an update removes: the rule it offends and what the
// update sets, in the Engine API's field names.
type lift struct {
	rule string
	sets string
}

// judgeUpdate judges a container update: each lifted limit is a finding of
// the rule that checks it on create, and a restart policy is judged by the
// restart-policy rule. A rule the running policy does not choose is not
// enforced here either.
func judgeUpdate(ctx context.Context, p *Policy, t target, id string, upd container.UpdateConfig) verdict {
	chosen := make(map[string]engine.Rule)
	for _, r := range p.Engine.Rules() {
		chosen[r.ID] = r
	}
	subject := fmt.Sprintf("container %q", id)
	var v verdict
	for _, l := range liftedLimits(upd.Resources) {
		r, ok := chosen[l.rule]
		if !ok {
			continue
		}
		sev := r.Severity
		if !r.SeverityChosen() {
			sev = max(sev, engine.High)
		}
		v.findings = append(v.findings, engine.Finding{
			Rule: r.ID, Severity: sev, Title: r.Title, Remediation: r.Remediation, Pos: origin(t),
			Message: fmt.Sprintf("update sets %s: %s then %s", l.sets, subject, consequence(l.rule)),
		})
	}
	if upd.RestartPolicy.Name == "" {
		return v
	}
	fs, err := restartFindings(ctx, p, t, id, upd.RestartPolicy)
	if err != nil {
		return failClosed("container update: %v", err)
	}
	v.findings = append(v.findings, fs...)
	return v
}

// liftedLimits lists the limits an update removes, by dockerd's semantics
// above: only fields it applies, at values the linter calls unlimited.
func liftedLimits(res container.Resources) []lift {
	var out []lift
	if res.PidsLimit != nil && *res.PidsLimit <= 0 {
		out = append(out, lift{rulePidsLimit, fmt.Sprintf("PidsLimit to %d (unlimited)", *res.PidsLimit)})
	}
	if res.Memory < 0 {
		out = append(out, lift{ruleMemoryLimit, fmt.Sprintf("Memory to %d (no limit)", res.Memory)})
	}
	if sets := cpuLifted(res); sets != "" {
		out = append(out, lift{ruleCPULimit, sets})
	}
	return out
}

// cpuLifted says which CPU fields an update sets to no bound, or "" when it
// sets none or also sets a positive one: the linter counts any positive
// NanoCpus, CpuQuota or CpuShares as a bound, and so does this.
func cpuLifted(res container.Resources) string {
	fields := []struct {
		name string
		v    int64
	}{{"NanoCpus", res.NanoCPUs}, {"CpuQuota", res.CPUQuota}, {"CpuShares", res.CPUShares}}
	var neg []string
	for _, f := range fields {
		switch {
		case f.v > 0:
			return ""
		case f.v < 0:
			neg = append(neg, fmt.Sprintf("%s to %d", f.name, f.v))
		}
	}
	if len(neg) == 0 {
		return ""
	}
	return strings.Join(neg, " and ") + " (no CPU bound)"
}

// restartFindings runs the policy on a spec holding only the update's
// restart policy and keeps the restart-policy rule's findings, so that the
// rule's policy data (restart.max_retries, restart.flag_unlimited) and its
// words apply to updates as to creates.
func restartFindings(ctx context.Context, p *Policy, t target, id string, rp container.RestartPolicy) ([]engine.Finding, error) {
	s := runspec.New(runspec.KindAuthz, origin(t))
	s.Name = id
	s.Create = container.CreateRequest{Config: &container.Config{}, HostConfig: &container.HostConfig{RestartPolicy: rp}}
	fs, err := p.Engine.Evaluate(ctx, s, p.Daemon)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	var out []engine.Finding
	for _, f := range fs {
		if f.Rule != ruleRestartPolicy {
			continue
		}
		f.Message = fmt.Sprintf("update sets RestartPolicy to %q (MaximumRetryCount %d): %s", rp.Name, rp.MaximumRetryCount, f.Message)
		out = append(out, f)
	}
	return out, nil
}
