package rungate.rules.systempaths_unconfined_test

import data.rungate.rules.systempaths_unconfined

pos := {"file": "run.sh", "line": 1, "column": 30}

spec(p) := {
	"kind": "docker-run", "create": {"Image": "exporter", "HostConfig": {"Privileged": false}}, "source": {"name": ""},
	"derived": {"security": {"systempaths": object.union({"unconfined": false, "unmasked": false, "writable": false, "pos": pos}, p)}},
}

test_unconfined if {
	systempaths_unconfined.deny == {{
		"msg": "image exporter runs with /proc and /sys unmasked and writable (--security-opt systempaths=unconfined): kernel memory, keys and settings are exposed",
		"pos": pos,
	}} with input as spec({"unconfined": true, "unmasked": true, "writable": true})
}

test_masked_only if {
	some r in systempaths_unconfined.deny with input as spec({"unmasked": true})
	contains(r.msg, "(empty HostConfig.MaskedPaths)")
}

test_readonly_only if {
	some r in systempaths_unconfined.deny with input as spec({"writable": true})
	contains(r.msg, "(empty HostConfig.ReadonlyPaths)")
}

test_defaults_quiet if {
	count(systempaths_unconfined.deny) == 0 with input as spec({})
}

test_privileged_quiet if {
	count(systempaths_unconfined.deny) == 0 with input as object.union(spec({"unconfined": true, "unmasked": true, "writable": true}), {"create": {"HostConfig": {"Privileged": true}}})
}

test_decoys if {
	count(systempaths_unconfined.deny) == 0 with input as {"kind": "host", "host": {}}
}
