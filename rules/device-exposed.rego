# METADATA
# title: Host device exposed to the container
# description: >-
#   A host device is given to the container (`--device`, compose `devices`,
#   HostConfig.Devices). The container then talks to the host's driver for
#   it directly. Disks, partitions and other block devices (/dev/sd*,
#   /dev/nvme*, /dev/vd*, /dev/xvd*, /dev/loop*, /dev/mapper/...) and
#   memory or kernel devices (/dev/mem, /dev/kmem, /dev/port, /dev/kmsg) are
#   called out as raw access: whoever reads a disk reads every file on it,
#   whoever writes it rewrites the host; those findings are critical, the
#   others high. The lists, and the harmless devices
#   that are not flagged (/dev/null, /dev/zero, /dev/urandom...), are policy
#   data (data.rungate.policy.devices). A device given with mknod
#   permission only (`:m`) can be neither read nor written and is not
#   flagged; CDI devices (vendor/class=name) are device requests, not host
#   paths, and are not flagged either.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#device
#     description: docker run --device
# custom:
#   id: device-exposed
#   severity: high
#   remediation: >-
#     Remove the device unless the workload needs that hardware; give the
#     narrowest device and permissions (`--device /dev/ttyUSB0:/dev/ttyUSB0:rw`),
#     never a host disk or memory device.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.18 (5.17 in earlier versions)
#   examples:
#     bad: docker run -d --device /dev/sda:/dev/xvda:rwm alpine:3.20 sleep infinity
#     good: docker run -d alpine:3.20 sleep infinity
package rungate.rules.device_exposed

import data.rungate.lib
import data.rungate.policy.devices as policy

deny contains result if {
	some d in input.derived.devices
	opens(d)
	harmless := policy.harmless
	not harmless[d.host_path]
	result := {
		"msg": sprintf("%s is given host device %s%s (%s)%s", [lib.subject, d.raw_host_path, at(d), perms(d), why(d)]),
		"pos": d.pos,
		"severity": grade(d),
	}
}

# A raw disk or memory device hands over the host's files or memory:
# critical. Other devices (sound, GPU, USB, a camera) stay at the rule's
# high.
grade(d) := "critical" if why(d) != ""

else := "high"

at(d) := sprintf(" at %s", [d.container_path]) if d.container_path != d.host_path

else := ""

perms(d) := d.permissions if d.permissions != ""

else := "rwm"

# A device given with mknod permission only can be neither read nor
# written.
opens(d) if d.read

opens(d) if d.write

why(d) := sprintf(": %s", [raw[d.host_path]]) if {
	raw := policy.raw
	raw[d.host_path]
} else := sprintf(": raw access to a host disk, which %s every file on it", [disk_verbs(d)]) if {
	strings.any_prefix_match(d.host_path, policy.disk_prefixes)
} else := ""

disk_verbs(d) := "reads and rewrites" if {
	d.read
	d.write
} else := "reads" if d.read

else := "rewrites"
