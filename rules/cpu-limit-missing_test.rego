package rungate.rules.cpu_limit_missing_test

import data.rungate.rules.cpu_limit_missing

at := {"file": "run.sh", "line": 1, "column": 1}

spec(cpu) := {
	"kind": "docker-run", "create": {"Image": "nginx:1.27"}, "source": {"name": ""},
	"derived": {"resources": {"cpu": object.union({"nano_cpus": 0, "quota": 0, "shares": 0, "pos": at}, cpu)}},
}

test_missing if {
	cpu_limit_missing.deny == {{
		"msg": "image nginx:1.27 has no CPU limit or weight (--cpus, --cpu-quota, --cpu-shares, compose cpus or deploy.resources.limits.cpus), so it can starve the host of CPU",
		"pos": at,
	}} with input as spec({"limited": false})
}

test_set if {
	count(cpu_limit_missing.deny) == 0 with input as spec({"limited": true, "shares": 512})
}

test_host_input if {
	count(cpu_limit_missing.deny) == 0 with input as {"kind": "host", "host": {}}
}
