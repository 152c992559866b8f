# METADATA
# title: No CPU limit or weight
# description: >-
#   Nothing bounds or weighs the container's CPU use: no `--cpus`
#   (`HostConfig.NanoCpus`), no `--cpu-quota` and no `--cpu-shares` (a
#   relative weight, which the CIS benchmark accepts); compose `cpus`,
#   `cpu_quota`, `cpu_shares` and `deploy.resources.limits.cpus` all count.
#   A busy or compromised container can then starve every other container
#   and the host's own services of CPU.
# related_resources:
#   - ref: https://docs.docker.com/engine/containers/resource_constraints/#cpu
#     description: Runtime options with memory, CPUs and GPUs
# custom:
#   id: cpu-limit-missing
#   severity: low
#   remediation: >-
#     Cap the container's CPU, `--cpus 1.5` (compose `cpus: 1.5` or
#     `deploy.resources.limits.cpus: "1.5"`), or at least give it a relative
#     weight with `--cpu-shares 512`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.12 (5.11 in earlier versions)
#   examples:
#     bad: docker run -d nginx:1.27
#     good: docker run -d --cpus 1 nginx:1.27
package rungate.rules.cpu_limit_missing

import data.rungate.lib

deny contains result if {
	cpu := input.derived.resources.cpu
	cpu.limited == false
	result := {
		"msg": sprintf("%s has no CPU limit or weight (--cpus, --cpu-quota, --cpu-shares, compose cpus or deploy.resources.limits.cpus), so it can starve the host of CPU", [lib.subject]),
		"pos": cpu.pos,
	}
}
