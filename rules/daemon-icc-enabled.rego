# METADATA
# title: Inter-container communication on the default bridge
# description: >-
#   daemon.json does not set `"icc": false` (dockerd's default is true), so
#   every container on the default bridge network (docker0) can reach every
#   port of every other one there, and one compromised container can attack
#   the rest. Containers on user-defined networks, such as compose's project
#   network, are not affected; the rule is low for that reason.
# related_resources:
#   - ref: https://docs.docker.com/engine/network/drivers/bridge/
#     description: Bridge network driver and inter-container communication
# custom:
#   id: daemon-icc-enabled
#   severity: low
#   remediation: >-
#     Set `"icc": false` in /etc/docker/daemon.json and restart dockerd; give
#     containers that must talk to each other a user-defined network
#     (`docker network create`, compose `networks`).
#   references:
#     - CIS Docker Benchmark v1.6.0 2.2
#   examples:
#     bad: '{"icc": true}'
#     good: '{"icc": false}'
package rungate.rules.daemon_icc_enabled

import data.rungate.lib.daemon

deny contains result if {
	input.kind == "host"
	input.daemon.icc == true
	result := object.union(
		{"msg": sprintf("%s: containers on the default bridge reach every port of each other", [daemon.setting("icc", "true")])},
		daemon.at("icc"),
	)
}
