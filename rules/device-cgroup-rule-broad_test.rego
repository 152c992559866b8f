package rungate.rules.device_cgroup_rule_broad_test

import data.rungate.rules.device_cgroup_rule_broad

pos := {"file": "compose.yaml", "line": 10, "column": 9}

rule(raw) := r if {
	parts := split(raw, " ")
	nums := split(parts[1], ":")
	r := {
		"raw": raw, "type": parts[0], "major": nums[0], "minor": nums[1], "numbers": parts[1],
		"any_major": wild(parts[0], nums[0]), "any_minor": wild(parts[0], nums[1]),
		"read": contains(parts[2], "r"), "write": contains(parts[2], "w"), "mknod": contains(parts[2], "m"),
		"invalid": false, "pos": pos,
	}
}

wild(t, n) := true if {
	t == "a"
} else := true if {
	n == "*"
} else := false

spec(rules) := {"kind": "compose", "source": {"name": "hw"}, "derived": {"device_cgroup_rules": rules}}

msgs(raws) := {r.msg | some r in device_cgroup_rule_broad.deny with input as spec([rule(raw) | some raw in raws])}

test_all_devices if {
	r := device_cgroup_rule_broad.deny with input as spec([rule("a *:* rwm")])
	r == {{"msg": `container "hw" has device cgroup rule "a *:* rwm", which lets it read and write every host device`, "pos": pos}}
	msgs(["a 1:3 r"]) == {`container "hw" has device cgroup rule "a 1:3 r", which lets it read every host device`}
}

test_wildcard_major if {
	msgs(["c *:* rwm"]) == {`container "hw" has device cgroup rule "c *:* rwm", which lets it read and write every character device`}
	msgs(["b *:3 w"]) == {`container "hw" has device cgroup rule "b *:3 w", which lets it write every block device`}
}

test_block_devices if {
	msgs(["b 8:* rw"]) == {`container "hw" has device cgroup rule "b 8:* rw", which lets it read and write block devices of major 8: host disks, with every file on them`}
	count(msgs(["b 259:0 r"])) == 1
}

test_memory_character_devices if {
	msgs(["c 1:1 r"]) == {`container "hw" has device cgroup rule "c 1:1 r", which lets it read /dev/mem, raw access to host physical memory`}
	msgs(["c 1:* rw"]) == {`container "hw" has device cgroup rule "c 1:* rw", which lets it read and write /dev/kmem, raw access to kernel memory, /dev/kmsg, the kernel log, /dev/mem, raw access to host physical memory, /dev/port, raw access to I/O ports`}
}

test_quiet if {
	count(msgs(["c *:* m", "b *:* m", "a *:* m", "c 1:3 rw", "c 189:* rwm", "c 10:200 rwm", "c 1:1 m"])) == 0
}

test_invalid_rules_are_quiet if {
	r := object.union(rule("a *:* rwm"), {"invalid": true})
	count(device_cgroup_rule_broad.deny) == 0 with input as spec([r])
}
