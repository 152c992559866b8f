package rungate.rules.daemon_icc_enabled_test

import data.rungate.rules.daemon_icc_enabled as rule

file := "/etc/docker/daemon.json"

at := {"file": file, "line": 4, "column": 3}

host(d) := {"kind": "host", "daemon": d}

test_set_true if {
	rule.deny == {{
		"msg": `/etc/docker/daemon.json sets "icc" to true: containers on the default bridge reach every port of each other`,
		"pos": at,
	}} with input as host({"known": true, "file": file, "icc": true, "positions": {"icc": at}})
}

test_default if {
	some r in rule.deny with input as host({"known": false, "file": file, "icc": true})
	r.msg == `daemon.json not found at /etc/docker/daemon.json, so "icc" has dockerd's default true: containers on the default bridge reach every port of each other`
	r.field == file
}

test_disabled if {
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "icc": false, "positions": {"icc": at}})
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "compose", "daemon": {"known": false, "icc": true}}
}
