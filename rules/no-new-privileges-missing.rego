# METADATA
# title: no-new-privileges not set
# description: >-
#   The container's processes can gain privileges through setuid and
#   setgid binaries and file capabilities: no `no-new-privileges` security
#   option is set (`--security-opt no-new-privileges`, `=true`, `:true`,
#   compose `security_opt`, `HostConfig.SecurityOpt`) and the daemon does
#   not set it by default (daemon.json `"no-new-privileges": true`). A
#   process running as an unprivileged user can then become root inside the
#   container through su, sudo, a setuid helper or a binary planted with
#   file capabilities. An explicit `no-new-privileges=false` turns the
#   daemon's default off and is flagged even when the daemon sets it; as in
#   dockerd, the last of several options wins.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#security-opt
#     description: docker run --security-opt
# custom:
#   id: no-new-privileges-missing
#   severity: medium
#   remediation: >-
#     Add `--security-opt no-new-privileges=true` (compose `security_opt:
#     [no-new-privileges=true]`), or set `"no-new-privileges": true` in
#     daemon.json for every container.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.26 (5.25 in earlier versions)
#     - CIS Docker Benchmark v1.6.0 2.14 (the daemon default)
#   examples:
#     bad: docker run -d -u 1000 nginx:1.27
#     good: docker run -d -u 1000 --security-opt no-new-privileges=true nginx:1.27
package rungate.rules.no_new_privileges_missing

import data.rungate.lib

# Not set anywhere: neither the container nor the daemon.
deny contains result if {
	n := input.derived.security.no_new_privileges
	n.set == false
	input.daemon.no_new_privileges == false
	result := {
		"msg": sprintf("%s can gain privileges through setuid binaries: no --security-opt no-new-privileges, and %s", [lib.subject, daemon_default]),
		"field": "HostConfig.SecurityOpt",
	}
}

# Turned off explicitly, which also overrides the daemon's default.
deny contains result if {
	n := input.derived.security.no_new_privileges
	n.set == true
	n.enabled == false
	result := {
		"msg": sprintf("%s turns no-new-privileges off (--security-opt %s)%s: it can gain privileges through setuid binaries", [lib.subject, n.raw, overrides]),
		"pos": n.pos,
	}
}

daemon_default := sprintf("the daemon's configuration (%s) does not set it by default", [input.daemon.file]) if {
	input.daemon.known
	input.daemon.file != ""
} else := "the daemon's configuration does not set it by default" if {
	input.daemon.known
} else := "the daemon does not set it by default unless daemon.json says so"

overrides := ", overriding the daemon's default" if input.daemon.no_new_privileges == true

else := ""
