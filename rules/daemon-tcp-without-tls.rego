# METADATA
# title: Docker daemon listens on TCP without TLS client verification
# description: >-
#   daemon.json's `hosts` (or a `-H` flag of dockerd in the docker service's
#   systemd unit) has a tcp:// address, and `tlsverify` is not set.
#   Without TLS (`tls` unset, the usual port 2375) the API is plain HTTP:
#   anyone who can reach the port, from the network or, on a loopback
#   address, any local user or container with host networking, controls
#   dockerd and so is root on the host, with no credentials; scanners find
#   such ports within minutes. With `tls` but not `tlsverify`, the traffic is
#   encrypted but clients are not authenticated, which is just as open.
#   unix:// and fd:// sockets are not network sockets and are not flagged.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/protect-access/
#     description: Protect the Docker daemon socket
# custom:
#   id: daemon-tcp-without-tls
#   severity: critical
#   remediation: >-
#     Remove the tcp:// address from daemon.json's `hosts` and reach dockerd
#     through its unix socket or over SSH (`DOCKER_HOST=ssh://host`); if TCP
#     is needed, set `"tlsverify": true` with `tlscacert`, `tlscert` and
#     `tlskey`, issue client certificates, and listen on port 2376.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.7
#   examples:
#     bad: '{"hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]}'
#     good: '{"hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"], "tlsverify": true, "tlscacert": "/etc/docker/ca.pem", "tlscert": "/etc/docker/cert.pem", "tlskey": "/etc/docker/key.pem"}'
package rungate.rules.daemon_tcp_without_tls

deny contains result if {
	input.kind == "host"
	not input.daemon.tlsverify
	some h in input.daemon.hosts
	h.scheme == "tcp"
	result := {
		"msg": sprintf("%s makes dockerd listen on %s %s: %s reaches port %d controls dockerd, and through it the host, with no credentials", [h.pos.file, h.raw, how, who(h), h.port]),
		"pos": h.pos,
	}
}

how := `with "tls" but not "tlsverify", so clients are not authenticated` if input.daemon.tls

else := "without TLS"

who(h) := "any local user or container on the host network who" if h.loopback

else := "anyone who"
