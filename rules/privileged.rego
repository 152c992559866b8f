# METADATA
# title: Container runs privileged
# description: >-
#   The container is started with `--privileged` (compose `privileged: true`,
#   `HostConfig.Privileged`). It then gets every capability, every host
#   device, no seccomp or AppArmor confinement and a writable /sys: root in
#   the container can load kernel modules, mount the host's disks and leave
#   the container at will, so it is root on the host. Text such as
#   "--privileged" in the command, environment or labels is not the setting
#   and is not flagged.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#privileged
#     description: docker run --privileged
# custom:
#   id: privileged
#   severity: critical
#   remediation: >-
#     Drop `--privileged`; add only the capabilities (`--cap-add`) and devices
#     (`--device`) the workload needs, and nothing else.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.5 (5.4 in earlier versions)
#   examples:
#     bad: docker run --privileged alpine
#     good: docker run --cap-add NET_ADMIN alpine
package rungate.rules.privileged

import data.rungate.lib

# Read the create body's field, not the derived capabilities: the flag
# grants far more than capabilities (devices, no LSM, writable /sys), and
# the field is what every input kind, authz requests included, sets.
deny contains result if {
	input.create.HostConfig.Privileged == true
	result := {
		"msg": sprintf("%s runs privileged (--privileged, HostConfig.Privileged: true): every capability and host device, no seccomp or AppArmor", [lib.subject]),
		"field": "HostConfig.Privileged",
	}
}
