package rungate.rules.group_add_privileged_test

import data.rungate.rules.group_add_privileged

pos := {"file": "compose.yaml", "line": 8, "column": 9}

spec(values) := {
	"kind": "compose", "create": {"Image": "backup"}, "source": {"name": "backup"},
	"derived": {"group_add": [{"value": v, "unresolved": false, "pos": pos} | some v in values]},
}

test_disk if {
	group_add_privileged.deny == {{
		"msg": "container \"backup\" is given the disk group (--group-add disk): raw read and write access to block devices, and through them every file on the host's disks",
		"pos": pos,
	}} with input as spec(["disk"])
}

test_by_gid if {
	some r in group_add_privileged.deny with input as spec(["0"])
	contains(r.msg, "the root group (--group-add 0)")
	some r6 in group_add_privileged.deny with input as spec(["6"])
	contains(r6.msg, "the disk group (--group-add 6)")
}

test_each_listed_name if {
	every name in ["root", "disk", "kmem", "shadow", "sudo", "wheel", "adm", "lxd", "libvirt"] {
		count(group_add_privileged.deny) == 1 with input as spec([name])
	}
}

test_several if {
	count(group_add_privileged.deny) == 2 with input as spec(["audio", "shadow", "wheel"])
}

# docker is docker-group-member's; ordinary groups and gids are quiet.
test_quiet if {
	count(group_add_privileged.deny) == 0 with input as spec(["docker", "audio", "video", "1000", "2001", "Disk", "${GID}"])
	count(group_add_privileged.deny) == 0 with input as spec([])
}

test_policy_override if {
	count(group_add_privileged.deny) == 1 with input as spec(["video"]) with data.rungate.policy.privileged_groups.names as {"video": "frame buffers"}
	count(group_add_privileged.deny) == 0 with input as spec(["disk"]) with data.rungate.policy.privileged_groups.names as {}
}

test_decoys if {
	count(group_add_privileged.deny) == 0 with input as object.union(spec([]), {"create": {"Image": "backup", "Cmd": ["--group-add", "disk"], "Env": ["GROUPS=root"]}})
	count(group_add_privileged.deny) == 0 with input as {"kind": "host", "host": {}}
}
