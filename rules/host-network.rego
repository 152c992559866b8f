# METADATA
# title: Container shares the host's network namespace
# description: >-
#   The container joins the host's network namespace (`--network host`, compose
#   `network_mode: host`, `HostConfig.NetworkMode`). It sees and can bind every host interface, reaches services listening only on the host's loopback (the daemon's TCP socket, metadata and admin endpoints), and with NET_RAW or NET_ADMIN can sniff or reconfigure host traffic; published-port isolation and the host firewall's docker rules no longer apply.
#   Only the host mode is flagged: the default, a private namespace and
#   sharing another container's (`container:NAME`) are not, nor is the
#   text in the command, environment or labels.
# related_resources:
#   - ref: https://docs.docker.com/engine/network/drivers/host/
#     description: docker run --network
# custom:
#   id: host-network
#   severity: high
#   remediation: >-
#     Use the default bridge or a user-defined network and publish only the ports needed (`-p 127.0.0.1:8080:80` where the service is local).
#   references:
#     - CIS Docker Benchmark v1.6.0 5.10 (5.9 in earlier versions)
#   examples:
#     bad: docker run --network host nginx
#     good: docker run -p 127.0.0.1:8080:80 nginx
package rungate.rules.host_network

import data.rungate.lib

# The derived mode, not the raw string: it is "host" only for the exact
# value the daemon takes as the host's namespace.
deny contains result if {
	n := input.derived.namespaces.network
	n.mode == "host"
	result := {
		"msg": sprintf("%s shares the host's network namespace (--network %s)", [lib.subject, n.value]),
		"pos": n.pos,
	}
}
