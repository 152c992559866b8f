# METADATA
# title: Volumes shared from another container
# description: >-
#   The container mounts every volume of another container
#   (`--volumes-from`, compose `volumes_from`, HostConfig.VolumesFrom),
#   read-write unless `:ro` is given. It gets whatever that container holds
#   or is given later, bind mounts of host paths and sockets included,
#   without them being written here, so they escape review and every other
#   mount rule. The message says whether the share is read-only.
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#volumes-from
#     description: docker run --volumes-from
# custom:
#   id: volumes-from
#   severity: low
#   remediation: >-
#     Mount the named volumes the container needs explicitly (`-v name:/path`,
#     compose `volumes`), read-only where it only reads them, instead of
#     taking all of another container's.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.6, the nearest (host directories mounted); no recommendation covers --volumes-from
#   examples:
#     bad: docker run -d --volumes-from db alpine:3.20 tar czf /backup/db.tgz /var/lib/postgresql/data
#     good: docker run -d -v pgdata:/var/lib/postgresql/data:ro alpine:3.20 tar czf /backup/db.tgz /var/lib/postgresql/data
package rungate.rules.volumes_from

import data.rungate.lib

deny contains result if {
	some m in input.derived.mounts
	m.type == "volumes-from"
	result := {
		"msg": sprintf("%s mounts every volume of container %s %s (--volumes-from %s), whatever those are", [lib.subject, m.source, mode(m), m.raw]),
		"pos": m.pos,
	}
}

mode(m) := "read-only" if m.read_only

else := "read-write"
