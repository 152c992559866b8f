package rungate.rules.daemon_log_unbounded_test

import data.rungate.rules.daemon_log_unbounded as rule

file := "/etc/docker/daemon.json"

driver_at := {"file": file, "line": 2, "column": 3}

opts_at := {"file": file, "line": 3, "column": 3}

host(d) := {"kind": "host", "daemon": d}

test_driver_set_no_opts if {
	rule.deny == {{
		"msg": `/etc/docker/daemon.json sets "log-driver" to "json-file", with no max-size in "log-opts": every container that keeps the daemon's log options logs without bound and can fill the disk`,
		"pos": driver_at,
	}} with input as host({"known": true, "file": file, "log_driver": "json-file", "log_opts": {}, "positions": {"log-driver": driver_at}})
}

test_opts_without_max_size if {
	some r in rule.deny with input as host({"known": true, "file": file, "log_driver": "json-file", "log_opts": {"max-file": "3"}, "positions": {"log-opts": opts_at}})
	r.pos == opts_at
	contains(r.msg, `does not set "log-driver", so it has dockerd's default "json-file"`)
}

test_unlimited if {
	count(rule.deny) == 1 with input as host({"known": true, "file": file, "log_driver": "json-file", "log_opts": {"max-size": "-1"}, "positions": {"log-opts": opts_at}})
	count(rule.deny) == 1 with input as host({"known": true, "file": file, "log_driver": "json-file", "log_opts": {"max-size": ""}, "positions": {"log-opts": opts_at}})
}

test_no_daemon_json if {
	some r in rule.deny with input as host({"known": false, "file": file, "log_driver": "json-file", "log_opts": {}})
	r.field == file
	startswith(r.msg, `daemon.json not found at /etc/docker/daemon.json, so "log-driver" has dockerd's default "json-file", with no max-size`)
}

test_bounded_or_other_driver if {
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "log_driver": "json-file", "log_opts": {"max-size": "10m"}, "positions": {"log-opts": opts_at}})
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "log_driver": "local", "log_opts": {}, "positions": {"log-driver": driver_at}})
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "log_driver": "journald", "log_opts": {}, "positions": {"log-driver": driver_at}})
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "docker-run", "daemon": {"known": false, "log_driver": "json-file", "log_opts": {}}, "derived": {"log": {"driver": ""}}}
}
