package rungate.rules.daemon_authz_plugin_missing_test

import data.rungate.rules.daemon_authz_plugin_missing as rule

file := "/etc/docker/daemon.json"

at := {"file": file, "line": 6, "column": 3}

host(d) := {"kind": "host", "daemon": d}

test_empty_list if {
	rule.deny == {{
		"msg": `/etc/docker/daemon.json sets "authorization-plugins" to []: any client of the docker socket may make any API request, unchecked`,
		"pos": at,
	}} with input as host({"known": true, "file": file, "authorization_plugins": [], "positions": {"authorization-plugins": at}})
}

test_unset if {
	some r in rule.deny with input as host({"known": true, "file": file, "authorization_plugins": [], "positions": {}})
	contains(r.msg, `does not set "authorization-plugins"`)
}

test_no_daemon_json if {
	some r in rule.deny with input as host({"known": false, "file": file, "authorization_plugins": []})
	r.field == file
}

test_plugin_named if {
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "authorization_plugins": ["rungate"], "positions": {"authorization-plugins": at}})
	count(rule.deny) == 0 with input as host({"known": true, "file": file, "authorization_plugins": ["opa-docker-authz", "rungate"], "positions": {"authorization-plugins": at}})
}

test_quiet_for_containers if {
	count(rule.deny) == 0 with input as {"kind": "authz", "daemon": {"known": false, "authorization_plugins": []}}
}
