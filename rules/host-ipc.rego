# METADATA
# title: Container shares the host's IPC namespace
# description: >-
#   The container joins the host's ipc namespace (`--ipc host`, compose
#   `ipc: host`, `HostConfig.IpcMode`). It can read and write the host's System V shared memory segments, semaphores and message queues and POSIX shared memory in /dev/shm, which databases and other services use for data they trust.
#   Only the host mode is flagged: the default, a private namespace and
#   sharing another container's (`container:NAME`) are not, nor is the
#   text in the command, environment or labels.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#ipc
#     description: docker run --ipc
# custom:
#   id: host-ipc
#   severity: high
#   remediation: >-
#     Drop `--ipc host`; to share memory between containers, use `--ipc shareable` on one and `--ipc container:NAME` on the other.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.17 (5.16 in earlier versions)
#   examples:
#     bad: docker run --ipc host alpine
#     good: docker run --ipc private alpine
package rungate.rules.host_ipc

import data.rungate.lib

# The derived mode, not the raw string: it is "host" only for the exact
# value the daemon takes as the host's namespace.
deny contains result if {
	n := input.derived.namespaces.ipc
	n.mode == "host"
	result := {
		"msg": sprintf("%s shares the host's ipc namespace (--ipc %s)", [lib.subject, n.value]),
		"pos": n.pos,
	}
}
