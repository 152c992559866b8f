package rungate.rules.cap_add_dangerous_test

import data.rungate.rules.cap_add_dangerous

pos(c) := {"file": "run.sh", "line": 1, "column": c}

val(raw, name, col) := {"raw": raw, "name": name, "invalid": false, "pos": pos(col)}

spec(add, added) := {
	"kind": "docker-run", "create": {"Image": "alpine", "HostConfig": {}}, "source": {"name": ""},
	"derived": {"capabilities": {"add": add, "drop": [], "added": added}},
}

test_sys_admin if {
	cap_add_dangerous.deny == {{
		"msg": "image alpine adds capability CAP_SYS_ADMIN (--cap-add sys_admin), critical: mount, namespaces, BPF and many admin operations, the usual way out of a container",
		"pos": pos(12),
		"severity": "critical",
	}} with input as spec([val("sys_admin", "CAP_SYS_ADMIN", 12)], ["CAP_SYS_ADMIN"])
}

test_high if {
	some r in cap_add_dangerous.deny with input as spec([val("NET_ADMIN", "CAP_NET_ADMIN", 3)], ["CAP_NET_ADMIN"])
	startswith(r.msg, "image alpine adds capability CAP_NET_ADMIN (--cap-add NET_ADMIN), high: ")
}

test_each_dangerous_add if {
	r := cap_add_dangerous.deny with input as spec(
		[val("sys_module", "CAP_SYS_MODULE", 1), val("CHOWN", "CAP_CHOWN", 2), val("bpf", "CAP_BPF", 3), val("SYS_PTRACE", "CAP_SYS_PTRACE", 4)],
		["CAP_BPF", "CAP_SYS_MODULE", "CAP_SYS_PTRACE"],
	)
	{x.pos.column | some x in r} == {1, 3, 4}
}

test_all_once if {
	r := cap_add_dangerous.deny with input as spec([val("all", "ALL", 5), val("SYS_ADMIN", "CAP_SYS_ADMIN", 9)], ["CAP_BPF", "CAP_SYS_ADMIN"])
	r == {{
		"msg": "image alpine adds ALL capabilities (--cap-add all), critical: every capability, the same power over the kernel as root on the host",
		"pos": pos(5),
		"severity": "critical",
	}}
}

test_invalid_ignored if {
	count(cap_add_dangerous.deny) == 0 with input as spec([{"raw": "SYS_ADMINN", "name": "CAP_SYS_ADMINN", "invalid": true, "pos": pos(1)}], [])
	# An invalid value that happens to be listed is still not held.
	count(cap_add_dangerous.deny) == 0 with input as spec([{"raw": "x", "name": "CAP_SYS_ADMIN", "invalid": true, "pos": pos(1)}], [])
}

test_not_held if {
	# Not in the effective added set: nothing to report.
	count(cap_add_dangerous.deny) == 0 with input as spec([val("sys_admin", "CAP_SYS_ADMIN", 1)], [])
}

test_privileged_is_not_this_rule if {
	count(cap_add_dangerous.deny) == 0 with input as object.union(
		spec([val("sys_admin", "CAP_SYS_ADMIN", 1)], ["CAP_SYS_ADMIN"]),
		{"create": {"HostConfig": {"Privileged": true}}},
	)
}

# Text in the command, environment or labels is not the setting.
test_decoys if {
	count(cap_add_dangerous.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {"Image": "alpine", "Cmd": ["--cap-add", "SYS_ADMIN"], "Env": ["CAPS=ALL"], "Labels": {"cap_add": "SYS_ADMIN"}, "HostConfig": {}},
		"source": {"name": ""},
		"derived": {"capabilities": {"add": [], "drop": [], "added": []}},
	}
	count(cap_add_dangerous.deny) == 0 with input as {"kind": "host", "host": {}}
}

# Each finding carries its capability's level as its severity.
test_severity_per_capability if {
	adds := [val("sys_admin", "CAP_SYS_ADMIN", 18), val("net_admin", "CAP_NET_ADMIN", 40), val("sys_ptrace", "CAP_SYS_PTRACE", 62)]
	sevs := {r.severity | some r in cap_add_dangerous.deny} with input as spec(adds, ["CAP_NET_ADMIN", "CAP_SYS_ADMIN", "CAP_SYS_PTRACE"])
	sevs == {"critical", "high", "medium"}
}
