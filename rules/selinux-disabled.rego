# METADATA
# title: SELinux separation disabled
# description: >-
#   The container is run with SELinux labelling turned off:
#   `--security-opt label=disable`, the deprecated `label:disable`, or the
#   API's bare `disable` (compose `security_opt`,
#   `HostConfig.SecurityOpt`). On SELinux hosts (RHEL, Fedora, CentOS)
#   the container process then runs as spc_t, an unconfined type, instead
#   of container_t with its own MCS category, so nothing but file modes
#   stops it from reading and writing host files it reaches through mounts,
#   or the files of other containers. Other `label=` options (a user,
#   role, type or level) are not flagged; a privileged container, which is
#   unlabelled anyway, is privileged's finding.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#security-opt
#     description: docker run --security-opt
# custom:
#   id: selinux-disabled
#   severity: high
#   remediation: >-
#     Remove `label=disable`; relabel the host directories the container
#     mounts with `:z` (shared) or `:Z` (private), or give it a type that
#     allows what it needs with `--security-opt label=type:TYPE`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.3 (5.2 in earlier versions)
#   examples:
#     bad: docker run -d --security-opt label=disable -v /srv/data:/data nginx:1.27
#     good: docker run -d -v /srv/data:/data:Z nginx:1.27
package rungate.rules.selinux_disabled

import data.rungate.lib

deny contains result if {
	l := input.derived.security.label
	l.disabled == true
	not input.create.HostConfig.Privileged
	result := {
		"msg": sprintf("%s runs with SELinux separation disabled (--security-opt %s): its process is not confined to its own files", [lib.subject, l.raw]),
		"pos": l.pos,
	}
}
