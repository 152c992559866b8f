# METADATA
# title: Docker daemon's default logging has no size limit
# description: >-
#   The daemon's default log driver is json-file, set in daemon.json or left
#   as dockerd's default, and daemon.json's `log-opts` sets no `max-size`
#   (or sets it to -1). Every container that does not choose its own log
#   options then writes a log that grows without bound under
#   /var/lib/docker, until the disk is full and every container on the host
#   stops. The `local` driver rotates by default and is not flagged; the
#   containers that set their own limit are judged by log-json-unbounded.
# related_resources:
#   - ref: https://docs.docker.com/engine/logging/drivers/json-file/
#     description: The json-file logging driver and its max-size option
# custom:
#   id: daemon-log-unbounded
#   severity: medium
#   remediation: >-
#     Set `"log-opts": {"max-size": "10m", "max-file": "3"}` in
#     /etc/docker/daemon.json, or `"log-driver": "local"`, and restart
#     dockerd; existing containers keep their options until re-created.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.13
#   examples:
#     bad: '{"log-driver": "json-file"}'
#     good: '{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}'
package rungate.rules.daemon_log_unbounded

import data.rungate.lib.daemon

deny contains result if {
	input.kind == "host"
	input.daemon.log_driver == "json-file"
	not bounded
	result := object.union(
		{"msg": sprintf(`%s, with no max-size in "log-opts": every container that keeps the daemon's log options logs without bound and can fill the disk`, [daemon.setting("log-driver", `"json-file"`)])},
		daemon.at(key),
	)
}

# bounded holds when log-opts sets a max-size; -1 means unlimited.
bounded if not input.daemon.log_opts["max-size"] in {"", "-1"}

# The finding points at log-opts when the file sets it without a max-size,
# else at the driver.
key := "log-opts" if input.daemon.positions["log-opts"]

else := "log-driver"
