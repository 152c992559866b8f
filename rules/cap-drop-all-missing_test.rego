package rungate.rules.cap_drop_all_missing_test

import data.rungate.rules.cap_drop_all_missing

default_caps := ["CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_MKNOD", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT"]

spec(caps) := {
	"kind": "docker-run", "create": {"Image": "nginx", "HostConfig": {"Privileged": false}}, "source": {"name": ""},
	"derived": {"capabilities": object.union({"effective": default_caps, "added": [], "dropped": [], "drop_all": false, "drop": []}, caps)},
}

test_default if {
	cap_drop_all_missing.deny == {{
		"msg": "image nginx keeps docker's default capabilities (no --cap-drop ALL): 14 of them, NET_RAW among them",
		"field": "HostConfig.CapDrop",
	}} with input as spec({})
}

test_some_dropped if {
	some r in cap_drop_all_missing.deny with input as spec({
		"effective": [c | some c in default_caps; c != "CAP_NET_RAW"],
		"dropped": ["CAP_NET_RAW"],
		"drop": [{"raw": "net_raw", "name": "CAP_NET_RAW", "invalid": false, "unresolved": false}],
	})
	contains(r.msg, "13 of them, NET_RAW dropped")
	some r2 in cap_drop_all_missing.deny with input as spec({"added": ["CAP_SYS_PTRACE"], "dropped": ["CAP_MKNOD", "CAP_CHOWN"]})
	contains(r2.msg, "13 of them, NET_RAW among them")
}

test_cap_all_hint if {
	some r in cap_drop_all_missing.deny with input as spec({"drop": [{"raw": "CAP_ALL", "name": "CAP_ALL", "invalid": true, "unresolved": false}]})
	endswith(r.msg, "CAP_ALL is not a capability the daemon knows (it rejects the container): write ALL")
}

test_unresolved_hint if {
	some r in cap_drop_all_missing.deny with input as spec({"drop": [{"raw": "$DROP", "name": "CAP_$DROP", "invalid": true, "unresolved": true}]})
	startswith(r.msg, "image nginx may keep docker's default capabilities")
	endswith(r.msg, "; --cap-drop $DROP holds a variable rungate cannot resolve, which may be ALL")
	some r2 in cap_drop_all_missing.deny with input as spec({"drop": [
		{"raw": "$A", "name": "CAP_$A", "invalid": true, "unresolved": true},
		{"raw": "$B", "name": "CAP_$B", "invalid": true, "unresolved": true},
	]})
	endswith(r2.msg, "; --cap-drop $A, $B holds a variable rungate cannot resolve, which may be ALL")
}

test_drop_all_quiet if {
	count(cap_drop_all_missing.deny) == 0 with input as spec({"drop_all": true, "effective": ["CAP_NET_BIND_SERVICE"]})
	count(cap_drop_all_missing.deny) == 0 with input as spec({"drop_all": true, "effective": []})
}

test_privileged_quiet if {
	count(cap_drop_all_missing.deny) == 0 with input as object.union(spec({}), {"create": {"HostConfig": {"Privileged": true}}})
}

test_decoys if {
	count(cap_drop_all_missing.deny) == 0 with input as {"kind": "host", "host": {}}
}
