package rungate.rules.log_json_unbounded_test

import data.rungate.rules.log_json_unbounded

at := {"file": "run.sh", "line": 2, "column": 5}

default_daemon := {"known": false, "log_driver": "json-file", "log_opts": {}}

spec(log, daemon) := {
	"kind": "docker-run",
	"create": {"Image": "web-server"},
	"derived": {"log": object.union({"options": {}, "unresolved": false, "pos": at}, log)},
	"daemon": daemon,
	"source": {"name": ""},
}

deny(log, daemon) := r if {
	r := log_json_unbounded.deny with input as spec(log, daemon)
}

test_daemon_default if {
	deny({"driver": ""}, default_daemon) == {{
		"msg": "image web-server logs with the json-file driver, the daemon's built-in default, with no max-size, so its log can fill the disk",
		"pos": at,
	}}
}

test_daemon_json_default if {
	some r in deny({"driver": ""}, {"known": true, "file": "/etc/docker/daemon.json", "log_driver": "json-file", "log_opts": {"max-file": "3"}})
	r.msg == "image web-server logs with the json-file driver, the daemon's default set in /etc/docker/daemon.json, with no max-size, so its log can fill the disk"
}

test_explicit if {
	some r in deny({"driver": "json-file"}, default_daemon)
	r.msg == "image web-server logs with the json-file driver it names, with no max-size, so its log can fill the disk"
}

test_explicit_with_other_daemon_driver if {
	count(deny({"driver": "json-file"}, {"log_driver": "journald", "log_opts": {"max-size": "10m"}})) == 1
}

test_no_daemon_in_input if {
	count(log_json_unbounded.deny) == 1 with input as {"kind": "authz", "create": {}, "derived": {"log": {"driver": "", "options": {}, "unresolved": false, "pos": at}}}
}

test_max_size_in_container if {
	count(deny({"driver": "json-file", "options": {"max-size": "10m"}}, default_daemon)) == 0
	count(deny({"driver": "", "options": {"max-size": "10m"}}, default_daemon)) == 0
}

test_unlimited_max_size if {
	count(deny({"driver": "json-file", "options": {"max-size": "-1"}}, default_daemon)) == 1
	count(deny({"driver": "json-file", "options": {"max-size": ""}}, default_daemon)) == 1
}

test_max_size_in_daemon if {
	daemon := {"known": true, "file": "daemon.json", "log_driver": "json-file", "log_opts": {"max-size": "20m"}}
	count(deny({"driver": ""}, daemon)) == 0
	# The daemon's options apply to its driver even when named explicitly.
	count(deny({"driver": "json-file"}, daemon)) == 0
	# The container's own value wins over the daemon's.
	count(deny({"driver": "", "options": {"max-size": "-1"}}, daemon)) == 1
}

test_other_drivers if {
	every driver in ["local", "journald", "syslog", "none", "fluentd"] {
		count(deny({"driver": driver}, default_daemon)) == 0
	}
	count(deny({"driver": ""}, {"log_driver": "local", "log_opts": {}})) == 0
}

test_unresolved_driver if {
	count(deny({"driver": "${LOG_DRIVER}", "unresolved": true}, default_daemon)) == 0
}

test_not_host_facts if {
	count(log_json_unbounded.deny) == 0 with input as {"kind": "host", "host": {}, "daemon": default_daemon}
}
