package rungate.rules.host_root_mount_test

import data.rungate.rules.host_root_mount

bind(raw_source, source, target, ro) := {
	"type": "bind", "raw_source": raw_source, "source": source, "target": target,
	"read_only": ro, "pos": {"file": "run.sh", "line": 3, "column": 7},
}

spec(mounts) := {"kind": "docker-run", "derived": {"mounts": mounts}}

test_root_read_write if {
	r := host_root_mount.deny with input as spec([bind("/", "/", "/mnt", false)])
	r == {{
		"msg": "the host's root directory / is bind-mounted read-write at /mnt",
		"pos": {"file": "run.sh", "line": 3, "column": 7},
	}}
}

test_root_read_only if {
	some r in host_root_mount.deny with input as spec([bind("/", "/", "/host", true)])
	r.msg == "the host's root directory / is bind-mounted read-only at /host"
}

# Every spelling that cleans to /: the derived source is already clean, the
# message shows what was written.
test_spellings if {
	every raw in ["//", "/./", "/etc/..", "/../", "/usr/../"] {
		some r in host_root_mount.deny with input as spec([bind(raw, "/", "/host", false)])
		r.msg == sprintf("the host's root directory / (written %q) is bind-mounted read-write at /host", [raw])
	}
}

test_mounts_field if {
	m := object.union(bind("/", "/", "/host", true), {"origin": "mounts"})
	count(host_root_mount.deny) == 1 with input as spec([m])
}

test_one_finding_per_mount if {
	count(host_root_mount.deny) == 2 with input as spec([bind("/", "/", "/a", false), bind("//", "/", "/b", true)])
}

test_not_other_host_paths if {
	count(host_root_mount.deny) == 0 with input as spec([
		bind("/etc", "/etc", "/host-etc", false),
		bind("/root", "/root", "/r", false),
		bind("/srv/", "/srv", "/", false),
	])
}

test_not_volumes if {
	count(host_root_mount.deny) == 0 with input as spec([
		{"type": "volume", "source": "root", "raw_source": "root", "target": "/", "read_only": false},
		{"type": "volume", "source": "", "raw_source": "", "target": "/data", "read_only": false},
		{"type": "tmpfs", "source": "", "raw_source": "", "target": "/", "read_only": false},
	])
}

test_not_container_root if {
	# `/` as the target is the container's own root, not the host's.
	count(host_root_mount.deny) == 0 with input as spec([bind("/data", "/data", "/", false)])
}

test_no_mounts if {
	count(host_root_mount.deny) == 0 with input as spec([])
	count(host_root_mount.deny) == 0 with input as {"kind": "host", "host": {}}
}
