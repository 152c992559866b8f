package rungate.rules.readonly_rootfs_missing_test

import data.rungate.rules.readonly_rootfs_missing

spec(hc) := {"kind": "docker-run", "create": {"Image": "web-server", "HostConfig": hc}, "source": {"name": ""}}

test_writable_root if {
	readonly_rootfs_missing.deny == {{
		"msg": "the root filesystem of image web-server is writable (not run with --read-only or read_only: true)",
		"field": "HostConfig.ReadonlyRootfs",
	}} with input as spec({"ReadonlyRootfs": false})
}

test_unset_is_writable if {
	count(readonly_rootfs_missing.deny) == 1 with input as spec({})
	count(readonly_rootfs_missing.deny) == 1 with input as {"kind": "authz", "create": {}}
}

test_names_compose_service if {
	some r in readonly_rootfs_missing.deny with input as {
		"kind": "compose",
		"create": {"Image": "nginx", "HostConfig": {"ReadonlyRootfs": false}},
		"source": {"name": "web"},
	}
	r.msg == `the root filesystem of container "web" is writable (not run with --read-only or read_only: true)`
}

test_read_only if {
	count(readonly_rootfs_missing.deny) == 0 with input as spec({"ReadonlyRootfs": true})
}

test_not_host_facts if {
	count(readonly_rootfs_missing.deny) == 0 with input as {"kind": "host", "host": {"docker_group": {"found": true}}}
}
