package rungate.rules.host_cgroupns_test

import data.rungate.rules.host_cgroupns

pos := {"file": "compose.yaml", "line": 7, "column": 13}

spec(mode, value) := {
	"kind": "docker-run", "create": {"Image": "alpine"}, "source": {"name": ""},
	"derived": {"namespaces": {"cgroupns": {"mode": mode, "value": value, "container": "", "unresolved": false, "pos": pos}}},
}

test_host if {
	host_cgroupns.deny == {{
		"msg": "image alpine shares the host's cgroup namespace (--cgroupns host): it sees the host's whole cgroup tree",
		"pos": pos,
	}} with input as spec("host", "host")
}

test_names_service if {
	some r in host_cgroupns.deny with input as object.union(spec("host", "host"), {"kind": "compose", "source": {"name": "agent"}})
	startswith(r.msg, "container \"agent\" shares")
}

test_inspect_may_be_the_default if {
	some r in host_cgroupns.deny with input as object.union(spec("host", "host"), {"kind": "inspect"})
	contains(r.msg, "(--cgroupns host, which is also the default of a daemon on a cgroup v1 host)")
}

test_not_other_modes if {
	every mode_value in [["default", ""], ["private", "private"], ["unknown", "Host"], ["unknown", "container:x"]] {
		count(host_cgroupns.deny) == 0 with input as spec(mode_value[0], mode_value[1])
	}
}

test_decoys if {
	count(host_cgroupns.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {"Image": "alpine", "Cmd": ["--cgroupns", "host"], "Env": ["CGROUP=host"], "Labels": {"cgroup": "host"}},
		"source": {"name": ""},
		"derived": {"namespaces": {"cgroupns": {"mode": "default", "value": "", "pos": pos}}},
	}
	count(host_cgroupns.deny) == 0 with input as {"kind": "host", "host": {}}
}
