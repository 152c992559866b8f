package rungate.rules.logging_disabled_test

import data.rungate.rules.logging_disabled

at := {"file": "run.sh", "line": 1, "column": 20}

spec(driver, daemon_driver) := {
	"kind": "docker-run", "create": {"Image": "nginx:1.27"}, "source": {"name": ""},
	"derived": {"log": {"driver": driver, "options": {}, "unresolved": false, "pos": at}},
	"daemon": {"known": true, "file": "/etc/docker/daemon.json", "log_driver": daemon_driver, "log_opts": {}},
}

test_explicit if {
	logging_disabled.deny == {{
		"msg": "image nginx:1.27 logs with the none driver it names (--log-driver none, compose logging.driver: none), so its output is discarded",
		"pos": at,
	}} with input as spec("none", "json-file")
}

test_daemon_default if {
	logging_disabled.deny == {{
		"msg": "image nginx:1.27 logs with the none driver, the daemon's default set in /etc/docker/daemon.json, so its output is discarded",
		"pos": at,
	}} with input as spec("", "none")
}

test_quiet if {
	count(logging_disabled.deny) == 0 with input as spec("", "json-file")
	count(logging_disabled.deny) == 0 with input as spec("local", "none")
	count(logging_disabled.deny) == 0 with input as spec("${LOG}", "none")
	count(logging_disabled.deny) == 0 with input as spec("json-file", "json-file")
}

test_daemon_default_without_file if {
	some r in logging_disabled.deny with input as object.union(spec("", "none"), {"daemon": {"file": ""}})
	r.msg == "image nginx:1.27 logs with the none driver, the daemon's default, so its output is discarded"
}
