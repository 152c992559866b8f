# METADATA
# title: No process limit
# description: >-
#   The container has no limit on the number of processes it may run:
#   `HostConfig.PidsLimit` is absent, 0 or -1 (both mean unlimited), with no
#   `--pids-limit`, compose `pids_limit` or
#   `deploy.resources.limits.pids`. A fork bomb or a runaway worker pool in
#   the container can then exhaust the host's process table, and nothing
#   else on the host can start a process.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#pids-limit
#     description: docker run --pids-limit
# custom:
#   id: pids-limit-missing
#   severity: medium
#   remediation: >-
#     Set a limit above what the workload needs, `--pids-limit 200` (compose
#     `pids_limit: 200` or `deploy.resources.limits.pids: 200`).
#   references:
#     - CIS Docker Benchmark v1.6.0 5.29 (5.28 in earlier versions)
#   examples:
#     bad: docker run -d nginx:1.27
#     good: docker run -d --pids-limit 200 nginx:1.27
package rungate.rules.pids_limit_missing

import data.rungate.lib

deny contains result if {
	pids := input.derived.resources.pids
	pids.limited == false
	result := {
		"msg": sprintf("%s has no process limit (--pids-limit, compose pids_limit or deploy.resources.limits.pids), so a fork bomb can exhaust the host's processes", [lib.subject]),
		"pos": pids.pos,
	}
}
