# METADATA
# title: Root filesystem is writable
# description: >-
#   The container's root filesystem is writable: neither `--read-only` nor
#   compose `read_only: true` is set. An attacker who gets code execution can
#   then change the application's binaries and configuration, drop tools,
#   and persist until the container is recreated. A read-only root, with
#   tmpfs or volumes for the few paths the application writes, keeps the
#   image as built.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#read-only
#     description: docker run --read-only
# custom:
#   id: readonly-rootfs-missing
#   severity: medium
#   remediation: >-
#     Run with `--read-only` (compose `read_only: true`) and give the paths the
#     application writes their own `--tmpfs` (such as /tmp and /run) or
#     volumes.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.13 (5.12 in earlier versions)
#   examples:
#     bad: docker run nginx
#     good: docker run --read-only --tmpfs /tmp --tmpfs /var/cache/nginx nginx
package rungate.rules.readonly_rootfs_missing

import data.rungate.lib

deny contains result if {
	input.kind != "host"
	not input.create.HostConfig.ReadonlyRootfs
	result := {
		"msg": sprintf("the root filesystem of %s is writable (not run with --read-only or read_only: true)", [lib.subject]),
		"field": "HostConfig.ReadonlyRootfs",
	}
}
