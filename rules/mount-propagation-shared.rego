# METADATA
# title: Bind mount with shared propagation
# description: >-
#   A bind mount uses shared or rshared propagation (`-v src:dst:rshared`,
#   `--mount type=bind,bind-propagation=shared`, compose long syntax
#   `bind.propagation`). Mounts then travel both ways: a mount the container
#   makes below the target appears on the host, and the host's later mounts
#   appear in the container, so a process with mount rights in the container
#   can shadow host directories. Private, rprivate (the default), slave and
#   rslave propagation are not flagged, nor are volumes and tmpfs, which
#   take no propagation.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation
#     description: Configure bind propagation
# custom:
#   id: mount-propagation-shared
#   severity: medium
#   remediation: >-
#     Drop the propagation option, which leaves the default rprivate; where
#     the container must see mounts the host makes later (a storage or CSI
#     driver), use rslave, which does not send the container's mounts back.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.20 (5.19 in earlier versions)
#   examples:
#     bad: docker run -d -v /mnt/data:/data:rshared alpine:3.20 sleep infinity
#     good: docker run -d -v /mnt/data:/data:rslave alpine:3.20 sleep infinity
package rungate.rules.mount_propagation_shared

import data.rungate.lib

shared := {"shared", "rshared"}

deny contains result if {
	some m in input.derived.mounts
	m.type == "bind"
	shared[m.propagation]
	result := {
		"msg": sprintf("%s bind-mounts %s at %s with %s propagation: mounts made in the container reach the host and the host's reach the container", [lib.subject, m.raw_source, m.target, m.propagation]),
		"pos": m.pos,
	}
}
