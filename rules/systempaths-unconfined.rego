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

deny contains result if {
	not input.create.HostConfig.Privileged
	p := input.derived.security.systempaths
	what := cleared(p)
	result := {
		"msg": sprintf("%s %s", [lib.subject, what]),
		"pos": p.pos,
	}
}

cleared(p) := "runs with /proc and /sys unmasked and writable (--security-opt systempaths=unconfined): kernel memory, keys and settings are exposed" if {
	p.unconfined
} else := "runs with /proc and /sys unmasked (empty HostConfig.MaskedPaths): /proc/kcore, /proc/keys and /sys/firmware are readable" if {
	p.unmasked
} else := "runs with /proc/sys and /proc/sysrq-trigger writable (empty HostConfig.ReadonlyPaths): as root it can change kernel settings for the whole host" if {
	p.writable
}
