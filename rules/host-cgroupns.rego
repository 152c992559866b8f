# METADATA
# title: Container shares the host's cgroup namespace
# description: >-
#   The container joins the host's cgroup namespace (`--cgroupns host`,
#   compose `cgroup: host`, `HostConfig.CgroupnsMode`). /proc/self/cgroup
#   and the cgroup file system then show the host's whole cgroup tree, with
#   the names and limits of every other container and host service, and a
#   process that can write to the cgroup file system (privileged, or with
#   SYS_ADMIN) reaches cgroups outside its own: the release_agent escape
#   needs exactly that. A container that sets no mode gets the daemon's
#   default: daemon.json `"default-cgroupns-mode": "host"` (or dockerd
#   `--default-cgroupns-mode host`) gives every such container the host's
#   namespace, and is flagged on each of them. Otherwise the daemon's
#   built-in default (private on cgroup v2 hosts, host on cgroup v1), the
#   daemon's `private` default and an explicit `private` are not flagged.
#   docker inspect output records the mode the daemon chose, so there a
#   host mode may be that cgroup v1 default, and the message says so.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#cgroupns
#     description: docker run --cgroupns
# custom:
#   id: host-cgroupns
#   severity: medium
#   remediation: >-
#     Drop `--cgroupns host` (compose `cgroup: host`), or set
#     `--cgroupns private`; a monitoring agent that must read every
#     container's cgroups can mount /sys/fs/cgroup read-only instead. When
#     the daemon's default is host, set `"default-cgroupns-mode": "private"`
#     in daemon.json, or `--cgroupns private` on the container.
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

# No mode set: the container gets the daemon's default, which is host here.
# The finding points at the container, as for a missing setting.
deny contains result if {
	n := input.derived.namespaces.cgroupns
	n.mode == "default"
	input.daemon.default_cgroupns_mode == "host"
	result := {
		"msg": sprintf("%s shares the host's cgroup namespace (no --cgroupns, and the daemon's default-cgroupns-mode is host, %s): it sees the host's whole cgroup tree", [lib.subject, daemon_setting]),
		"pos": n.pos,
	}
}

# daemon_setting says where the daemon's default is set: daemon.json's key,
# or the dockerd flag in the service unit.
daemon_setting := sprintf("set at %s:%d", [p.file, p.line]) if {
	p := input.daemon.positions["default-cgroupns-mode"]
} else := sprintf("set in %s", [input.daemon.file]) if {
	input.daemon.file != ""
} else := "set in daemon.json"

# docker inspect records the mode the daemon chose: on a cgroup v1 host
# "host" is also its default, so the finding may be the host's, not the
# command's.
recorded := ", which is also the default of a daemon on a cgroup v1 host" if input.kind == "inspect"

else := ""
