package rungate.rules.seccomp_unconfined_test

import data.rungate.rules.seccomp_unconfined

pos := {"file": "run.sh", "line": 1, "column": 12}

opt(raw, value) := {"raw": raw, "key": "seccomp", "value": value, "invalid": false, "reason": "", "pos": pos}

spec(mode, options) := {
	"kind": "docker-run", "create": {"Image": "alpine", "HostConfig": {}}, "source": {"name": ""},
	"derived": {"security": {"seccomp": {"mode": mode, "profile": "", "set": true, "pos": pos}, "options": options}},
}

test_unconfined if {
	seccomp_unconfined.deny == {{
		"msg": "image alpine runs without seccomp (--security-opt seccomp=unconfined): the kernel's whole system call surface is reachable",
		"pos": pos,
	}} with input as spec("unconfined", [opt("seccomp=unconfined", "unconfined")])
}

test_colon_spelling if {
	some r in seccomp_unconfined.deny with input as spec("unconfined", [opt("seccomp:unconfined", "unconfined")])
	contains(r.msg, "(--security-opt seccomp:unconfined)")
}

test_without_options if {
	some r in seccomp_unconfined.deny with input as spec("unconfined", [])
	contains(r.msg, "(--security-opt seccomp=unconfined)")
}

# Two spellings at one position, as in an authz request: the deciding
# option's raw names it, with no conflict.
test_duplicate_spellings if {
	some r in seccomp_unconfined.deny with input as object.union(
		spec("unconfined", [opt("seccomp=unconfined", "unconfined"), opt("seccomp:unconfined", "unconfined")]),
		{"derived": {"security": {"seccomp": {"raw": "seccomp:unconfined"}}}},
	)
	contains(r.msg, "(--security-opt seccomp:unconfined)")
}

test_not_confined if {
	count(seccomp_unconfined.deny) == 0 with input as spec("default", [])
	count(seccomp_unconfined.deny) == 0 with input as spec("profile", [opt("seccomp=/etc/unconfined.json", "/etc/unconfined.json")])
}

test_privileged_is_not_this_rule if {
	count(seccomp_unconfined.deny) == 0 with input as object.union(
		spec("unconfined", [opt("seccomp=unconfined", "unconfined")]),
		{"create": {"HostConfig": {"Privileged": true}}},
	)
}

# Text in the command, environment or labels is not the setting.
test_decoys if {
	count(seccomp_unconfined.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {"Image": "alpine", "Cmd": ["--security-opt", "seccomp=unconfined"], "Env": ["SECCOMP=unconfined"], "Labels": {"seccomp": "unconfined"}, "HostConfig": {}},
		"source": {"name": ""},
		"derived": {"security": {"seccomp": {"mode": "default", "pos": pos}, "options": []}},
	}
	count(seccomp_unconfined.deny) == 0 with input as {"kind": "host", "host": {}}
}
