# METADATA
# title: /proc and /sys masking removed
# description: >-
#   The container sees /proc and /sys without docker's masking:
#   `--security-opt systempaths=unconfined` (compose `security_opt`), which
#   the client sends as empty `HostConfig.MaskedPaths` and `ReadonlyPaths`,
#   or a create body that empties either list. dockerd masks /proc/kcore,
#   /proc/keys, /proc/timer_list, /sys/firmware and similar paths, and
#   makes /proc/sys, /proc/sysrq-trigger, /proc/irq and /proc/bus
#   read-only; without that, a process can read kernel memory and firmware
#   data or, as root, write kernel settings and trigger sysrq for the whole
#   host. An absent list (the daemon's defaults) and a custom, non-empty
#   list are not flagged; a privileged container, which gets no masking
#   anyway, is privileged's finding.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#security-opt
#     description: docker run --security-opt systempaths=unconfined
# custom:
#   id: systempaths-unconfined
#   severity: high
#   remediation: >-
#     Remove `systempaths=unconfined` and leave MaskedPaths and
#     ReadonlyPaths unset; if one /proc or /sys file is needed, bind-mount
#     just that file read-only.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.5 (the nearest, privileged containers; the benchmark has no systempaths check)
#   examples:
#     bad: docker run -d --security-opt systempaths=unconfined node-exporter:1.8
#     good: docker run -d node-exporter:1.8
package rungate.rules.systempaths_unconfined

import data.rungate.lib

# MaskedPaths cleared, with or without ReadonlyPaths.
deny contains result if {
	p := input.derived.security.systempaths
	p.unmasked == true
	not input.create.HostConfig.Privileged
	result := {"msg": sprintf("%s %s", [lib.subject, unmasked(p)]), "pos": p.pos}
}

# ReadonlyPaths cleared alone.
deny contains result if {
	p := input.derived.security.systempaths
	p.writable == true
	p.unmasked == false
	not input.create.HostConfig.Privileged
	result := {
		"msg": sprintf("%s runs with /proc/sys and /proc/sysrq-trigger writable (empty HostConfig.ReadonlyPaths): as root it can change kernel settings for the whole host", [lib.subject]),
		"pos": p.pos,
	}
}

unmasked(p) := "runs with /proc and /sys unmasked and writable (--security-opt systempaths=unconfined): kernel memory, keys and settings are exposed" if {
	p.unconfined == true
} else := "runs with /proc and /sys unmasked (empty HostConfig.MaskedPaths): /proc/kcore, /proc/keys and /sys/firmware are readable"
