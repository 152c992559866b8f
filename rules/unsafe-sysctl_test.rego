package rungate.rules.unsafe_sysctl_test

import data.rungate.rules.unsafe_sysctl

pos := {"file": "run.sh", "line": 1, "column": 11}

sysctl(name, ns) := {"name": name, "key": replace(name, "/", "."), "value": "1", "namespace": ns, "pos": pos}

spec(sysctls, network) := {
	"kind": "docker-run", "source": {"name": "n"},
	"derived": {"sysctls": sysctls, "namespaces": {"network": {"mode": network}}},
}

msgs(sysctls, network) := {r.msg | some r in unsafe_sysctl.deny with input as spec(sysctls, network)}

test_unsafe_net if {
	r := unsafe_sysctl.deny with input as spec([sysctl("net.ipv4.ip_forward", "net")], "default")
	r == {{"msg": `container "n" sets kernel parameter net.ipv4.ip_forward=1: it is outside the safe, namespaced set and can weaken or starve the host`, "pos": pos}}
}

test_unsafe_ipc if {
	count(msgs([sysctl("kernel.shmmax", "ipc"), sysctl("fs.mqueue.msg_max", "ipc")], "bridge")) == 2
}

test_not_namespaced if {
	msgs([sysctl("kernel.panic", "")], "default") == {`container "n" sets kernel parameter kernel.panic=1: it is not namespaced, so it is the host kernel's own setting (runc refuses it)`}
}

test_safe_set if {
	count(msgs([
		sysctl("net.ipv4.ip_unprivileged_port_start", "net"),
		sysctl("net.ipv4.ping_group_range", "net"),
		sysctl("kernel.shm_rmid_forced", "ipc"),
		sysctl("net/ipv4/tcp_syncookies", "net"),
	], "bridge")) == 0
}

test_safe_net_on_host_network if {
	msgs([sysctl("net.ipv4.ip_unprivileged_port_start", "net"), sysctl("kernel.shm_rmid_forced", "ipc")], "host") == {`container "n" sets kernel parameter net.ipv4.ip_unprivileged_port_start=1: with --network host it is the host's own network setting (runc refuses to start the container)`}
}
