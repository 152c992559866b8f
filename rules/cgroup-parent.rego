# METADATA
# title: Custom cgroup parent
# description: >-
#   The container is placed under a cgroup parent of the caller's choosing
#   (`--cgroup-parent`, compose `cgroup_parent`,
#   `HostConfig.CgroupParent`) instead of the daemon's. Its resource limits
#   and accounting are then those of that cgroup, which may be shared with
#   other workloads or carry looser limits than intended. A value holding an
#   unknown variable is not judged.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#cgroup-parent
#     description: docker run --cgroup-parent
# custom:
#   id: cgroup-parent
#   severity: low
#   remediation: >-
#     Remove `--cgroup-parent` (compose `cgroup_parent`) unless the cgroup is
#     one set up on purpose for this container, and then record why with a
#     suppression.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.25 (5.24 in earlier versions)
#   examples:
#     bad: docker run -d --cgroup-parent /system.slice nginx:1.27
#     good: docker run -d nginx:1.27
package rungate.rules.cgroup_parent

import data.rungate.lib

deny contains result if {
	cg := input.derived.resources.cgroup_parent
	cg.set == true
	cg.unresolved == false
	result := {
		"msg": sprintf("%s runs under the cgroup parent %s (--cgroup-parent), not the daemon's, so that cgroup's limits apply to it", [lib.subject, cg.value]),
		"pos": cg.pos,
	}
}
