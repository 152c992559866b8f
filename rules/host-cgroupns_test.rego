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

origin := {"file": "run.sh", "line": 3, "column": 1}

daemon_json := "/etc/docker/daemon.json"

# daemon(mode) is a daemon.json that sets default-cgroupns-mode on line 2.
daemon(mode) := {"known": true, "file": daemon_json, "default_cgroupns_mode": mode, "positions": {"default-cgroupns-mode": {"file": daemon_json, "line": 2, "column": 3}}}

unset_with(d) := object.union(spec("default", ""), {
	"derived": {"namespaces": {"cgroupns": {"mode": "default", "value": "", "container": "", "unresolved": false, "pos": origin}}},
	"daemon": d,
})

test_daemon_default_host if {
	host_cgroupns.deny == {{
		"msg": "image alpine shares the host's cgroup namespace (no --cgroupns, and the daemon's default-cgroupns-mode is host, set at /etc/docker/daemon.json:2): it sees the host's whole cgroup tree",
		"pos": origin,
	}} with input as unset_with(daemon("host"))
}

# Set by the dockerd flag in the service unit: the message names the unit.
test_daemon_default_host_from_flag if {
	unit := "/etc/systemd/system/docker.service"
	some r in host_cgroupns.deny with input as unset_with({
		"known": false, "file": daemon_json, "default_cgroupns_mode": "host",
		"positions": {"default-cgroupns-mode": {"file": unit, "line": 9, "column": 20}},
	})
	contains(r.msg, "default-cgroupns-mode is host, set at /etc/systemd/system/docker.service:9)")
	r.pos == origin
}

# A daemon given without positions (the authorization plugin's own
# configuration) is named by its file, else by what it is.
test_daemon_default_host_no_position if {
	some r in host_cgroupns.deny with input as unset_with({"known": true, "file": daemon_json, "default_cgroupns_mode": "host", "positions": {}})
	contains(r.msg, "default-cgroupns-mode is host, set in /etc/docker/daemon.json)")
	some r2 in host_cgroupns.deny with input as unset_with({"known": true, "file": "", "default_cgroupns_mode": "host", "positions": {}})
	contains(r2.msg, "default-cgroupns-mode is host, set in daemon.json)")
}

# An explicit private beats the daemon's default, as in dockerd.
test_daemon_default_host_private_quiet if {
	count(host_cgroupns.deny) == 0 with input as object.union(spec("private", "private"), {"daemon": daemon("host")})
}

# An explicit host is one finding, the explicit one, whatever the default.
test_daemon_default_host_explicit_host_once if {
	host_cgroupns.deny == {{
		"msg": "image alpine shares the host's cgroup namespace (--cgroupns host): it sees the host's whole cgroup tree",
		"pos": pos,
	}} with input as object.union(spec("host", "host"), {"daemon": daemon("host")})
}

# The daemon's private default, or none set (dockerd's built-in default,
# which rungate cannot tell), or no daemon known: quiet.
test_daemon_default_not_host_quiet if {
	every d in [daemon("private"), daemon(""), {"known": false, "file": "", "default_cgroupns_mode": "", "positions": {}}] {
		count(host_cgroupns.deny) == 0 with input as unset_with(d)
	}
	count(host_cgroupns.deny) == 0 with input as spec("default", "")
}

# A value the daemon rejects is not the default mode.
test_daemon_default_host_unknown_mode_quiet if {
	count(host_cgroupns.deny) == 0 with input as object.union(spec("unknown", "Host"), {"daemon": daemon("host")})
}
