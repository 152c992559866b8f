package rungate.rules.docker_socket_world_writable_test

import data.rungate.rules.docker_socket_world_writable as rule

sock(path, mode, world, is_socket) := {
	"path": path, "exists": true, "is_socket": is_socket, "mode": mode,
	"world_writable": world, "group_writable": true, "owner_known": true,
	"uid": 0, "gid": 999, "user": "root", "group": "docker",
}

host(socks) := {"kind": "host", "host": {"sockets": socks}, "daemon": {"group": "docker"}}

test_world_writable if {
	rule.deny == {{
		"msg": "docker socket /var/run/docker.sock is writable by every user (mode 0666): any local account controls dockerd, and through it the host",
		"field": "/var/run/docker.sock",
	}} with input as host([sock("/var/run/docker.sock", "0666", true, true)])
}

test_each_socket if {
	count(rule.deny) == 2 with input as host([sock("/var/run/docker.sock", "0666", true, true), sock("/srv/docker.sock", "0662", true, true)])
}

test_group_only if {
	count(rule.deny) == 0 with input as host([sock("/var/run/docker.sock", "0660", false, true)])
	count(rule.deny) == 0 with input as host([sock("/run/docker.sock", "0664", false, true)])
}

test_not_a_socket if {
	count(rule.deny) == 0 with input as host([sock("/var/run/docker.sock", "0777", true, false)])
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "docker-run", "host": {"sockets": [sock("/var/run/docker.sock", "0666", true, true)]}}
}
