# METADATA
# title: Unsafe kernel parameter set
# description: >-
#   The container sets a kernel parameter (`--sysctl`, compose `sysctls`,
#   HostConfig.Sysctls) outside the safe set: parameters that are
#   namespaced, so they change only the container's own network or IPC
#   namespace, and that cannot starve or reach the host (Kubernetes' safe
#   set: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range,
#   net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies,
#   net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports and the TCP
#   keep-alive and FIN timeouts; policy data,
#   data.rungate.policy.sysctls). Others can turn on IP forwarding or
#   route_localnet, grow shared memory without limit, or are not namespaced
#   at all, the host kernel's own setting (runc refuses those). Any net.*
#   parameter, safe or not, is flagged with `--network host`: there it would
#   be the host's network stack (runc refuses to start such a container).
#   Both spellings of a name (dots or slashes) are read alike.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#sysctl
#     description: docker run --sysctl
# custom:
#   id: unsafe-sysctl
#   severity: medium
#   remediation: >-
#     Remove the parameter, or set it on the host where it is a deliberate
#     host-wide choice; keep per-container sysctls to the safe, namespaced
#     set, and never with `--network host`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.10, the nearest (host network namespace); no recommendation covers sysctls
#   examples:
#     bad: docker run -d --sysctl net.ipv4.ip_forward=1 alpine:3.20 sleep infinity
#     good: docker run -d --sysctl net.ipv4.ip_unprivileged_port_start=80 alpine:3.20 sleep infinity
package rungate.rules.unsafe_sysctl

import data.rungate.lib
import data.rungate.policy.sysctls as policy

deny contains result if {
	some sc in input.derived.sysctls
	why := unsafe(sc)
	result := {
		"msg": sprintf("%s sets kernel parameter %s=%s: %s", [lib.subject, sc.name, sc.value, why]),
		"pos": sc.pos,
	}
}

unsafe(sc) := "with --network host it is the host's own network setting (runc refuses to start the container)" if {
	sc.namespace == "net"
	input.derived.namespaces.network.mode == "host"
} else := "it is not namespaced, so it is the host kernel's own setting (runc refuses it)" if {
	sc.namespace == ""
} else := "it is outside the safe, namespaced set and can weaken or starve the host" if {
	not policy.safe[sc.key]
}
