package rungate.rules.privileged_test

import data.rungate.rules.privileged

spec(hc) := {"kind": "docker-run", "create": {"Image": "alpine", "HostConfig": hc}, "source": {"name": ""}}

test_privileged if {
	privileged.deny == {{
		"msg": "image alpine runs privileged (--privileged, HostConfig.Privileged: true): every capability and host device, no seccomp or AppArmor",
		"field": "HostConfig.Privileged",
	}} with input as spec({"Privileged": true})
}

test_named_container if {
	some r in privileged.deny with input as object.union(spec({"Privileged": true}), {"source": {"name": "web"}})
	startswith(r.msg, "container \"web\" runs privileged")
}

test_not_privileged if {
	count(privileged.deny) == 0 with input as spec({"Privileged": false})
	count(privileged.deny) == 0 with input as spec({})
	count(privileged.deny) == 0 with input as {"kind": "host", "host": {}}
}

# The word in the command, environment or labels is not the setting.
test_decoys if {
	count(privileged.deny) == 0 with input as {
		"kind": "docker-run",
		"create": {
			"Image": "alpine", "Cmd": ["docker", "run", "--privileged", "x"],
			"Env": ["PRIVILEGED=true"], "Labels": {"privileged": "true"},
			"HostConfig": {"Privileged": false, "CapAdd": ["SYS_ADMIN"]},
		},
		"source": {"name": ""},
	}
}
