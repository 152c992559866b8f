package rungate.rules.host_uts_test

import data.rungate.rules.host_uts

pos := {"file": "run.sh", "line": 1, "column": 12}

spec(mode, value) := {
	"kind": "docker-run", "create": {"Image": "alpine"}, "source": {"name": ""},
	"derived": {"namespaces": {"uts": {"mode": mode, "value": value, "container": "", "unresolved": false, "pos": pos}}},
}

test_host if {
	host_uts.deny == {{
		"msg": "image alpine shares the host's UTS namespace (--uts host): it sees, and as root with SYS_ADMIN can change, the host's hostname",
		"pos": pos,
	}} with input as spec("host", "host")
}

test_names_service if {
	some r in host_uts.deny with input as object.union(spec("host", "host"), {"kind": "compose", "source": {"name": "web"}})
	startswith(r.msg, "container \"web\" shares")
}

test_not_other_modes if {
	every mode_value in [["default", ""], ["unknown", "HOST"], ["unknown", "container:x"], ["private", "private"]] {
		count(host_uts.deny) == 0 with input as spec(mode_value[0], mode_value[1])
	}
}

test_decoys if {
	count(host_uts.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {"Image": "alpine", "Cmd": ["--uts", "host"], "Env": ["UTS=host"], "Labels": {"uts": "host"}},
		"source": {"name": ""},
		"derived": {"namespaces": {"uts": {"mode": "default", "value": "", "pos": pos}}},
	}
	count(host_uts.deny) == 0 with input as {"kind": "host", "host": {}}
}
