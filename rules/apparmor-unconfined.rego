# METADATA
# title: AppArmor confinement disabled
# description: >-
#   The container is explicitly run without an AppArmor profile:
#   `--security-opt apparmor=unconfined`, or the deprecated
#   `apparmor:unconfined` spelling (compose `security_opt`,
#   `HostConfig.SecurityOpt`). On hosts with AppArmor (Ubuntu, Debian,
#   SUSE), docker's default profile denies writes to /proc and /sys files
#   that reach the host kernel, mount, and access to other processes'
#   memory; without it those depend on capabilities and seccomp alone.
#   Only the explicit opt-out is flagged: whether a profile applies when
#   none is named depends on the host (docker-default where AppArmor is
#   enabled, none on SELinux hosts), so its absence is not a finding. A
#   named custom profile is not flagged; a privileged container, which
#   runs unconfined anyway, is privileged's finding.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/apparmor/
#     description: AppArmor security profiles for Docker
# custom:
#   id: apparmor-unconfined
#   severity: high
#   remediation: >-
#     Remove `apparmor=unconfined`; if the default profile denies something
#     the application needs, load a profile that allows just that and name
#     it with `--security-opt apparmor=PROFILE`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.2 (5.1 in earlier versions)
#   examples:
#     bad: docker run -d --security-opt apparmor=unconfined nginx:1.27
#     good: docker run -d --security-opt apparmor=docker-default nginx:1.27
package rungate.rules.apparmor_unconfined

import data.rungate.lib

# The derived profile reads both spellings; the last apparmor option wins,
# as in dockerd, and raw is that option as written.
deny contains result if {
	a := input.derived.security.apparmor
	a.unconfined == true
	not input.create.HostConfig.Privileged
	result := {
		"msg": sprintf("%s runs without AppArmor (--security-opt %s): docker's default profile no longer guards /proc, /sys and mounts", [lib.subject, a.raw]),
		"pos": a.pos,
	}
}
