# METADATA
# title: tmpfs mounted with exec
# description: >-
#   A tmpfs is mounted with `exec` (`--tmpfs /tmp:exec`, compose
#   `tmpfs: /tmp:exec`, a tmpfs mount whose options say exec). dockerd
#   mounts every tmpfs, `--tmpfs` and `--mount type=tmpfs` alike,
#   `noexec,nosuid,nodev` and then applies the options given, the last of
#   exec and noexec winning; so this is flagged only where the options turn
#   exec back on. A writable, executable scratch directory is where a
#   dropped payload runs from, and with `--read-only` it is often the only
#   one. A read-only tmpfs, which nothing can be written to, is not flagged.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/tmpfs/
#     description: tmpfs mounts
# custom:
#   id: tmpfs-exec
#   severity: low
#   remediation: >-
#     Remove `exec` from the tmpfs options (dockerd's default is noexec);
#     if a program really runs from there, install it in the image instead.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.13, the nearest (read-only root filesystem); no recommendation covers tmpfs options
#   examples:
#     bad: docker run -d --read-only --tmpfs /tmp:rw,exec,size=64m nginx:1.27
#     good: docker run -d --read-only --tmpfs /tmp:rw,size=64m nginx:1.27
package rungate.rules.tmpfs_exec

import data.rungate.lib

deny contains result if {
	some m in input.derived.mounts
	m.type == "tmpfs"
	m.exec
	not m.read_only
	result := {
		"msg": sprintf("%s mounts a tmpfs at %s with exec (%s): files written there can be run", [lib.subject, m.target, concat(",", m.options)]),
		"pos": m.pos,
	}
}
