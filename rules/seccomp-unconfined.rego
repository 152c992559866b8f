# METADATA
# title: Seccomp confinement disabled
# description: >-
#   The container runs without a seccomp filter: `--security-opt
#   seccomp=unconfined`, or the deprecated `seccomp:unconfined` spelling
#   (compose `security_opt`, `HostConfig.SecurityOpt`). Docker's default
#   profile blocks about fifty system calls that containers do not need and
#   that carry most kernel escapes (keyctl, add_key, unshare and mount
#   without the capability, bpf, userfaultfd, kexec_load, module loading).
#   Without it, every kernel bug behind those calls is reachable from the
#   container. A custom profile is not flagged; a privileged container,
#   which also runs unconfined, is privileged's finding.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/seccomp/
#     description: Seccomp security profiles for Docker
# custom:
#   id: seccomp-unconfined
#   severity: high
#   remediation: >-
#     Remove `seccomp=unconfined`; if the default profile blocks a call the
#     application needs, pass a copy of it that allows just that call with
#     `--security-opt seccomp=profile.json`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.22 (5.21 in earlier versions)
#   examples:
#     bad: docker run --security-opt seccomp=unconfined alpine
#     good: docker run alpine
package rungate.rules.seccomp_unconfined

import data.rungate.lib

# The derived mode already reads both spellings, and the last seccomp option
# wins as it does in dockerd.
deny contains result if {
	not input.create.HostConfig.Privileged
	s := input.derived.security.seccomp
	s.mode == "unconfined"
	result := {
		"msg": sprintf("%s runs without seccomp (--security-opt %s): the kernel's whole system call surface is reachable", [lib.subject, written(s)]),
		"pos": s.pos,
	}
}

# written is the option as the user spelt it: the deciding option's raw
# (positions cannot tell duplicates apart in an authz request, where every
# value sits at the origin), else found by its position.
written(s) := s.raw if {
	s.raw != ""
} else := o.raw if {
	some o in input.derived.security.options
	o.key == "seccomp"
	o.pos == s.pos
} else := "seccomp=unconfined"
