# METADATA
# title: No memory limit
# description: >-
#   The container has no memory limit (`HostConfig.Memory` is 0): no
#   `--memory`/`-m`, no compose `mem_limit` and no
#   `deploy.resources.limits.memory` (both compose spellings count, with or
#   without a `version:` key). A leak or a burst of load can then take all
#   of the host's memory, and the kernel's OOM killer picks its victims
#   among every process on the host, other containers and the daemon
#   included.
# related_resources:
#   - ref: https://docs.docker.com/engine/containers/resource_constraints/#memory
#     description: Runtime options with memory, CPUs and GPUs
# custom:
#   id: memory-limit-missing
#   severity: medium
#   remediation: >-
#     Set a limit that fits the workload, `--memory 512m` (compose
#     `mem_limit: 512m` or `deploy.resources.limits.memory: 512M`).
#   references:
#     - CIS Docker Benchmark v1.6.0 5.11 (5.10 in earlier versions)
#   examples:
#     bad: docker run -d nginx:1.27
#     good: docker run -d --memory 256m nginx:1.27
package rungate.rules.memory_limit_missing

import data.rungate.lib

deny contains result if {
	memory := input.derived.resources.memory
	memory.limited == false
	result := {
		"msg": sprintf("%s has no memory limit (--memory, compose mem_limit or deploy.resources.limits.memory), so it can use all of the host's memory", [lib.subject]),
		"pos": memory.pos,
	}
}
