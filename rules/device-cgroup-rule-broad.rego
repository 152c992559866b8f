# METADATA
# title: Device cgroup rule allows broad device access
# description: >-
#   A device cgroup rule (`--device-cgroup-rule`, compose
#   `device_cgroup_rules`, HostConfig.DeviceCgroupRules; `TYPE MAJOR:MINOR
#   ACCESS`) lets the container read or write more devices than it should.
#   With docker's default CAP_MKNOD, root in the container can create a
#   node for any device the rule allows and then open it, so the rule is as
#   good as the device. Flagged when the rule allows reading or writing
#   (`r` or `w`) of: every device (type `a`, whatever the numbers); every
#   block or character device (a `*` major); any block device (type `b`:
#   host disks, raw access to every file on them); or a character device
#   the policy lists (data.rungate.policy.devices.char_numbers: /dev/mem
#   1:1, /dev/kmem 1:2, /dev/port 1:4, /dev/kmsg 1:11; a `*` minor covers
#   its major's). Mknod alone (`c *:* m`, `b *:* m`) is docker's default
#   and is not flagged, nor are rules dockerd rejects.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#device-cgroup-rule
#     description: docker run --device-cgroup-rule
# custom:
#   id: device-cgroup-rule-broad
#   severity: high
#   remediation: >-
#     Allow only the character devices the workload needs, by exact major
#     and minor (`c 189:1 rw` for one USB device), or pass the device itself
#     with `--device`; never `a`, a `*` major or a block device.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.18 (5.17 in earlier versions), host devices
#   examples:
#     bad: docker run -d --device-cgroup-rule 'a *:* rwm' alpine:3.20 sleep infinity
#     good: docker run -d --device-cgroup-rule 'c 189:1 rw' alpine:3.20 sleep infinity
package rungate.rules.device_cgroup_rule_broad

import data.rungate.lib
import data.rungate.policy.devices as policy

deny contains result if {
	some r in input.derived.device_cgroup_rules
	not r.invalid
	opens(r)
	what := reach(r)
	result := {
		"msg": sprintf("%s has device cgroup rule %q, which lets it %s %s", [lib.subject, r.raw, verbs(r), what]),
		"pos": r.pos,
	}
}

opens(r) if r.read

opens(r) if r.write

reach(r) := "every host device" if {
	r.type == "a"
} else := sprintf("every %s device", [kind[r.type]]) if {
	r.any_major
} else := sprintf("block devices of major %s: host disks, with every file on them", [r.major]) if {
	r.type == "b"
} else := policy.char_numbers[r.numbers] if {
	r.type == "c"
} else := concat(", ", sort(names)) if {
	r.type == "c"
	r.any_minor
	prefix := concat("", [r.major, ":"])
	names := [what | some n, what in policy.char_numbers; startswith(n, prefix)]
	count(names) > 0
}

kind := {"b": "block", "c": "character"}

verbs(r) := "read and write" if {
	r.read
	r.write
} else := "read" if r.read

else := "write"
