package rungate.rules.pids_limit_missing_test

import data.rungate.rules.pids_limit_missing

at := {"file": "run.sh", "line": 1, "column": 1}

spec(pids) := {
	"kind": "docker-run", "create": {"Image": "nginx:1.27"}, "source": {"name": ""},
	"derived": {"resources": {"pids": pids}},
}

test_missing if {
	pids_limit_missing.deny == {{
		"msg": "image nginx:1.27 has no process limit (--pids-limit, compose pids_limit or deploy.resources.limits.pids), so a fork bomb can exhaust the host's processes",
		"pos": at,
	}} with input as spec({"value": 0, "limited": false, "pos": at})
}

test_unlimited_spelling if {
	count(pids_limit_missing.deny) == 1 with input as spec({"value": -1, "limited": false, "pos": at})
}

test_set if {
	count(pids_limit_missing.deny) == 0 with input as spec({"value": 100, "limited": true, "pos": at})
}

test_host_input if {
	count(pids_limit_missing.deny) == 0 with input as {"kind": "host", "host": {}}
}
