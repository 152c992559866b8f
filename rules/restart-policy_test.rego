package rungate.rules.restart_policy_test

import data.rungate.rules.restart_policy

at := {"file": "run.sh", "line": 1, "column": 15}

spec(name, max) := {
	"kind": "docker-run", "create": {"Image": "nginx:1.27"}, "source": {"name": ""},
	"derived": {"restart": {"name": name, "max_retries": max, "unresolved": false, "pos": at}},
}

test_on_failure_unbounded if {
	restart_policy.deny == {{
		"msg": "image nginx:1.27 restarts on-failure with no maximum, so a failing container is restarted forever",
		"pos": at,
	}} with input as spec("on-failure", 0)
}

test_on_failure_above_limit if {
	restart_policy.deny == {{"msg": "image nginx:1.27 restarts on-failure up to 10 times, more than 5", "pos": at}} with input as spec("on-failure", 10)
}

test_quiet if {
	count(restart_policy.deny) == 0 with input as spec("on-failure", 5)
	count(restart_policy.deny) == 0 with input as spec("on-failure", 3)
	count(restart_policy.deny) == 0 with input as spec("no", 0)
	count(restart_policy.deny) == 0 with input as spec("always", 0)
	count(restart_policy.deny) == 0 with input as spec("unless-stopped", 0)
}

test_flag_unlimited if {
	restart_policy.deny == {{"msg": "image nginx:1.27 restarts always, with no limit on retries", "pos": at}} with input as spec("always", 0)
		with data.rungate.policy.restart.flag_unlimited as true
	count(restart_policy.deny) == 1 with input as spec("unless-stopped", 0) with data.rungate.policy.restart.flag_unlimited as true
}

test_custom_max if {
	count(restart_policy.deny) == 1 with input as spec("on-failure", 3) with data.rungate.policy.restart.max_retries as 2
}
