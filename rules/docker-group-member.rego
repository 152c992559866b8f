# METADATA
# title: Docker group membership
# description: >-
#   Membership of the docker group gives control of the docker daemon's
#   socket, and through it root on the host: `docker run -v /:/host` needs
#   no sudo. On a host, every user in the docker group (listed as a member,
#   or with it as primary group) is reported unless allowed in policy data
#   (data.rungate.policy.docker_group.allowed_users). For a container,
#   `--group-add docker` (compose `group_add`), by name or by the docker
#   group's id when known, gives its process the same power over a mounted
#   socket.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#     description: Docker daemon attack surface
# custom:
#   id: docker-group-member
#   severity: high
#   remediation: >-
#     Remove users who do not need to run containers from the docker group
#     (`gpasswd -d USER docker`) and give the rest rootless Docker or sudo
#     rules; do not add the docker group to a container.
#   references:
#     - CIS Docker Benchmark v1.6.0 1.1.2
#   examples:
#     bad: docker run --group-add docker -v /var/run/docker.sock:/var/run/docker.sock:ro alpine
#     good: docker run -v /var/run/docker.sock:/var/run/docker.sock:ro alpine
package rungate.rules.docker_group_member

import data.rungate.lib
import data.rungate.policy.docker_group as policy

# A host user in the docker group.
deny contains result if {
	input.kind == "host"
	group := input.host.docker_group
	some m in group.members
	not m.user in policy.allowed_users
	result := {
		"msg": sprintf("user %q belongs to the docker group (gid %d, %s), which is root-equivalent on this host", [m.user, group.gid, how(m)]),
		"pos": m.pos,
	}
}

how(m) := "as its primary group" if m.via == "primary"

else := "as a listed member"

# A container given the docker group.
deny contains result if {
	some g in input.derived.group_add
	docker_group(g)
	result := {
		"msg": sprintf("%s is%s given the docker group (--group-add %s), which controls the docker daemon", [lib.subject, hedge(g), g.value]),
		"pos": g.pos,
	}
}

docker_group(g) if g.value in policy.names

docker_group(g) if {
	some gid in policy.gids
	g.value == format_int(gid, 10)
}

# An unresolved value whose text names docker, as in
# --group-add $(stat -c %g /var/run/docker.sock), most likely is the group.
docker_group(g) if {
	g.unresolved
	contains(lower(g.value), "docker")
}

hedge(g) := " probably" if g.unresolved

else := ""
