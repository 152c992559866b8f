# METADATA
# title: Logging disabled
# description: >-
#   The container logs with the `none` driver, chosen for it
#   (`--log-driver none`, compose `logging.driver: none`) or left as the
#   daemon's default (`log-driver` in daemon.json). Everything it writes to
#   stdout and stderr is discarded: `docker logs` shows nothing and there is
#   no record to investigate an incident with. A driver holding an unknown
#   variable is not judged.
# related_resources:
#   - ref: https://docs.docker.com/engine/logging/configure/
#     description: Configure logging drivers
# custom:
#   id: logging-disabled
#   severity: low
#   remediation: >-
#     Use a logging driver that keeps the logs, such as `local`, `json-file`
#     with `max-size`, `journald` or a remote driver.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.13
#   examples:
#     bad: docker run -d --log-driver none nginx:1.27
#     good: docker run -d --log-driver local nginx:1.27
package rungate.rules.logging_disabled

import data.rungate.lib

deny contains result if {
	log := input.derived.log
	log.driver == "none"
	result := {
		"msg": sprintf("%s logs with the none driver it names (--log-driver none, compose logging.driver: none), so its output is discarded", [lib.subject]),
		"pos": log.pos,
	}
}

# The daemon's default applies to a container that names no driver.
deny contains result if {
	log := input.derived.log
	log.driver == ""
	input.daemon.log_driver == "none"
	result := {"msg": sprintf("%s logs with the none driver, %s, so its output is discarded", [lib.subject, daemon_default]), "pos": log.pos}
}

daemon_default := sprintf("the daemon's default set in %s", [input.daemon.file]) if {
	input.daemon.file != ""
} else := "the daemon's default"
