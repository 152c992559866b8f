# Helpers for the rules that judge the docker daemon's configuration on a
# host (input kind "host"). Not a rule: it has no deny set and no metadata.
package rungate.lib.daemon

# at(key) places a finding about a daemon.json key: where daemon.json (or a
# dockerd flag in the service unit) sets it, at the top of daemon.json when
# nothing sets it, and on the path looked for, with no line, when there is no
# daemon.json. It is undefined, and so is the finding, when the daemon was not
# looked at (host facts with no daemon file named): nothing is known of it.
at(key) := {"pos": input.daemon.positions[key]}

at(key) := {"pos": {"file": input.daemon.file, "line": 1, "column": 1}} if {
	input.daemon.known
	not input.daemon.positions[key]
}

at(key) := {"field": input.daemon.file} if {
	not input.daemon.known
	input.daemon.file != ""
	not input.daemon.positions[key]
}

# setting(key, value) says where the value of key comes from, to begin a
# message: the file sets it, the file leaves dockerd's default, or there is
# no daemon.json and dockerd runs on its defaults.
setting(key, value) := sprintf("%s sets %q to %s", [input.daemon.positions[key].file, key, value]) if {
	input.daemon.positions[key]
} else := sprintf("%s does not set %q, so it has dockerd's default %s", [input.daemon.file, key, value]) if {
	input.daemon.known
} else := sprintf("daemon.json not found at %s, so %q has dockerd's default %s", [input.daemon.file, key, value])
