package rungate.rules.publish_all_test

import data.rungate.rules.publish_all

spec(all, net) := {
	"kind": "docker-run", "create": {"Image": "nginx:1.27", "HostConfig": {"PublishAllPorts": all}},
	"source": {"name": ""}, "derived": {"namespaces": {"network": {"mode": net}}},
}

test_publish_all if {
	publish_all.deny == {{
		"msg": "image nginx:1.27 publishes every port its image exposes (-P, HostConfig.PublishAllPorts: true), on random host ports and every interface",
		"field": "HostConfig.PublishAllPorts",
	}} with input as spec(true, "default")
}

test_quiet if {
	count(publish_all.deny) == 0 with input as spec(false, "default")
	count(publish_all.deny) == 0 with input as spec(true, "host")
	count(publish_all.deny) == 0 with input as {"kind": "docker-run", "create": {"Image": "x", "HostConfig": {}}, "derived": {"namespaces": {"network": {"mode": "default"}}}}
}
