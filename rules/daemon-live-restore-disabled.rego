# METADATA
# title: Docker daemon without live restore
# description: >-
#   daemon.json does not set `"live-restore": true` (dockerd's default is
#   false), so stopping, crashing or upgrading dockerd stops every container
#   on the host. This is availability, not confinement, hence info. Live
#   restore does not work with swarm mode; a swarm node can ignore this rule.
# related_resources:
#   - ref: https://docs.docker.com/engine/daemon/live-restore/
#     description: Live restore
# custom:
#   id: daemon-live-restore-disabled
#   severity: info
#   remediation: >-
#     Set `"live-restore": true` in /etc/docker/daemon.json and reload dockerd
#     (`systemctl reload docker`, or SIGHUP), unless the host is a swarm node.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.15
#   examples:
#     bad: '{"live-restore": false}'
#     good: '{"live-restore": true}'
package rungate.rules.daemon_live_restore_disabled

import data.rungate.lib.daemon

deny contains result if {
	input.kind == "host"
	input.daemon.live_restore == false
	result := object.union(
		{"msg": sprintf("%s: stopping or upgrading dockerd stops every container", [daemon.setting("live-restore", "false")])},
		daemon.at("live-restore"),
	)
}
