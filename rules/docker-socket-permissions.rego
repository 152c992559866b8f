# METADATA
# title: Docker socket owned by a user or group other than root and docker
# description: >-
#   The docker daemon's unix socket is owned by a user other than root, or
#   is group-writable for a group other than the daemon's socket group
#   (daemon.json `group`, default docker) and root. That user, or every
#   member of that group, can connect to dockerd and so is root on the host,
#   without being in the docker group that an audit looks at. A socket owned
#   by root:root is stricter than CIS asks and is not flagged; nor are read
#   and execute bits, which do not let anyone connect (everyone-writable is
#   docker-socket-world-writable), nor a group id that the host's group file
#   does not list (it may come from LDAP or another NSS source, which
#   rungate cannot read).
# related_resources:
#   - ref: https://docs.docker.com/engine/install/linux-postinstall/#manage-docker-as-a-non-root-user
#     description: The docker group and the socket it owns
# custom:
#   id: docker-socket-permissions
#   severity: high
#   remediation: >-
#     Run `chown root:docker /var/run/docker.sock && chmod 660
#     /var/run/docker.sock` and fix what set the owner (the `group` key in
#     daemon.json, a systemd socket unit's `SocketUser`/`SocketGroup`).
#   references:
#     - CIS Docker Benchmark v1.6.0 3.15
#     - CIS Docker Benchmark v1.6.0 3.16
#   examples:
#     bad: 'srw-rw---- deploy users /var/run/docker.sock'
#     good: 'srw-rw---- root docker /var/run/docker.sock'
package rungate.rules.docker_socket_permissions

deny contains result if {
	input.kind == "host"
	some s in input.host.sockets
	s.owner_known
	s.uid != 0
	s.is_socket
	result := {
		"msg": sprintf("docker socket %s is owned by %s, not root: that user controls dockerd, and through it the host", [s.path, name(s.user, s.uid, "uid")]),
		"field": s.path,
	}
}

deny contains result if {
	input.kind == "host"
	some s in input.host.sockets
	s.group_writable
	s.owner_known
	s.gid != 0
	s.group != ""
	s.group != input.daemon.group
	format_int(s.gid, 10) != input.daemon.group
	s.is_socket
	result := {
		"msg": sprintf("docker socket %s is writable by group %s (gid %d, mode %s), not the %s group: its members control dockerd, and through it the host", [s.path, s.group, s.gid, s.mode, input.daemon.group]),
		"field": s.path,
	}
}

# name is a user or group name with its id, or the id alone when the host's
# files do not list it.
name(n, id, what) := sprintf("%s (%s %d)", [n, what, id]) if n != ""

else := sprintf("%s %d", [what, id])
