package rungate.rules.selinux_disabled_test

import data.rungate.rules.selinux_disabled

pos := {"file": "compose.yaml", "line": 12, "column": 9}

spec(label) := {
	"kind": "compose", "create": {"Image": "nginx", "HostConfig": {"Privileged": false}}, "source": {"name": "web"},
	"derived": {"security": {"label": label}},
}

disabled(raw) := {"disabled": true, "options": [], "set": true, "raw": raw, "pos": pos}

test_disabled if {
	selinux_disabled.deny == {{
		"msg": "container \"web\" runs with SELinux separation disabled (--security-opt label=disable): its process is not confined to its own files",
		"pos": pos,
	}} with input as spec(disabled("label=disable"))
}

test_spellings if {
	every raw in ["label:disable", "disable"] {
		some r in selinux_disabled.deny with input as spec(disabled(raw))
		contains(r.msg, sprintf("(--security-opt %s)", [raw]))
	}
}

test_other_labels_quiet if {
	count(selinux_disabled.deny) == 0 with input as spec({"disabled": false, "options": ["type:svirt_apache_t"], "set": true, "raw": "label=type:svirt_apache_t", "pos": pos})
	count(selinux_disabled.deny) == 0 with input as spec({"disabled": false, "options": [], "set": false, "raw": "", "pos": pos})
}

test_privileged_quiet if {
	count(selinux_disabled.deny) == 0 with input as object.union(spec(disabled("label=disable")), {"create": {"HostConfig": {"Privileged": true}}})
}

test_decoys if {
	count(selinux_disabled.deny) == 0 with input as {"kind": "host", "host": {}}
}
