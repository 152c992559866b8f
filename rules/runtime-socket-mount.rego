# METADATA
# title: Container runtime socket mounted into the container
# description: >-
#   A container runtime's API socket (docker, containerd, podman; the list is
#   policy data, data.rungate.policy.runtime_sockets) is bind-mounted into
#   the container, directly or through a directory above it such as /run or
#   /var/run, in whatever spelling (`//`, trailing slashes, `/var/run` for
#   `/run`). Whoever can talk to the socket can start a privileged container
#   with the host's `/` mounted, so the container is root on the host.
#   Read-only does not help: connecting to a socket is not a write. The
#   host's `/` is host-root-mount's finding, not this rule's; named and
#   anonymous volumes, and the path inside the container, never count.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#     description: Docker daemon attack surface
# custom:
#   id: runtime-socket-mount
#   severity: critical
#   remediation: >-
#     Do not mount the runtime socket or its directory; where a tool truly
#     needs the API, give it a filtering proxy that allows only the calls it
#     makes, or run it rootless.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.32 (5.31 in earlier versions)
#   examples:
#     bad: docker run -v /var/run/docker.sock:/var/run/docker.sock portainer/portainer-ce
#     good: docker run -v portainer_data:/data portainer/portainer-ce
package rungate.rules.runtime_socket_mount

import data.rungate.policy.runtime_sockets as policy

# One finding per mount, naming every socket it exposes. The source is
# matched both as cleaned and with /var/run spelt /run, so /var/run/docker.sock
# and /run/docker.sock each catch both spellings. exposes is a cheap test of
# the two spellings against every socket at once; only a mount that passes
# it pays for the list of sockets the message names.
deny contains result if {
	some m in input.derived.mounts
	m.type == "bind"
	m.source != "/"
	sockets := policy.sockets
	exposes(sockets, m)
	exposed := {s | some s, _ in sockets; some src in sources(m); under(s, src)}
	result := {
		"msg": sprintf("host path %s is bind-mounted at %s and exposes the container runtime %s %s (%s), which gives root on the host", [m.raw_source, m.target, noun(exposed), concat(", ", sort({canonical(s) | some s in exposed})), runtimes(exposed)]),
		"pos": m.pos,
	}
}

# exposes holds when a spelling of m's source is a socket or a directory
# above one. The host's / is left to host-root-mount (checked by the rule),
# so one mount is not reported twice.
exposes(sockets, m) if sockets[m.source]

exposes(sockets, m) if sockets[m.canonical_source]

exposes(sockets, m) if strings.any_prefix_match(object.keys(sockets), [concat("", [m.source, "/"]), concat("", [m.canonical_source, "/"])])

sources(m) := {s | some s in [m.source, m.canonical_source]; s != ""}

# under holds when socket is src or lies below it.
under(socket, src) if socket == src

under(socket, src) if startswith(socket, concat("", [src, "/"]))

# The message names each socket once, /var/run spelt /run as on current
# hosts, where the two are one directory.
canonical(s) := concat("", ["/run", substring(s, 8, -1)]) if startswith(s, "/var/run/")

else := s

noun(exposed) := "sockets" if count({canonical(s) | some s in exposed}) > 1

else := "socket"

runtimes(exposed) := concat(", ", sort({policy.sockets[s] | some s in exposed}))
