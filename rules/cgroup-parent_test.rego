package rungate.rules.cgroup_parent_test

import data.rungate.rules.cgroup_parent

at := {"file": "run.sh", "line": 1, "column": 20}

spec(value, unresolved) := {
	"kind": "docker-run", "create": {"Image": "nginx:1.27"}, "source": {"name": ""},
	"derived": {"resources": {"cgroup_parent": {"value": value, "set": value != "", "unresolved": unresolved, "pos": at}}},
}

test_set if {
	cgroup_parent.deny == {{
		"msg": "image nginx:1.27 runs under the cgroup parent /system.slice (--cgroup-parent), not the daemon's, so that cgroup's limits apply to it",
		"pos": at,
	}} with input as spec("/system.slice", false)
}

test_quiet if {
	count(cgroup_parent.deny) == 0 with input as spec("", false)
	count(cgroup_parent.deny) == 0 with input as spec("${CGROUP}", true)
}
