package rungate.rules.host_userns_test

import data.rungate.rules.host_userns

pos := {"file": "run.sh", "line": 1, "column": 12}

spec(mode, value) := {
	"kind": "docker-run", "create": {"Image": "alpine"}, "source": {"name": ""},
	"derived": {"namespaces": {"userns": {"mode": mode, "value": value, "container": "", "unresolved": false, "pos": pos}}},
	"daemon": {"known": false, "userns_remap": ""},
}

test_host_daemon_unknown if {
	host_userns.deny == {{
		"msg": "image alpine shares the host's user namespace (--userns host), opting out of the daemon's userns-remap if it has one: root in the container is then root on the host",
		"pos": pos,
	}} with input as spec("host", "host")
}

test_host_daemon_remaps if {
	host_userns.deny == {{
		"msg": "image alpine shares the host's user namespace (--userns host), opting out of the daemon's userns-remap (default): root in the container is root on the host",
		"pos": pos,
	}} with input as object.union(spec("host", "host"), {"daemon": {"known": true, "userns_remap": "default"}})
}

test_host_daemon_does_not_remap if {
	some r in host_userns.deny with input as object.union(spec("host", "host"), {"daemon": {"known": true, "userns_remap": ""}})
	contains(r.msg, "does not remap")
}

test_not_other_modes if {
	every mode_value in [["default", ""], ["private", "private"], ["unknown", "container:x"], ["unknown", "HOST"]] {
		count(host_userns.deny) == 0 with input as spec(mode_value[0], mode_value[1])
	}
}

test_decoys if {
	count(host_userns.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {"Image": "alpine", "Cmd": ["--userns", "host"], "Env": ["USERNS=host"], "Labels": {"userns": "host"}},
		"source": {"name": ""},
		"derived": {"namespaces": {"userns": {"mode": "default", "value": "", "pos": pos}}},
		"daemon": {"known": true, "userns_remap": "default"},
	}
	count(host_userns.deny) == 0 with input as {"kind": "host", "host": {}}
}
