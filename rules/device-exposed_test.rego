package rungate.rules.device_exposed_test

import data.rungate.rules.device_exposed

pos := {"file": "run.sh", "line": 4, "column": 3}

dev(host, ctr, perms) := {
	"host_path": host, "raw_host_path": host, "container_path": ctr, "permissions": perms,
	"read": access(perms, "r"), "write": access(perms, "w"), "pos": pos,
}

access(perms, c) := true if {
	perms == ""
} else := contains(perms, c)

spec(devices) := {"kind": "docker-run", "source": {"name": "x"}, "derived": {"devices": devices}}

msgs(devices) := {r.msg | some r in device_exposed.deny with input as spec(devices)}

test_disk if {
	r := device_exposed.deny with input as spec([dev("/dev/sda", "/dev/xvda", "rwm")])
	r == {{"msg": `container "x" is given host device /dev/sda at /dev/xvda (rwm): raw access to a host disk, which reads and rewrites every file on it`, "pos": pos, "severity": "critical"}}
}

test_severity_by_device if {
	{r.severity | some r in device_exposed.deny} == {"critical"} with input as spec([dev("/dev/mem", "/dev/mem", "r")])
	{r.severity | some r in device_exposed.deny} == {"high"} with input as spec([dev("/dev/snd", "/dev/snd", "rw")])
}

test_disk_families if {
	every p in ["/dev/sdb1", "/dev/nvme0n1", "/dev/nvme0n1p2", "/dev/vda", "/dev/xvdf", "/dev/loop0", "/dev/mapper/root", "/dev/dm-0", "/dev/md0", "/dev/disk/by-uuid/x", "/dev/mmcblk0"] {
		msgs([dev(p, p, "r")]) == {sprintf(`container "x" is given host device %s (r): raw access to a host disk, which reads every file on it`, [p])}
	}
}

test_memory if {
	msgs([dev("/dev/mem", "/dev/mem", "r")]) == {`container "x" is given host device /dev/mem (r): raw access to host physical memory`}
	count(msgs([dev("/dev/kmem", "/dev/kmem", "rw"), dev("/dev/port", "/dev/port", "rw"), dev("/dev/kmsg", "/dev/kmsg", "r")])) == 3
}

test_other_device if {
	msgs([dev("/dev/kvm", "/dev/kvm", "")]) == {`container "x" is given host device /dev/kvm (rwm)`}
	msgs([dev("/dev/snd", "/dev/snd", "rw")]) == {`container "x" is given host device /dev/snd (rw)`}
}

test_disk_write_only if {
	msgs([dev("/dev/sdb", "/dev/sdb", "w")]) == {`container "x" is given host device /dev/sdb (w): raw access to a host disk, which rewrites every file on it`}
}

test_mknod_only_is_quiet if {
	count(msgs([dev("/dev/sda", "/dev/xvdc", "m")])) == 0
}

test_harmless if {
	count(msgs([dev("/dev/null", "/dev/null", "rwm"), dev("/dev/urandom", "/dev/random", "r")])) == 0
}

test_no_devices if {
	count(msgs([])) == 0
}
