# METADATA
# title: json-file logging without a size limit
# description: >-
#   The container logs with the json-file driver, chosen for it or left as
#   the daemon's default, and no `max-size` is set, neither in its log
#   options nor, for the daemon's default driver, in daemon.json's
#   `log-opts`. The log then grows without bound and can fill the disk that
#   /var/lib/docker lives on, stopping every container on the host. The
#   `local` driver rotates by default and is not flagged.
# related_resources:
#   - ref: https://docs.docker.com/engine/logging/drivers/json-file/
#     description: The json-file logging driver and its max-size option
# custom:
#   id: log-json-unbounded
#   severity: medium
#   remediation: >-
#     Set a size limit, `--log-opt max-size=10m --log-opt max-file=3` (compose
#     `logging.options`), or for every container in daemon.json's `log-opts`,
#     or use the `local` logging driver, which rotates by default.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.13
package rungate.rules.log_json_unbounded

import data.rungate.lib

log := input.derived.log

daemon_driver := object.get(input, ["daemon", "log_driver"], "json-file")

explicit if log.driver != ""

driver := log.driver if explicit

else := daemon_driver

# The daemon merges its log-opts into a container's when the container uses
# the daemon's driver, named or not.
options := object.union(object.get(input, ["daemon", "log_opts"], {}), log.options) if driver == daemon_driver

else := log.options

bounded if {
	size := options["max-size"]
	not size in {"", "-1"}
}

deny contains result if {
	not log.unresolved
	driver == "json-file"
	not bounded
	result := {"msg": message, "pos": log.pos}
}

message := sprintf("%s logs with the json-file driver (--log-driver json-file) with no max-size, so its log can fill the disk", [lib.subject]) if explicit

else := sprintf("%s logs with the daemon's default json-file driver (%s) with no max-size, so its log can fill the disk", [lib.subject, daemon_source])

daemon_source := sprintf("set in %s", [input.daemon.file]) if {
	input.daemon.known
	input.daemon.file != ""
} else := "no daemon.json read, so dockerd's built-in default"
