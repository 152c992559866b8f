package rungate.rules.docker_socket_permissions_test

import data.rungate.rules.docker_socket_permissions as rule

path := "/var/run/docker.sock"

sock(uid, user, gid, group, mode, group_writable) := {
	"path": path, "exists": true, "is_socket": true, "mode": mode,
	"world_writable": false, "group_writable": group_writable, "owner_known": true,
	"uid": uid, "gid": gid, "user": user, "group": group,
}

host(socks, group) := {"kind": "host", "host": {"sockets": socks}, "daemon": {"group": group}}

test_owner_not_root if {
	rule.deny == {{
		"msg": "docker socket /var/run/docker.sock is owned by deploy (uid 1000), not root: that user controls dockerd, and through it the host",
		"field": path,
	}} with input as host([sock(1000, "deploy", 999, "docker", "0660", true)], "docker")
}

test_owner_unnamed if {
	some r in rule.deny with input as host([sock(1500, "", 0, "root", "0600", false)], "docker")
	r.msg == "docker socket /var/run/docker.sock is owned by uid 1500, not root: that user controls dockerd, and through it the host"
}

test_other_group_writable if {
	rule.deny == {{
		"msg": "docker socket /var/run/docker.sock is writable by group users (gid 100, mode 0660), not the docker group: its members control dockerd, and through it the host",
		"field": path,
	}} with input as host([sock(0, "root", 100, "users", "0660", true)], "docker")
}

# A gid the group file does not list cannot be told from the docker group.
test_unnamed_group if {
	count(rule.deny) == 0 with input as host([sock(0, "root", 4242, "", "0660", true)], "docker")
}

test_daemon_group if {
	count(rule.deny) == 0 with input as host([sock(0, "root", 1100, "dockerops", "0660", true)], "dockerops")
	count(rule.deny) == 0 with input as host([sock(0, "root", 1100, "dockerops", "0660", true)], "1100")
	count(rule.deny) == 1 with input as host([sock(0, "root", 999, "docker", "0660", true)], "dockerops")
}

test_compliant_and_stricter if {
	count(rule.deny) == 0 with input as host([sock(0, "root", 999, "docker", "0660", true)], "docker")
	count(rule.deny) == 0 with input as host([sock(0, "root", 0, "root", "0660", true)], "docker")
	count(rule.deny) == 0 with input as host([sock(0, "root", 100, "users", "0640", false)], "docker")
	count(rule.deny) == 0 with input as host([sock(0, "root", 999, "docker", "0600", false)], "docker")
}

test_owner_unknown_or_not_socket if {
	count(rule.deny) == 0 with input as host([object.union(sock(1000, "deploy", 100, "users", "0660", true), {"owner_known": false})], "docker")
	count(rule.deny) == 0 with input as host([object.union(sock(1000, "deploy", 100, "users", "0660", true), {"is_socket": false})], "docker")
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "compose", "host": {"sockets": [sock(1000, "deploy", 100, "users", "0660", true)]}, "daemon": {"group": "docker"}}
}
