package rungate.rules.tmpfs_exec_test

import data.rungate.rules.tmpfs_exec

pos := {"file": "run.sh", "line": 2, "column": 3}

tmpfs(target, options, exec, ro) := {"type": "tmpfs", "target": target, "options": options, "exec": exec, "read_only": ro, "pos": pos}

spec(mounts) := {"kind": "docker-run", "source": {"name": ""}, "create": {"Image": "nginx:1.27"}, "derived": {"mounts": mounts}}

test_exec if {
	r := tmpfs_exec.deny with input as spec([tmpfs("/tmp", ["rw", "exec", "size=64m"], true, false)])
	r == {{"msg": "image nginx:1.27 mounts a tmpfs at /tmp with exec (rw,exec,size=64m): files written there can be run", "pos": pos}}
}

test_noexec_default_and_read_only if {
	count(tmpfs_exec.deny) == 0 with input as spec([
		tmpfs("/tmp", [], false, false),
		tmpfs("/run", ["exec", "noexec"], false, false),
		tmpfs("/ro", ["ro", "exec"], true, true),
	])
}

test_not_other_mounts if {
	count(tmpfs_exec.deny) == 0 with input as spec([{"type": "bind", "target": "/tmp", "options": ["exec"], "exec": false, "read_only": false, "pos": pos}])
}
