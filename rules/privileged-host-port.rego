# METADATA
# title: Port published on a privileged host port
# description: >-
#   A container port is published on a host port below 1024 (`-p 80:8080`,
#   compose `"80:8080"` or `published: 80`, a range starting below 1024).
#   Those ports are reserved for services the host's administrator runs;
#   publishing on them takes a well-known service port of the host for the
#   container. An empty host port (`-p 80`, the daemon picks a free high
#   port) and a container port below 1024 published on a high host port are
#   not flagged, nor are ports of a container on the host's network, which
#   the daemon does not publish.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#publish
#     description: docker run --publish
# custom:
#   id: privileged-host-port
#   severity: low
#   remediation: >-
#     Publish on a host port of 1024 or above (`-p 8080:80`) and let a
#     reverse proxy or load balancer own the well-known port.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.8 (5.7 in earlier versions)
#   examples:
#     bad: docker run -d -p 127.0.0.1:80:8080 web-server:1.0
#     good: docker run -d -p 127.0.0.1:8080:8080 web-server:1.0
package rungate.rules.privileged_host_port

import data.rungate.lib

deny contains result if {
	input.derived.namespaces.network.mode != "host"
	some p in input.derived.ports
	p.host_port_start > 0
	p.host_port_start < 1024
	result := {
		"msg": sprintf("%s publishes port %s on host port %s, below 1024", [lib.subject, spelling(p), p.host_port]),
		"pos": p.pos,
	}
}

# spelling writes a binding back as -p would: [ip:]hostport:port/proto.
spelling(p) := sprintf("%s:%s:%d/%s", [p.host_ip, p.host_port, p.container_port, p.proto]) if {
	p.host_ip != ""
} else := sprintf("%s:%d/%s", [p.host_port, p.container_port, p.proto]) if {
	p.host_port != ""
} else := sprintf("%d/%s", [p.container_port, p.proto])
