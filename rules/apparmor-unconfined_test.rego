package rungate.rules.apparmor_unconfined_test

import data.rungate.rules.apparmor_unconfined

pos := {"file": "run.sh", "line": 1, "column": 30}

spec(apparmor) := {
	"kind": "docker-run", "create": {"Image": "nginx", "HostConfig": {"Privileged": false}}, "source": {"name": ""},
	"derived": {"security": {"apparmor": apparmor}},
}

unconfined(raw) := {"profile": "unconfined", "unconfined": true, "set": true, "raw": raw, "pos": pos}

test_unconfined if {
	apparmor_unconfined.deny == {{
		"msg": "image nginx runs without AppArmor (--security-opt apparmor=unconfined): docker's default profile no longer guards /proc, /sys and mounts",
		"pos": pos,
	}} with input as spec(unconfined("apparmor=unconfined"))
}

test_colon_spelling if {
	some r in apparmor_unconfined.deny with input as spec(unconfined("apparmor:unconfined"))
	contains(r.msg, "(--security-opt apparmor:unconfined)")
}

test_not_default_or_custom if {
	count(apparmor_unconfined.deny) == 0 with input as spec({"profile": "", "unconfined": false, "set": false, "raw": "", "pos": pos})
	count(apparmor_unconfined.deny) == 0 with input as spec({"profile": "docker-nginx", "unconfined": false, "set": true, "raw": "apparmor=docker-nginx", "pos": pos})
}

test_privileged_quiet if {
	count(apparmor_unconfined.deny) == 0 with input as object.union(spec(unconfined("apparmor=unconfined")), {"create": {"HostConfig": {"Privileged": true}}})
}

test_decoys if {
	count(apparmor_unconfined.deny) == 0 with input as {"kind": "host", "host": {}}
}
