package rungate.rules.memory_limit_missing_test

import data.rungate.rules.memory_limit_missing

at := {"file": "compose.yaml", "line": 3, "column": 3}

spec(memory) := {
	"kind": "compose", "create": {"Image": "nginx:1.27"}, "source": {"name": "web"},
	"derived": {"resources": {"memory": memory}},
}

test_missing if {
	memory_limit_missing.deny == {{
		"msg": `container "web" has no memory limit (--memory, compose mem_limit or deploy.resources.limits.memory), so it can use all of the host's memory`,
		"pos": at,
	}} with input as spec({"value": 0, "limited": false, "pos": at})
}

test_set if {
	count(memory_limit_missing.deny) == 0 with input as spec({"value": 536870912, "limited": true, "pos": at})
}

test_host_input if {
	count(memory_limit_missing.deny) == 0 with input as {"kind": "host", "host": {}}
}
