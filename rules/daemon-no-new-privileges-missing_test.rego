package rungate.rules.daemon_no_new_privileges_missing_test

import data.rungate.rules.daemon_no_new_privileges_missing as rule

file := "/etc/docker/daemon.json"

at := {"file": file, "line": 3, "column": 3}

host(d) := {"kind": "host", "daemon": d}

test_set_false if {
	rule.deny == {{
		"msg": `/etc/docker/daemon.json sets "no-new-privileges" to false: a container that does not set no-new-privileges itself can gain privileges through setuid binaries`,
		"pos": at,
	}} with input as host({"known": true, "file": file, "no_new_privileges": false, "positions": {"no-new-privileges": at}})
}

test_unset if {
	some r in rule.deny with input as host({"known": true, "file": file, "no_new_privileges": false, "positions": {}})
	r.pos == {"file": file, "line": 1, "column": 1}
	contains(r.msg, `does not set "no-new-privileges", so it has dockerd's default false`)
}

test_no_daemon_json if {
	some r in rule.deny with input as host({"known": false, "file": file, "no_new_privileges": false})
	r.field == file
	startswith(r.msg, "daemon.json not found at /etc/docker/daemon.json")
}

test_set_true if {
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "no_new_privileges": true, "positions": {"no-new-privileges": at}})
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "docker-run", "daemon": {"known": false, "no_new_privileges": false}}
	count(rule.deny) == 0 with input as {"kind": "authz", "daemon": {"known": true, "file": file, "no_new_privileges": false, "positions": {}}}
}
