# METADATA
# title: Docker daemon without user namespace remapping
# description: >-
#   daemon.json sets no `userns-remap` (or sets it empty), which is also
#   dockerd's default when there is no daemon.json. Containers then share
#   the host's user namespace: uid 0 in a container is uid 0 on the host, so
#   any escape through a mount, a device or a kernel bug lands as root.
#   Remapping maps container root to an unprivileged range of host ids.
#   daemon.json and the `--userns-remap` flag in the docker service's
#   systemd unit are read; rootless Docker, which remaps by itself, is not
#   recognised.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/userns-remap/
#     description: Isolate containers with a user namespace
# custom:
#   id: daemon-userns-remap-disabled
#   severity: medium
#   remediation: >-
#     Set `"userns-remap": "default"` in /etc/docker/daemon.json (dockerd
#     creates the dockremap user and its /etc/subuid and /etc/subgid ranges)
#     and restart dockerd, or run Docker rootless. Containers that need the
#     host's user namespace can opt out with `--userns=host`.
#   references:
#     - CIS Docker Benchmark v1.6.0 2.9
#   examples:
#     bad: '{"userns-remap": ""}'
#     good: '{"userns-remap": "default"}'
package rungate.rules.daemon_userns_remap_disabled

import data.rungate.lib.daemon

deny contains result if {
	input.kind == "host"
	input.daemon.userns_remap == ""
	result := object.union(
		{"msg": sprintf("%s: containers share the host's user namespace, so root in a container is root on the host", [daemon.setting("userns-remap", `""`)])},
		daemon.at("userns-remap"),
	)
}
