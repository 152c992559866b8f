package rungate.rules.healthcheck_missing_test

import data.rungate.rules.healthcheck_missing

at := {"file": "run.sh", "line": 1, "column": 1}

spec(kind, state) := {"kind": kind, "create": {"Image": "nginx:1.27"}, "source": {"name": ""}, "derived": {"healthcheck": {"state": state, "pos": at}}}

test_unset if {
	healthcheck_missing.deny == {{
		"msg": "image nginx:1.27 sets no healthcheck (--health-cmd, compose healthcheck); its image may define one, which rungate cannot see",
		"pos": at,
	}} with input as spec("docker-run", "unset")
}

test_unset_inspect if {
	some r in healthcheck_missing.deny with input as spec("inspect", "unset")
	r.msg == "image nginx:1.27 has no healthcheck, neither its own nor its image's"
}

test_disabled if {
	healthcheck_missing.deny == {{
		"msg": "image nginx:1.27 turns its healthcheck off (--no-healthcheck, compose healthcheck disable or test NONE), the image's included",
		"pos": at,
	}} with input as spec("compose", "disabled")
}

test_set if {
	count(healthcheck_missing.deny) == 0 with input as spec("docker-run", "set")
}

test_host_input if {
	count(healthcheck_missing.deny) == 0 with input as {"kind": "host", "host": {}}
}
