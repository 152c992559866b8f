# METADATA
# title: Restart policy without a retry limit
# description: >-
#   The container restarts `on-failure` with no maximum (`--restart
#   on-failure`, compose `restart: on-failure` or `deploy.restart_policy:
#   {condition: on-failure}` with no `max_attempts`) or with more retries
#   than policy data allows (`restart.max_retries`, 5 as the CIS benchmark
#   says). A container that keeps failing then keeps being restarted, which
#   can hide the failure and, for one that fails on start, load the host.
#   `always` and `unless-stopped` are accepted by default: a long-running
#   service needs them to come back after a reboot, and the daemon backs off
#   between restarts; policy data `restart.flag_unlimited: true` flags them
#   too.
# related_resources:
#   - ref: https://docs.docker.com/engine/containers/start-containers-automatically/
#     description: Start containers automatically (restart policies)
# custom:
#   id: restart-policy
#   severity: low
#   remediation: >-
#     Bound the retries, `--restart on-failure:5` (compose
#     `restart: on-failure:5` or `deploy.restart_policy.max_attempts: 5`).
#   references:
#     - CIS Docker Benchmark v1.6.0 5.15 (5.14 in earlier versions)
#   examples:
#     bad: docker run -d --restart on-failure nginx:1.27
#     good: docker run -d --restart on-failure:5 nginx:1.27
package rungate.rules.restart_policy

import data.rungate.lib
import data.rungate.policy.restart as policy

deny contains result if {
	r := input.derived.restart
	r.name == "on-failure"
	r.max_retries == 0
	result := {"msg": sprintf("%s restarts on-failure with no maximum, so a failing container is restarted forever", [lib.subject]), "pos": r.pos}
}

deny contains result if {
	r := input.derived.restart
	r.name == "on-failure"
	r.max_retries > policy.max_retries
	result := {
		"msg": sprintf("%s restarts on-failure up to %d times, more than %d", [lib.subject, r.max_retries, policy.max_retries]),
		"pos": r.pos,
	}
}

deny contains result if {
	policy.flag_unlimited == true
	r := input.derived.restart
	r.name in {"always", "unless-stopped"}
	result := {"msg": sprintf("%s restarts %s, with no limit on retries", [lib.subject, r.name]), "pos": r.pos}
}
