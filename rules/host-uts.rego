# METADATA
# title: Container shares the host's UTS namespace
# description: >-
#   The container joins the host's UTS namespace (`--uts host`, compose
#   `uts: host`, `HostConfig.UTSMode`). It sees the host's hostname and NIS
#   domain name and, as root with SYS_ADMIN, can change them for the whole
#   host, which confuses logs, monitoring and anything that trusts the
#   host's name. Only the host mode is flagged: the default private
#   namespace is not, nor is the text in the command, environment or
#   labels.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#uts
#     description: docker run --uts
# custom:
#   id: host-uts
#   severity: low
#   remediation: >-
#     Drop `--uts host` (compose `uts: host`); to give the container a
#     name, set `--hostname`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.21 (5.20 in earlier versions)
#   examples:
#     bad: docker run -d --uts host nginx:1.27
#     good: docker run -d --hostname web nginx:1.27
package rungate.rules.host_uts

import data.rungate.lib

deny contains result if {
	n := input.derived.namespaces.uts
	n.mode == "host"
	result := {
		"msg": sprintf("%s shares the host's UTS namespace (--uts %s): it sees, and as root with SYS_ADMIN can change, the host's hostname", [lib.subject, n.value]),
		"pos": n.pos,
	}
}
