# METADATA
# title: Docker daemon does not set no-new-privileges by default
# description: >-
#   daemon.json does not set `"no-new-privileges": true` (dockerd's default
#   is false), so every container whose own settings do not ask for it can
#   gain privileges through setuid and setcap binaries. With the daemon
#   default on, a container is protected even when its command line forgets
#   `--security-opt no-new-privileges`; rungate's `no-new-privileges-missing`
#   rule then stays quiet for it.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file
#     description: dockerd's daemon.json options
# custom:
#   id: daemon-no-new-privileges-missing
#   severity: low
#   remediation: >-
#     Set `"no-new-privileges": true` in /etc/docker/daemon.json and restart
#     dockerd; a container that needs setuid binaries can opt out with
#     `--security-opt no-new-privileges=false`.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.14
#   examples:
#     bad: '{"no-new-privileges": false}'
#     good: '{"no-new-privileges": true}'
package rungate.rules.daemon_no_new_privileges_missing

import data.rungate.lib.daemon

deny contains result if {
	input.kind == "host"
	input.daemon.no_new_privileges == false
	result := object.union(
		{"msg": sprintf("%s: a container that does not set no-new-privileges itself can gain privileges through setuid binaries", [daemon.setting("no-new-privileges", "false")])},
		daemon.at("no-new-privileges"),
	)
}
