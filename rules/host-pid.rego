# METADATA
# title: Container shares the host's PID namespace
# description: >-
#   The container joins the host's pid namespace (`--pid host`, compose
#   `pid: host`, `HostConfig.PidMode`). It sees every host process with its command line and environment, can signal them, and, as root or with SYS_PTRACE, attach to them and read their memory: a short step to root on the host.
#   Only the host mode is flagged: the default, a private namespace and
#   sharing another container's (`container:NAME`) are not, nor is the
#   text in the command, environment or labels.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#pid
#     description: docker run --pid
# custom:
#   id: host-pid
#   severity: high
#   remediation: >-
#     Drop `--pid host`; to debug another container, share its namespace with `--pid container:NAME` instead.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.16 (5.15 in earlier versions)
#   examples:
#     bad: docker run --pid host alpine top
#     good: docker run alpine top
package rungate.rules.host_pid

import data.rungate.lib

# The derived mode, not the raw string: it is "host" only for the exact
# value the daemon takes as the host's namespace.
deny contains result if {
	n := input.derived.namespaces.pid
	n.mode == "host"
	result := {
		"msg": sprintf("%s shares the host's pid namespace (--pid %s)", [lib.subject, n.value]),
		"pos": n.pos,
	}
}
