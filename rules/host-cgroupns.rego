# METADATA
# title: Container shares the host's cgroup namespace
# description: >-
#   The container joins the host's cgroup namespace (`--cgroupns host`,
#   compose `cgroup: host`, `HostConfig.CgroupnsMode`). /proc/self/cgroup
#   and the cgroup file system then show the host's whole cgroup tree, with
#   the names and limits of every other container and host service, and a
#   process that can write to the cgroup file system (privileged, or with
#   SYS_ADMIN) reaches cgroups outside its own: the release_agent escape
#   needs exactly that. Only the host mode is flagged: the default (private
#   on cgroup v2 hosts, host on cgroup v1 unless daemon.json sets
#   default-cgroupns-mode) and `private` are not. docker inspect output
#   records the mode the daemon chose, so there a host mode may be that
#   cgroup v1 default, and the message says so.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#cgroupns
#     description: docker run --cgroupns
# custom:
#   id: host-cgroupns
#   severity: medium
#   remediation: >-
#     Drop `--cgroupns host` (compose `cgroup: host`), or set
#     `--cgroupns private`; a monitoring agent that must read every
#     container's cgroups can mount /sys/fs/cgroup read-only instead.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.25 (the nearest, cgroup usage; the benchmark has no cgroup namespace check)
#   examples:
#     bad: docker run -d --cgroupns host nginx:1.27
#     good: docker run -d --cgroupns private nginx:1.27
package rungate.rules.host_cgroupns

import data.rungate.lib

deny contains result if {
	n := input.derived.namespaces.cgroupns
	n.mode == "host"
	result := {
		"msg": sprintf("%s shares the host's cgroup namespace (--cgroupns %s%s): it sees the host's whole cgroup tree", [lib.subject, n.value, recorded]),
		"pos": n.pos,
	}
}

# docker inspect records the mode the daemon chose: on a cgroup v1 host
# "host" is also its default, so the finding may be the host's, not the
# command's.
recorded := ", which is also the default of a daemon on a cgroup v1 host" if input.kind == "inspect"

else := ""
