# METADATA
# title: No healthcheck
# description: >-
#   The container sets no healthcheck (`--health-cmd`, compose
#   `healthcheck.test`), or turns one off (`--no-healthcheck`, compose
#   `healthcheck.disable: true` or `test: ["NONE"]`, `Test: ["NONE"]`).
#   Without one the daemon, compose's `depends_on: condition:
#   service_healthy` and orchestrators cannot tell a hung service from a
#   working one, so nothing restarts or replaces it. The image may define a
#   HEALTHCHECK, which rungate cannot see for a command or compose file and
#   the message says so; for `docker inspect` output the healthcheck shown
#   is the effective one, the image's included.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#healthcheck
#     description: The HEALTHCHECK instruction
# custom:
#   id: healthcheck-missing
#   severity: low
#   remediation: >-
#     Add a check that fails when the service does,
#     `--health-cmd "curl -fsS http://localhost/health || exit 1"` (compose
#     `healthcheck.test`), or define HEALTHCHECK in the image.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.27 (4.6 for images)
#   examples:
#     bad: docker run -d --no-healthcheck nginx:1.27
#     good: docker run -d --health-cmd "curl -fsS http://localhost/ || exit 1" nginx:1.27
package rungate.rules.healthcheck_missing

import data.rungate.lib

deny contains result if {
	h := input.derived.healthcheck
	h.state == "unset"
	result := {"msg": sprintf("%s %s", [lib.subject, unset_message]), "pos": h.pos}
}

deny contains result if {
	h := input.derived.healthcheck
	h.state == "disabled"
	result := {
		"msg": sprintf("%s turns its healthcheck off (--no-healthcheck, compose healthcheck disable or test NONE), the image's included", [lib.subject]),
		"pos": h.pos,
	}
}

unset_message := "has no healthcheck, neither its own nor its image's" if {
	input.kind == "inspect"
} else := "sets no healthcheck (--health-cmd, compose healthcheck); its image may define one, which rungate cannot see"
