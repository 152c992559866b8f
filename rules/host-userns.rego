# METADATA
# title: Container opts out of user namespace remapping
# description: >-
#   The container runs in the host's user namespace (`--userns host`,
#   compose `userns_mode: host`, `HostConfig.UsernsMode`). On a daemon with
#   userns-remap (daemon.json `userns-remap`), this opts the container out
#   of it: root in the container is then root on the host, not an
#   unprivileged subordinate uid, so every escape and every writable host
#   mount is a host root compromise. Without remapping the flag changes
#   nothing today but silently defeats it once the daemon enables it. Only
#   the host mode is flagged.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/userns-remap/
#     description: Isolate containers with a user namespace
# custom:
#   id: host-userns
#   severity: medium
#   remediation: >-
#     Drop `--userns host` (compose `userns_mode: host`) so that the
#     daemon's remapping applies; if the container needs host uids on a
#     mounted directory, give the directory to the remapped uid instead.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.31 (5.30 in earlier versions)
#     - CIS Docker Benchmark v1.6.0 2.9 (userns-remap on the daemon)
#   examples:
#     bad: docker run -d --userns host nginx:1.27
#     good: docker run -d nginx:1.27
package rungate.rules.host_userns

import data.rungate.lib

deny contains result if {
	n := input.derived.namespaces.userns
	n.mode == "host"
	result := {
		"msg": sprintf("%s shares the host's user namespace (--userns %s), %s", [lib.subject, n.value, remap]),
		"pos": n.pos,
	}
}

# remap says what the opt-out costs on this daemon, when its configuration
# is known.
remap := sprintf("opting out of the daemon's userns-remap (%s): root in the container is root on the host", [input.daemon.userns_remap]) if {
	input.daemon.userns_remap != ""
} else := "which the daemon's configuration does not remap; the container stays root on the host even if userns-remap is turned on" if {
	input.daemon.known
} else := "opting out of the daemon's userns-remap if it has one: root in the container is then root on the host"
