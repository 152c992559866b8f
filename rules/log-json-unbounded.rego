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
#   examples:
#     bad: docker run --log-driver json-file nginx
#     good: docker run --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 nginx
package rungate.rules.log_json_unbounded

import data.rungate.lib

deny contains result if {
	log := input.derived.log
	json_file(log.driver)
	not bounded(log)
	result := {"msg": message(log.driver), "pos": log.pos}
}

# The daemon's driver; dockerd's own default when the input has no daemon.
daemon_driver := driver if {
	driver := input.daemon.log_driver
} else := "json-file"

# json_file holds when the container logs with json-file: named, or as the
# daemon's default. An unresolved driver is neither.
json_file("json-file")

json_file("") if daemon_driver == "json-file"

# max_size is the container's max-size, else the daemon's: the daemon merges
# its log-opts into a container's when the container uses the daemon's
# driver, which json_file has checked.
max_size(log) := size if {
	size := log.options["max-size"]
} else := input.daemon.log_opts["max-size"] if daemon_driver == "json-file"

# bounded holds when a max-size limits the log; -1 means unlimited.
bounded(log) if not max_size(log) in {"", "-1"}

message("json-file") := sprintf("%s logs with the json-file driver it names, with no max-size, so its log can fill the disk", [lib.subject])

message("") := sprintf("%s logs with the json-file driver, %s, with no max-size, so its log can fill the disk", [lib.subject, daemon_default])

daemon_default := sprintf("the daemon's default set in %s", [input.daemon.file]) if {
	input.daemon.known
	input.daemon.file != ""
} else := "the daemon's built-in default"
