package rungate.rules.container_namespace_join_test

import data.rungate.rules.container_namespace_join

pos := {"file": "compose.yaml", "line": 9, "column": 19}

ns(mode, value, ctr) := {"mode": mode, "value": value, "container": ctr, "unresolved": false, "pos": pos}

dflt := ns("default", "", "")

spec(namespaces) := {
	"kind": "compose", "create": {"Image": "tools:1"}, "source": {"name": "debug"},
	"derived": {"namespaces": object.union({"network": dflt, "pid": dflt, "ipc": dflt, "uts": dflt}, namespaces)},
}

test_network if {
	container_namespace_join.deny == {{
		"msg": "container \"debug\" joins the network namespace of container shop-db-1 (--network container:shop-db-1): it shares that container's interfaces, ports and loopback-only services",
		"pos": pos,
	}} with input as spec({"network": ns("container", "container:shop-db-1", "shop-db-1")})
}

test_each_kind if {
	got := container_namespace_join.deny with input as spec({
		"network": ns("container", "container:a", "a"),
		"pid": ns("container", "container:b", "b"),
		"ipc": ns("container", "service:c", "c"),
	})
	count(got) == 3
	some p in got
	contains(p.msg, "pid namespace of container b (--pid container:b): it sees that container's processes")
	some i in got
	contains(i.msg, "ipc namespace of container c (--ipc service:c)")
}

test_not_other_modes if {
	every n in [dflt, ns("host", "host", ""), ns("bridge", "bridge", ""), ns("network", "shop_default", ""), ns("none", "none", ""), ns("shareable", "shareable", ""), ns("unknown", "container:", "")] {
		count(container_namespace_join.deny) == 0 with input as spec({"network": n, "pid": n, "ipc": n})
	}
}

# uts is not a kind that joins: dockerd rejects container:NAME there.
test_not_uts if {
	count(container_namespace_join.deny) == 0 with input as spec({"uts": ns("container", "container:x", "x")})
}

test_decoys if {
	count(container_namespace_join.deny) == 0 with input as object.union(spec({}), {"create": {"Image": "tools:1", "Cmd": ["--network", "container:db"], "Env": ["NET=container:db"]}})
	count(container_namespace_join.deny) == 0 with input as {"kind": "host", "host": {}}
}
