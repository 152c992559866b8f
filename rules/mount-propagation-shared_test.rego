package rungate.rules.mount_propagation_shared_test

import data.rungate.rules.mount_propagation_shared

pos := {"file": "compose.yaml", "line": 8, "column": 9}

bind(src, propagation) := {"type": "bind", "raw_source": src, "source": src, "target": "/data", "propagation": propagation, "pos": pos}

spec(mounts) := {"kind": "compose", "source": {"name": "app"}, "derived": {"mounts": mounts}}

test_rshared if {
	r := mount_propagation_shared.deny with input as spec([bind("/mnt", "rshared")])
	r == {{
		"msg": `container "app" bind-mounts /mnt at /data with rshared propagation: mounts made in the container reach the host and the host's reach the container`,
		"pos": pos,
	}}
}

test_shared if {
	count(mount_propagation_shared.deny) == 1 with input as spec([bind("/mnt", "shared")])
}

test_other_modes_are_quiet if {
	count(mount_propagation_shared.deny) == 0 with input as spec([
		bind("/a", "rprivate"), bind("/b", "private"), bind("/c", "slave"), bind("/d", "rslave"),
		{"type": "volume", "raw_source": "v", "source": "v", "target": "/v", "propagation": "", "pos": pos},
		{"type": "tmpfs", "raw_source": "", "source": "", "target": "/t", "propagation": "", "pos": pos},
	])
}
