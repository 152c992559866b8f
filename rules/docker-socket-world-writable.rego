# METADATA
# title: Docker socket writable by every user
# description: >-
#   The docker daemon's unix socket (/var/run/docker.sock, /run/docker.sock,
#   or one daemon.json's `hosts` names) has the other-write bit (mode 0666
#   or any o+w). Connecting to a unix socket needs only write permission, so
#   every local account, a web server's or a CI job's included, controls
#   dockerd and through it is root on the host. A path that is not a socket
#   (a directory left by a bad bind mount) is not judged.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#     description: Docker daemon attack surface
# custom:
#   id: docker-socket-world-writable
#   severity: critical
#   remediation: >-
#     Run `chown root:docker /var/run/docker.sock && chmod 660
#     /var/run/docker.sock`, then find what widened it (a `chmod 666` in a
#     provisioning script, a systemd socket unit's `SocketMode`) and remove
#     it so that a restart does not bring it back.
#   references:
#     - CIS Docker Benchmark v1.6.0 3.16
#   examples:
#     bad: 'srw-rw-rw- root docker /var/run/docker.sock'
#     good: 'srw-rw---- root docker /var/run/docker.sock'
package rungate.rules.docker_socket_world_writable

deny contains result if {
	input.kind == "host"
	some s in input.host.sockets
	s.world_writable
	s.is_socket
	result := {
		"msg": sprintf("docker socket %s is writable by every user (mode %s): any local account controls dockerd, and through it the host", [s.path, s.mode]),
		"field": s.path,
	}
}
