# METADATA
# title: Port published on every host interface
# description: >-
#   A port is published with no host address (`-p 8080:80`, compose
#   `"8080:80"` or a long-syntax port with no `host_ip`) or with a wildcard
#   one (`0.0.0.0`, `::`). dockerd then listens on every interface of the
#   host and inserts its own iptables rules ahead of the host firewall's, so
#   the port is reachable from every network the host is on even where the
#   firewall says otherwise. A specific address (`127.0.0.1:8080:80`) is
#   not flagged, nor are ports of a container on the host's network, which
#   the daemon does not publish. Ports that `-P` publishes are reported by
#   publish-all. rungate assumes dockerd's default bind address 0.0.0.0; a
#   daemon.json `ip` setting changes where an address-less port binds.
# related_resources:
#   - ref: https://docs.docker.com/engine/network/packet-filtering-firewalls/
#     description: Docker and iptables, and binding published ports to one address
# custom:
#   id: port-all-interfaces
#   severity: medium
#   remediation: >-
#     Bind the port to the address it should be reached on, such as
#     `-p 127.0.0.1:8080:80` (compose `"127.0.0.1:8080:80"` or `host_ip:
#     127.0.0.1`), and put a reverse proxy in front for public traffic.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.14 (5.13 in earlier versions)
#   examples:
#     bad: docker run -d -p 8080:80 nginx:1.27
#     good: docker run -d -p 127.0.0.1:8080:80 nginx:1.27
package rungate.rules.port_all_interfaces

import data.rungate.lib

# An address-less binding listens where the daemon's default bind address
# says: dockerd's built-in 0.0.0.0 (and ::), unless daemon.json sets "ip"
# (for instance "ip": "127.0.0.1"). rungate does not read that setting, so
# it judges an empty host IP as every interface; a host with "ip" set can
# suppress these findings. With the host's network nothing is published
# (the daemon discards PortBindings), so nothing is judged.
deny contains result if {
	input.derived.namespaces.network.mode != "host"
	some p in input.derived.ports
	p.all_interfaces == true
	p.publish_all == false
	result := {
		"msg": sprintf("%s publishes port %s on every host interface (%s), which bypasses the host firewall", [lib.subject, spelling(p), address(p.host_ip)]),
		"pos": p.pos,
	}
}

address("") := "no host address"

address(ip) := sprintf("host address %s", [ip]) if ip != ""

# spelling writes a binding back as -p would: [ip:]hostport:port/proto.
spelling(p) := sprintf("%s:%s:%d/%s", [p.host_ip, p.host_port, p.container_port, p.proto]) if {
	p.host_ip != ""
} else := sprintf("%s:%d/%s", [p.host_port, p.container_port, p.proto]) if {
	p.host_port != ""
} else := sprintf("%d/%s", [p.container_port, p.proto])
