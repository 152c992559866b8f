package rungate.rules.docker_group_member_test

import data.rungate.rules.docker_group_member

at := {"file": "/etc/group", "line": 31, "column": 1}

host(members) := {"kind": "host", "host": {"docker_group": {"found": true, "gid": 999, "members": members, "pos": at}}}

spec(groups) := {
	"kind": "docker-run",
	"create": {"Image": "ci-runner"},
	"derived": {"group_add": groups},
	"source": {"name": ""},
}

group(value) := {"value": value, "unresolved": false, "pos": {"file": "run.sh", "line": 1, "column": 12}}

test_member if {
	docker_group_member.deny == {{
		"msg": `user "alice" belongs to the docker group (gid 999, as a listed member), which is root-equivalent on this host`,
		"pos": at,
	}} with input as host([{"user": "alice", "via": "member", "pos": at}])
}

test_primary if {
	some r in docker_group_member.deny with input as host([{"user": "bob", "via": "primary", "pos": at}])
	r.msg == `user "bob" belongs to the docker group (gid 999, as its primary group), which is root-equivalent on this host`
}

test_one_finding_per_user if {
	count(docker_group_member.deny) == 3 with input as host([
		{"user": "alice", "via": "member", "pos": at},
		{"user": "bob", "via": "member", "pos": at},
		{"user": "carol", "via": "primary", "pos": at},
	])
}

test_allowed_users if {
	r := docker_group_member.deny with input as host([
		{"user": "alice", "via": "member", "pos": at},
		{"user": "deploy", "via": "member", "pos": at},
	])
		with data.rungate.policy.docker_group.allowed_users as ["deploy"]
	count(r) == 1
}

test_no_members if {
	count(docker_group_member.deny) == 0 with input as host([])
	count(docker_group_member.deny) == 0 with input as {"kind": "host", "host": {"docker_group": {"found": false}}}
}

test_group_add_name if {
	docker_group_member.deny == {{
		"msg": "image ci-runner is given the docker group (--group-add docker), which controls the docker daemon",
		"pos": {"file": "run.sh", "line": 1, "column": 12},
	}} with input as spec([group("docker")])
}

test_group_add_gid if {
	count(docker_group_member.deny) == 1 with input as spec([group("999")])
		with data.rungate.policy.docker_group.gids as [999]
	count(docker_group_member.deny) == 0 with input as spec([group("999")])
}

test_group_add_unresolved if {
	g := {"value": "$(stat -c %g /var/run/docker.sock)", "unresolved": true, "pos": at}
	some r in docker_group_member.deny with input as spec([g])
	r.msg == "image ci-runner is probably given the docker group (--group-add $(stat -c %g /var/run/docker.sock)), which controls the docker daemon"
}

test_group_add_other_groups if {
	count(docker_group_member.deny) == 0 with input as spec([group("audio"), group("1000"), group("dockerish"), {"value": "${GID}", "unresolved": true, "pos": at}])
}

test_host_rule_ignores_specs if {
	count(docker_group_member.deny) == 0 with input as object.union(spec([]), {"host": {"docker_group": {"members": [{"user": "x", "via": "member", "pos": at}]}}})
}
