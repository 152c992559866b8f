package rungate.rules.selinux_disabled_test

import data.rungate.rules.selinux_disabled

pos := {"file": "compose.yaml", "line": 12, "column": 9}

spec(label, options) := {
	"kind": "compose", "create": {"Image": "nginx", "HostConfig": {"Privileged": false}}, "source": {"name": "web"},
	"derived": {"security": {"label": label, "options": options}},
}

disabled := {"disabled": true, "options": [], "set": true, "pos": pos}

opt(raw) := {"raw": raw, "key": "label", "value": "disable", "invalid": false, "pos": pos}

test_disabled if {
	selinux_disabled.deny == {{
		"msg": "container \"web\" runs with SELinux separation disabled (--security-opt label=disable): its process is not confined to its own files",
		"pos": pos,
	}} with input as spec(disabled, [opt("label=disable")])
}

test_spellings if {
	every raw in ["label:disable", "disable"] {
		some r in selinux_disabled.deny with input as spec(disabled, [opt(raw)])
		contains(r.msg, sprintf("(--security-opt %s)", [raw]))
	}
	some r in selinux_disabled.deny with input as spec(disabled, [])
	contains(r.msg, "(--security-opt label=disable)")
}

test_other_labels_quiet if {
	count(selinux_disabled.deny) == 0 with input as spec({"disabled": false, "options": ["type:svirt_apache_t"], "set": true, "pos": pos}, [])
	count(selinux_disabled.deny) == 0 with input as spec({"disabled": false, "options": [], "set": false, "pos": pos}, [])
}

test_privileged_quiet if {
	count(selinux_disabled.deny) == 0 with input as object.union(spec(disabled, []), {"create": {"HostConfig": {"Privileged": true}}})
}

test_decoys if {
	count(selinux_disabled.deny) == 0 with input as {"kind": "host", "host": {}}
}
