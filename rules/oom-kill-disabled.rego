# METADATA
# title: OOM killer disabled
# description: >-
#   The container is started with `--oom-kill-disable` (compose
#   `oom_kill_disable: true`, `HostConfig.OomKillDisable`). When it runs out
#   of memory the kernel will not kill it; its processes hang instead. With
#   a memory limit that freezes the container; without one it is worse: the
#   host runs out of memory and the kernel kills other processes, other
#   containers and system services, to keep this one alive.
# related_resources:
#   - ref: https://docs.docker.com/engine/containers/resource_constraints/#--oom-kill-disable
#     description: Runtime options with memory, and --oom-kill-disable
# custom:
#   id: oom-kill-disabled
#   severity: medium
#   remediation: >-
#     Drop `--oom-kill-disable` (compose `oom_kill_disable`); if the process
#     must not be killed, give it enough memory with `--memory` and lower its
#     OOM score with `--oom-score-adj` instead.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.11 (memory limits, which this makes critical)
#   examples:
#     bad: docker run -d --oom-kill-disable postgres:17
#     good: docker run -d --memory 1g postgres:17
package rungate.rules.oom_kill_disabled

import data.rungate.lib

# Only the fields read are named, so that the input carries no more of
# the resources than that.
deny contains result if {
	input.derived.resources.oom_kill_disable.disabled == true
	result := {
		"msg": sprintf("%s disables the OOM killer (--oom-kill-disable, compose oom_kill_disable)%s", [lib.subject, consequence(input.derived.resources.memory.limited)]),
		"pos": input.derived.resources.oom_kill_disable.pos,
	}
}

consequence(true) := ", so it hangs instead of being killed when it reaches its memory limit"

consequence(false) := " with no memory limit, the worst case: when the host runs out of memory the kernel kills other processes instead"
