# METADATA
# title: Sensitive host path mounted into the container
# description: >-
#   A sensitive host path is bind-mounted into the container (`-v`,
#   `--mount type=bind`, compose short or long syntax, or a volume of the
#   local driver bound to a host directory with `o=bind` and `device`): host
#   configuration (/etc), kernel interfaces (/proc, /sys), devices (/dev),
#   the boot files, programs and libraries (/usr, /lib, /bin), runtime state
#   (/var/lib/docker, /var/lib/containerd), logs (/var/log), root's home,
#   users' homes (/home/alice, /home itself) and credential directories
#   wherever they are (.ssh, .aws, .kube...). The path itself, anything below
#   it and any directory above it count (/var/lib holds /var/lib/docker).
#   Read-only leaks keys and hashes; writable lets the container rewrite the
#   host, and the message says which. The lists are policy data
#   (data.rungate.policy.sensitive_paths), with harmless files exempt
#   (/etc/localtime, /etc/timezone, /dev/null always; /etc/hosts,
#   /etc/resolv.conf, /etc/passwd and the like when read-only). A project
#   directory inside a home is not flagged for that alone. Container-side
#   paths, named and anonymous volumes never count; the host's `/` is
#   host-root-mount's finding and the runtime socket directories (/run,
#   /var/run) runtime-socket-mount's.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/bind-mounts/
#     description: Docker documentation on bind mounts
# custom:
#   id: sensitive-path-mount
#   severity: high
#   remediation: >-
#     Mount only the files the container needs, not the host directory that
#     holds them, and read-only (`:ro`); pass configuration and secrets with
#     compose `configs`/`secrets` or a named volume instead of host system
#     paths.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.6 (5.5 in earlier versions)
#   examples:
#     bad: docker run -d -v /etc:/host/etc nginx:1.27
#     good: docker run -d -v /srv/nginx/nginx.conf:/etc/nginx/nginx.conf:ro nginx:1.27
package rungate.rules.sensitive_path_mount

import data.rungate.lib
import data.rungate.policy.sensitive_paths as policy

# Every mount that exposes a host path (binds, and local volumes bound to a
# host directory) is judged once; exposes picks the first reason that
# holds, so a mount gives one finding.
deny contains result if {
	some m in input.derived.mounts
	m.host_path != ""
	not exempt(m)
	why := exposes(m)
	result := {
		"msg": sprintf("%s mounts host path %s%s at %s %s: %s", [lib.subject, m.host_path, via(m), m.target, mode(m), why]),
		"pos": m.pos,
	}
}

exempt(m) if policy.exempt[m.host_path] == "always"

exempt(m) if {
	policy.exempt[m.host_path] == "read-only"
	m.read_only
}

# The path or a directory above it is listed: object.filter keeps the
# entries for the path's directories in one step; all are ancestors of one
# path, so the longest key is the deepest.
exposes(m) := why if {
	hits := object.filter(policy.paths, m.source_dirs)
	count(hits) > 0
	dir := max(object.keys(hits))
	why := listed(m.host_path, dir, hits[dir])
} else := why if {
	# A directory that holds homes, or a home directly in one.
	policy.home_parents[m.host_path]
	why := sprintf("it holds %s", [policy.home_parents[m.host_path]])
} else := why if {
	count(m.source_dirs) > 2
	parent := m.source_dirs[1]
	policy.home_parents[parent]
	why := "a user's home directory, with its keys and the shell start-up files that run at login"
} else := why if {
	# A credential directory, or a path inside one, wherever it is; this
	# also reads a source with an unknown variable (${HOME}/.ssh).
	hits := object.filter(policy.names, split(m.host_path, "/"))
	count(hits) > 0
	name := min(object.keys(hits))
	why := sprintf("a %s directory, %s", [name, hits[name]])
} else := why if {
	# A directory above listed paths. any_prefix_match is one built-in call
	# over the list; the paths are named only once it holds.
	m.host_path != "/"
	prefix := concat("", [m.host_path, "/"])
	strings.any_prefix_match(all_listed, prefix)
	below := sort([p | some p in all_listed; startswith(p, prefix)])
	why := sprintf("it holds %s", [concat(", ", below)])
}

listed(path, dir, what) := what if path == dir

else := sprintf("it lies under %s, %s", [dir, what])

all_listed := object.keys(policy.paths) | object.keys(policy.home_parents)

via(m) := sprintf(" (through volume %s)", [m.source]) if m.type == "volume"

else := ""

mode(m) := "read-only" if m.read_only

else := "writable"
