# METADATA
# title: Container joins another container's namespace
# description: >-
#   The container joins the network, pid or ipc namespace of another
#   container (`--network container:NAME`, `--pid container:NAME`, `--ipc
#   container:NAME`; compose `network_mode`, `pid` or `ipc` set to
#   `service:NAME` or `container:NAME`). It then shares what that container
#   can see and do: its interfaces, ports and loopback-only services; its
#   processes, which it can signal and, as root or with SYS_PTRACE, attach
#   to and read the memory and secrets of; its shared memory and message
#   queues. A compromise of either container reaches the other. Sidecars
#   and debugging containers do this on purpose; the finding names the
#   namespace and the container so the pairing can be reviewed. Host
#   namespaces are host-network, host-pid and host-ipc's findings.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#network
#     description: docker run --network container:NAME
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#pid
#     description: docker run --pid container:NAME
# custom:
#   id: container-namespace-join
#   severity: medium
#   remediation: >-
#     Give the container its own namespace and talk to the other container
#     over a user-defined network; keep `container:NAME` for short-lived
#     debugging containers, and suppress the finding where a sidecar must
#     share the namespace.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.16 (the nearest, shared pid namespace with the host)
#     - CIS Docker Benchmark v1.6.0 5.17 (the nearest, shared ipc namespace with the host)
#   examples:
#     bad: docker run -d --pid container:db --network container:db debug-tools:1.0
#     good: docker run -d --network backend debug-tools:1.0
package rungate.rules.container_namespace_join

import data.rungate.lib

# One body per kind, reading a fixed path: cheaper than iterating over the
# kinds, which would build every namespace of the input.
deny contains result if {
	n := input.derived.namespaces.network
	n.mode == "container"
	result := join(n, "network", "--network")
}

deny contains result if {
	n := input.derived.namespaces.pid
	n.mode == "container"
	result := join(n, "pid", "--pid")
}

deny contains result if {
	n := input.derived.namespaces.ipc
	n.mode == "container"
	result := join(n, "ipc", "--ipc")
}

join(n, kind, flag) := {
	"msg": sprintf("%s joins the %s namespace of container %s (%s %s): %s", [lib.subject, kind, n.container, flag, n.value, shares[kind]]),
	"pos": n.pos,
}

shares := {
	"network": "it shares that container's interfaces, ports and loopback-only services",
	"pid": "it sees that container's processes and can signal them, or as root attach to them and read their memory",
	"ipc": "it shares that container's shared memory, semaphores and message queues",
}
