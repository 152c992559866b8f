package rungate.rules.daemon_live_restore_disabled_test

import data.rungate.rules.daemon_live_restore_disabled as rule

file := "/etc/docker/daemon.json"

at := {"file": file, "line": 5, "column": 3}

host(d) := {"kind": "host", "daemon": d}

test_set_false if {
	rule.deny == {{
		"msg": `/etc/docker/daemon.json sets "live-restore" to false: stopping or upgrading dockerd stops every container`,
		"pos": at,
	}} with input as host({"known": true, "file": file, "live_restore": false, "positions": {"live-restore": at}})
}

test_unset if {
	some r in rule.deny with input as host({"known": true, "file": file, "live_restore": false, "positions": {"icc": at}})
	r.pos == {"file": file, "line": 1, "column": 1}
}

# Host facts that did not look at the daemon say nothing of it.
test_daemon_not_looked_at if {
	count(rule.deny) == 0 with input as host({"known": false, "file": "", "live_restore": false})
	count(rule.deny) == 0 with input as host({"known": false, "live_restore": false})
}

test_enabled if {
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "live_restore": true, "positions": {"live-restore": at}})
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "inspect", "daemon": {"known": false, "live_restore": false}}
}
