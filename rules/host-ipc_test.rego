package rungate.rules.host_ipc_test

import data.rungate.rules.host_ipc

pos := {"file": "run.sh", "line": 1, "column": 12}

spec(mode, value) := {
	"kind": "docker-run", "create": {"Image": "alpine"}, "source": {"name": ""},
	"derived": {"namespaces": {"ipc": {"mode": mode, "value": value, "container": "", "unresolved": false, "pos": pos}}},
}

test_host if {
	host_ipc.deny == {{
		"msg": "image alpine shares the host's ipc namespace (--ipc host)",
		"pos": pos,
	}} with input as spec("host", "host")
}

test_names_service if {
	some r in host_ipc.deny with input as object.union(spec("host", "host"), {"kind": "compose", "source": {"name": "web"}})
	startswith(r.msg, "container \"web\" shares")
}

test_not_other_modes if {
	every mode_value in [["default", ""], ["container", "container:x"], ["container", "service:db"], ["private", "private"], ["bridge", "bridge"], ["none", "none"], ["network", "host-net"], ["unknown", "HOST"]] {
		count(host_ipc.deny) == 0 with input as spec(mode_value[0], mode_value[1])
	}
}

# Text in the command, environment or labels is not the setting.
test_decoys if {
	count(host_ipc.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {"Image": "alpine", "Cmd": ["--ipc", "host"], "Env": ["MODE=--ipc=host"], "Labels": {"ipc": "host"}},
		"source": {"name": ""},
		"derived": {"namespaces": {"ipc": {"mode": "default", "value": "", "pos": pos}}},
	}
	count(host_ipc.deny) == 0 with input as {"kind": "host", "host": {}}
}
