package rungate.rules.privileged_host_port_test

import data.rungate.rules.privileged_host_port

at(c) := {"file": "run.sh", "line": 1, "column": c}

port(ip, host, lo, hi, c) := {
	"host_ip": ip, "all_interfaces": ip == "", "host_port": host, "host_port_start": lo, "host_port_end": hi,
	"container_port": 8080, "proto": "tcp", "publish_all": false, "pos": at(c),
}

spec(ports, net) := {
	"kind": "docker-run", "create": {"Image": "web:1"}, "source": {"name": "web"},
	"derived": {"ports": ports, "namespaces": {"network": {"mode": net}}},
}

deny(ports, net) := r if {
	r := privileged_host_port.deny with input as spec(ports, net)
}

test_port_80 if {
	deny([port("", "80", 80, 80, 5)], "default") == {{
		"msg": `container "web" publishes port 80:8080/tcp on host port 80, below 1024`,
		"pos": at(5),
	}}
}

test_with_address if {
	some r in deny([port("127.0.0.1", "443", 443, 443, 5)], "default")
	r.msg == `container "web" publishes port 127.0.0.1:443:8080/tcp on host port 443, below 1024`
}

test_range_starting_low if {
	count(deny([port("", "1000-1100", 1000, 1100, 5)], "default")) == 1
}

test_edges if {
	count(deny([port("", "1023", 1023, 1023, 5)], "default")) == 1
	count(deny([port("", "1024", 1024, 1024, 5)], "default")) == 0
	count(deny([port("", "8080", 8080, 8080, 5)], "default")) == 0
}

test_random_host_port_quiet if {
	count(deny([port("", "", 0, 0, 5)], "default")) == 0
}

test_host_network_quiet if {
	count(deny([port("", "80", 80, 80, 5)], "host")) == 0
}

test_random_port_spelling if {
	# The daemon picks a port: no host port to judge, and the spelling is
	# the container port alone (the helper is shared with the message).
	p := port("", "", 0, 0, 5)
	privileged_host_port.spelling(p) == "8080/tcp"
}
