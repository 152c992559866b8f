# METADATA
# title: Container given a privileged group
# description: >-
#   The container's process is given a supplementary group that grants
#   power over the host (`--group-add`, compose `group_add`,
#   `HostConfig.GroupAdd`): root (`root` or gid 0), disk, kmem, shadow,
#   sudo, wheel, adm and the others listed in policy data
#   (data.rungate.policy.privileged_groups), by name or by a gid that means
#   the same group on every common distribution. With a host file or
#   device mounted, the group's permissions apply to it: disk reads and
#   writes raw block devices, root-group files include much of /etc, and
#   sudo or wheel hand out root where sudo is installed. The docker group
#   is docker-group-member's finding; other groups (audio, video, a
#   service's own gid) are not flagged.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#additional-groups
#     description: docker run --group-add
# custom:
#   id: group-add-privileged
#   severity: medium
#   remediation: >-
#     Remove the group from `--group-add` (compose `group_add`); give the
#     container access to the one file or device it needs, with a group of
#     its own, instead.
#   references:
#     - CIS Docker Benchmark v1.6.0 1.1.2 (the nearest, membership of the docker group; the benchmark has no check for other groups)
#   examples:
#     bad: docker run -d --group-add disk --device /dev/sdb backup:2.1
#     good: docker run -d --group-add 2001 --device /dev/sdb backup:2.1
package rungate.rules.group_add_privileged

import data.rungate.lib
import data.rungate.policy.privileged_groups as policy

deny contains result if {
	some g in input.derived.group_add
	name := group_name(g.value)
	why := policy.names[name]
	result := {
		"msg": sprintf("%s is given the %s group (--group-add %s): %s", [lib.subject, name, g.value, why]),
		"pos": g.pos,
	}
}

# group_name is the name a gid stands for, or the value itself.
group_name(v) := n if {
	n := policy.gids[v]
} else := v
