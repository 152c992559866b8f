# METADATA
# title: Host root filesystem mounted into the container
# description: >-
#   The host's root directory is bind-mounted into the container, in whatever
#   spelling (`/`, `//`, `/./`, `/etc/..`, a trailing slash) and through
#   whichever field (`-v`, `--mount`, compose short or long syntax). The
#   container can then read every host file, private keys and /etc/shadow
#   included, and, unless the mount is read-only, rewrite the host's
#   binaries and configuration: it is root on the host. Read-only does not
#   make it safe. Named and anonymous volumes are not host paths and are not
#   flagged, nor is `/` as the path inside the container.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/bind-mounts/
#     description: Docker documentation on bind mounts
# custom:
#   id: host-root-mount
#   severity: critical
#   remediation: >-
#     Mount only the host directories the container needs, read-only where
#     possible, and never the host's `/`.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.6 (5.5 in earlier versions)
#   examples:
#     bad: docker run -v /:/host alpine
#     good: docker run -v /srv/backup:/backup:ro alpine
package rungate.rules.host_root_mount

deny contains result if {
	some m in input.derived.mounts
	m.type == "bind"
	m.source == "/"
	result := {
		"msg": sprintf("the host's root directory %s is bind-mounted %s at %s", [spelling(m), mode(m), m.target]),
		"pos": m.pos,
	}
}

spelling(m) := "/" if m.raw_source == "/"

else := sprintf("/ (written %q)", [m.raw_source])

mode(m) := "read-only" if m.read_only

else := "read-write"
