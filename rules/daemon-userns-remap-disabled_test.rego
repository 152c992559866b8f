package rungate.rules.daemon_userns_remap_disabled_test

import data.rungate.rules.daemon_userns_remap_disabled as rule

file := "/etc/docker/daemon.json"

at := {"file": file, "line": 2, "column": 3}

host(d) := {"kind": "host", "daemon": d, "host": {"daemon": d}}

test_unset_in_file if {
	rule.deny == {{
		"msg": `/etc/docker/daemon.json does not set "userns-remap", so it has dockerd's default "": containers share the host's user namespace, so root in a container is root on the host`,
		"pos": {"file": file, "line": 1, "column": 1},
	}} with input as host({"known": true, "file": file, "userns_remap": "", "positions": {}})
}

test_set_empty if {
	rule.deny == {{
		"msg": `/etc/docker/daemon.json sets "userns-remap" to "": containers share the host's user namespace, so root in a container is root on the host`,
		"pos": at,
	}} with input as host({"known": true, "file": file, "userns_remap": "", "positions": {"userns-remap": at}})
}

test_no_daemon_json if {
	rule.deny == {{
		"msg": `daemon.json not found at /etc/docker/daemon.json, so "userns-remap" has dockerd's default "": containers share the host's user namespace, so root in a container is root on the host`,
		"field": file,
	}} with input as host({"known": false, "file": file, "userns_remap": ""})
}

test_remapped if {
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "userns_remap": "default", "positions": {"userns-remap": at}})
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "userns_remap": "dockremap:dockremap", "positions": {"userns-remap": at}})
}

# A container spec carries the daemon's defaults too: host rules stay quiet.
test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "docker-run", "daemon": {"known": false, "userns_remap": ""}, "derived": {}}
	count(rule.deny) == 0 with input as {"kind": "compose", "daemon": {"known": true, "file": file, "userns_remap": "", "positions": {}}}
}
