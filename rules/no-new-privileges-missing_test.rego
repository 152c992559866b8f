package rungate.rules.no_new_privileges_missing_test

import data.rungate.rules.no_new_privileges_missing

origin_pos := {"file": "run.sh", "line": 1, "column": 1}

opt_pos := {"file": "run.sh", "line": 1, "column": 30}

unknown_daemon := {"known": false, "file": "", "no_new_privileges": false}

spec(nnp, daemon) := {
	"kind": "docker-run", "create": {"Image": "nginx"}, "source": {"name": ""},
	"derived": {"security": {"no_new_privileges": nnp}},
	"daemon": daemon,
}

unset := {"enabled": false, "set": false, "raw": "", "pos": origin_pos}

opt(raw, enabled) := {"enabled": enabled, "set": true, "raw": raw, "pos": opt_pos}

test_missing if {
	no_new_privileges_missing.deny == {{
		"msg": "image nginx can gain privileges through setuid binaries: no --security-opt no-new-privileges, and the daemon does not set it by default unless daemon.json says so",
		"field": "HostConfig.SecurityOpt",
	}} with input as spec(unset, unknown_daemon)
}

test_missing_daemon_known if {
	some r in no_new_privileges_missing.deny with input as spec(unset, {"known": true, "file": "/etc/docker/daemon.json", "no_new_privileges": false})
	contains(r.msg, "the daemon's configuration (/etc/docker/daemon.json) does not set it by default")
	some r2 in no_new_privileges_missing.deny with input as spec(unset, {"known": true, "file": "", "no_new_privileges": false})
	contains(r2.msg, "the daemon's configuration does not set it by default")
}

test_daemon_default_quiet if {
	count(no_new_privileges_missing.deny) == 0 with input as spec(unset, {"known": true, "file": "/etc/docker/daemon.json", "no_new_privileges": true})
}

test_every_spelling_quiet if {
	every raw in ["no-new-privileges", "no-new-privileges=true", "no-new-privileges:true", "no-new-privileges=1"] {
		count(no_new_privileges_missing.deny) == 0 with input as spec(opt(raw, true), unknown_daemon)
	}
}

test_explicit_false if {
	no_new_privileges_missing.deny == {{
		"msg": "image nginx turns no-new-privileges off (--security-opt no-new-privileges:false): it can gain privileges through setuid binaries",
		"pos": opt_pos,
	}} with input as spec(opt("no-new-privileges:false", false), unknown_daemon)
}

# An explicit false overrides the daemon's default, as in dockerd.
test_explicit_false_beats_daemon if {
	some r in no_new_privileges_missing.deny with input as spec(
		opt("no-new-privileges=false", false),
		{"known": true, "file": "/etc/docker/daemon.json", "no_new_privileges": true},
	)
	contains(r.msg, "(--security-opt no-new-privileges=false), overriding the daemon's default")
}

test_decoys if {
	count(no_new_privileges_missing.deny) == 0 with input as {"kind": "host", "host": {}, "daemon": unknown_daemon}
}
