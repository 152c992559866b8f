package rungate.lib.daemon_test

import data.rungate.lib.daemon

file := "/etc/docker/daemon.json"

icc_at := {"file": file, "line": 2, "column": 3}

read := {"known": true, "file": file, "positions": {"icc": icc_at}}

test_at_set_key if {
	daemon.at("icc") == {"pos": icc_at} with input as {"daemon": read}
}

test_at_unset_key if {
	daemon.at("live-restore") == {"pos": {"file": file, "line": 1, "column": 1}} with input as {"daemon": read}
}

test_at_no_file if {
	daemon.at("icc") == {"field": file} with input as {"daemon": {"known": false, "file": file}}
}

# Host facts that did not look at the daemon place nothing, so no daemon
# rule fires.
test_at_daemon_not_looked_at if {
	not daemon.at("icc") with input as {"daemon": {"known": false, "file": ""}}
	not daemon.at("icc") with input as {"daemon": {"known": false}}
}

test_setting if {
	daemon.setting("icc", "true") == `/etc/docker/daemon.json sets "icc" to true` with input as {"daemon": read}
	daemon.setting("live-restore", "false") == `/etc/docker/daemon.json does not set "live-restore", so it has dockerd's default false` with input as {"daemon": read}
	daemon.setting("icc", "true") == `daemon.json not found at /etc/docker/daemon.json, so "icc" has dockerd's default true` with input as {"daemon": {"known": false, "file": file}}
}

# A dockerd flag in the service unit sets a key while there is no daemon.json.
unit_at := {"file": "/etc/systemd/system/docker.service.d/override.conf", "line": 3, "column": 30}

test_set_by_flag_without_daemon_json if {
	d := {"known": false, "file": file, "positions": {"icc": unit_at}}
	daemon.at("icc") == {"pos": unit_at} with input as {"daemon": d}
	daemon.at("live-restore") == {"field": file} with input as {"daemon": d}
	daemon.setting("icc", "true") == `/etc/systemd/system/docker.service.d/override.conf sets "icc" to true` with input as {"daemon": d}
}
