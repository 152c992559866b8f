package rungate.rules.oom_kill_disabled_test

import data.rungate.rules.oom_kill_disabled

at := {"file": "run.sh", "line": 1, "column": 20}

spec(disabled, limited) := {
	"kind": "docker-run", "create": {"Image": "postgres:17"}, "source": {"name": ""},
	"derived": {"resources": {"oom_kill_disable": {"disabled": disabled, "pos": at}, "memory": {"limited": limited}}},
}

test_without_memory_limit if {
	oom_kill_disabled.deny == {{
		"msg": "image postgres:17 disables the OOM killer (--oom-kill-disable, compose oom_kill_disable) with no memory limit, the worst case: when the host runs out of memory the kernel kills other processes instead",
		"pos": at,
	}} with input as spec(true, false)
}

test_with_memory_limit if {
	some r in oom_kill_disabled.deny with input as spec(true, true)
	endswith(r.msg, "so it hangs instead of being killed when it reaches its memory limit")
}

test_quiet if {
	count(oom_kill_disabled.deny) == 0 with input as spec(false, false)
}
