package rungate.rules.daemon_tcp_without_tls_test

import data.rungate.rules.daemon_tcp_without_tls as rule

file := "/etc/docker/daemon.json"

at := {"file": file, "line": 2, "column": 42}

unix := {"raw": "unix:///var/run/docker.sock", "scheme": "unix", "address": "/var/run/docker.sock", "host": "", "port": 0, "loopback": false, "pos": at}

fd := {"raw": "fd://", "scheme": "fd", "address": "", "host": "", "port": 0, "loopback": false, "pos": at}

tcp(raw, host, port, loopback) := {"raw": raw, "scheme": "tcp", "address": "", "host": host, "port": port, "loopback": loopback, "pos": at}

host(hosts, tls, verify) := {"kind": "host", "daemon": {"known": true, "file": file, "hosts": hosts, "tls": tls, "tlsverify": verify}}

test_plain_tcp if {
	rule.deny == {{
		"msg": "/etc/docker/daemon.json makes dockerd listen on tcp://0.0.0.0:2375 without TLS: anyone who reaches port 2375 controls dockerd, and through it the host, with no credentials",
		"pos": at,
	}} with input as host([unix, tcp("tcp://0.0.0.0:2375", "0.0.0.0", 2375, false)], false, false)
}

test_bare_address_and_loopback if {
	some r in rule.deny with input as host([tcp("127.0.0.1:2375", "127.0.0.1", 2375, true)], false, false)
	r.msg == "/etc/docker/daemon.json makes dockerd listen on 127.0.0.1:2375 without TLS: any local user or container on the host network who reaches port 2375 controls dockerd, and through it the host, with no credentials"
}

test_tls_without_verify if {
	some r in rule.deny with input as host([tcp("tcp://10.0.0.5:2376", "10.0.0.5", 2376, false)], true, false)
	contains(r.msg, `with "tls" but not "tlsverify", so clients are not authenticated`)
}

test_one_finding_per_tcp_host if {
	count(rule.deny) == 2 with input as host([tcp("tcp://0.0.0.0:2375", "0.0.0.0", 2375, false), unix, tcp("tcp://[::]:2375", "::", 2375, false)], false, false)
}

test_verified if {
	count(rule.deny) == 0 with input as host([tcp("tcp://0.0.0.0:2376", "0.0.0.0", 2376, false)], true, true)
	count(rule.deny) == 0 with input as host([tcp("tcp://0.0.0.0:2376", "0.0.0.0", 2376, false)], false, true)
}

test_local_sockets_only if {
	count(rule.deny) == 0 with input as host([unix, fd], false, false)
	count(rule.deny) == 0 with input as host([], false, false)
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "docker-run", "daemon": {"known": true, "file": file, "hosts": [tcp("tcp://0.0.0.0:2375", "0.0.0.0", 2375, false)], "tls": false, "tlsverify": false}}
}
