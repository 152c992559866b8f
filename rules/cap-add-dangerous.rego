# METADATA
# title: Dangerous capability added
# description: >-
#   The container is given a capability that reaches the host's kernel or
#   starves the host (`--cap-add`, compose `cap_add`,
#   `HostConfig.CapAdd`), in any spelling (`sys_admin`, `CAP_SYS_ADMIN`).
#   The list, each with how bad it is, is policy data
#   (data.rungate.policy.capabilities): ALL, SYS_ADMIN, SYS_MODULE and
#   SYS_RAWIO are critical, NET_ADMIN, BPF, PERFMON, SYS_BOOT, SYS_TIME and
#   others high, SYS_PTRACE and DAC_READ_SEARCH medium. Each finding has its
#   capability's level as its severity (critical is the most it reaches),
#   and the message names the capability and its level. Only
#   capabilities the container really holds count: a name the daemon does
#   not know is ignored, and a privileged container, which holds them all,
#   is privileged's finding.
# related_resources:
#   - ref: https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
#     description: Runtime privilege and Linux capabilities
# custom:
#   id: cap-add-dangerous
#   severity: critical
#   remediation: >-
#     Remove the capability from `--cap-add` (compose `cap_add`); start from
#     `--cap-drop ALL` and add back only what the process needs, such as
#     NET_BIND_SERVICE.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.4 (5.3 in earlier versions)
#   examples:
#     bad: docker run --cap-add SYS_ADMIN alpine
#     good: docker run --cap-drop ALL --cap-add NET_BIND_SERVICE alpine
package rungate.rules.cap_add_dangerous

import data.rungate.lib
import data.rungate.policy.capabilities as policy

# Each --cap-add value whose capability the container ends up holding beyond
# docker's defaults (an add wins over a drop). The derived set already
# ignores invalid names; ALL is reported once, not as every capability it
# brings.
deny contains result if {
	not input.create.HostConfig.Privileged
	caps := input.derived.capabilities
	some v in caps.add
	not v.invalid
	held(caps, v.name)
	entry := policy.dangerous[v.name]
	result := {
		"msg": sprintf("%s adds %s (--cap-add %s), %s: %s", [lib.subject, label(v.name), v.raw, entry.level, entry.why]),
		"pos": v.pos,
		"severity": entry.level,
	}
}

held(_, "ALL")

held(caps, name) if {
	name != "ALL"
	not added_all(caps)
	name in caps.added
}

added_all(caps) if {
	some v in caps.add
	v.name == "ALL"
}

label("ALL") := "ALL capabilities"

label(name) := sprintf("capability %s", [name]) if name != "ALL"
