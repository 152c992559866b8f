package rungate.rules.port_all_interfaces_test

import data.rungate.rules.port_all_interfaces

at(c) := {"file": "run.sh", "line": 1, "column": c}

port(ip, host, c) := {
	"host_ip": ip, "all_interfaces": ip in {"", "0.0.0.0", "::", "[::]"}, "host_port": host,
	"host_port_start": num(host), "host_port_end": num(host),
	"container_port": 80, "proto": "tcp", "publish_all": false, "pos": at(c),
}

num("") := 0

num(s) := to_number(s) if s != ""

spec(ports, net) := {
	"kind": "docker-run", "create": {"Image": "nginx:1.27"}, "source": {"name": ""},
	"derived": {"ports": ports, "namespaces": {"network": {"mode": net}}},
}

deny(ports, net) := r if {
	r := port_all_interfaces.deny with input as spec(ports, net)
}

test_no_address if {
	deny([port("", "8080", 9)], "default") == {{
		"msg": "image nginx:1.27 publishes port 8080:80/tcp on every host interface (no host address), which bypasses the host firewall",
		"pos": at(9),
	}}
}

test_wildcards if {
	every ip in ["0.0.0.0", "::", "[::]"] {
		some r in deny([port(ip, "8080", 3)], "bridge")
		r.msg == sprintf("image nginx:1.27 publishes port %s:8080:80/tcp on every host interface (host address %s), which bypasses the host firewall", [ip, ip])
	}
}

test_random_host_port if {
	some r in deny([port("", "", 4)], "default")
	contains(r.msg, "port 80/tcp on every host interface")
}

test_specific_address_quiet if {
	count(deny([port("127.0.0.1", "8080", 3), port("192.168.1.5", "80", 9), port("::1", "80", 12)], "default")) == 0
}

test_host_network_quiet if {
	count(deny([port("", "8080", 3)], "host")) == 0
}

test_publish_all_left_to_publish_all if {
	p := object.union(port("", "", 4), {"publish_all": true})
	count(deny([p], "default")) == 0
}

test_each_port if {
	count(deny([port("", "8080", 3), port("127.0.0.1", "8081", 9), port("0.0.0.0", "8082", 15)], "default")) == 2
}

test_host_input if {
	count(port_all_interfaces.deny) == 0 with input as {"kind": "host", "host": {}}
}
