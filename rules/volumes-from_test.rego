package rungate.rules.volumes_from_test

import data.rungate.rules.volumes_from

pos := {"file": "run.sh", "line": 1, "column": 20}

vf(raw, name, ro) := {"type": "volumes-from", "raw": raw, "source": name, "read_only": ro, "pos": pos}

spec(mounts) := {"kind": "docker-run", "source": {"name": "backup"}, "derived": {"mounts": mounts}}

test_read_write if {
	r := volumes_from.deny with input as spec([vf("db", "db", false)])
	r == {{"msg": `container "backup" mounts every volume of container db read-write (--volumes-from db), whatever those are`, "pos": pos}}
}

test_read_only if {
	some r in volumes_from.deny with input as spec([vf("db:ro", "db", true)])
	r.msg == `container "backup" mounts every volume of container db read-only (--volumes-from db:ro), whatever those are`
}

test_not_other_mounts if {
	count(volumes_from.deny) == 0 with input as spec([{"type": "volume", "raw": "db:/data", "source": "db", "read_only": false, "pos": pos}])
}
