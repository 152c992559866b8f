# METADATA
# title: Sensitive host path mounted into the container
# description: >-
#   A sensitive host path is bind-mounted into the container (`-v`,
#   `--mount type=bind`, compose short or long syntax, or a volume of the
#   local driver bound to a host directory with `o=bind` and `device`): host
#   configuration (/etc), kernel interfaces (/proc, /sys), devices (/dev),
#   the boot files, programs and libraries (/usr, /lib, /bin), runtime state
#   (/var/lib/docker, /var/lib/containerd), all the host's logs (/var/log
#   itself; an application's own /var/log/web is not), root's home,
#   users' homes (/home/alice, /home itself) and credential directories
#   wherever they are (.ssh, .aws, .kube...). The path itself, anything below
#   it and the directories above it count (/var/lib holds /var/lib/docker;
#   the policy's `holders` names those directories).
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

# One finding per mount, for the first reason exposes finds; the exemptions
# are looked at only for a mount that is flagged. Speed: a policy object is
# bound to a local before it is indexed, since a lookup of a key the policy
# data lacks would otherwise go to the store; and every reason is a lookup
# or one built-in call, never a walk over a policy list.
deny contains result if {
	some m in input.derived.mounts
	path := m.host_path
	path != ""
	why := exposes(path, m.source_dirs)
	not exempt(path, m.read_only)
	result := {
		"msg": sprintf("%s mounts host path %s%s at %s %s: %s", [lib.subject, path, via(m), m.target, mode(m), why]),
		"pos": m.pos,
	}
}

exempt(path, read_only) if {
	exempt := policy.exempt
	when := exempt[path]
	exempt_when(when, read_only)
}

exempt_when("always", _)

exempt_when("read-only", true)

# The path or a directory above it is listed: object.filter keeps the
# entries for the path's directories in one step; they are all ancestors of
# one path, so the longest key is the deepest.
exposes(path, dirs) := why if {
	paths := policy.paths
	hits := object.filter(paths, dirs)
	count(hits) > 0
	dir := max(object.keys(hits))
	why := listed(path, dir, hits[dir])
} else := sprintf("it holds %s", [homes[path]]) if {
	# A directory that holds homes, or a home directly in one.
	homes := policy.home_parents
	homes[path]
} else := "a user's home directory, with its keys and the shell start-up files that run at login" if {
	count(dirs) > 2
	homes := policy.home_parents
	homes[dirs[1]]
} else := why if {
	# A credential directory, or a path inside one, wherever it is; this
	# also reads a source with an unknown variable (${HOME}/.ssh). Only a
	# path with a hidden directory in it is split.
	contains(path, "/.")
	hits := object.filter(policy.names, split(path, "/"))
	count(hits) > 0
	name := min(object.keys(hits))
	why := sprintf("a %s directory, %s", [name, hits[name]])
} else := sprintf("it holds %s", [exact[path]]) if {
	# A path flagged itself only, not what lies below it (/var/log).
	exact := policy.exact
	exact[path]
} else := sprintf("it holds %s", [holders[path]]) if {
	# A directory above listed paths: the policy names each one and what
	# it holds, so this is one lookup rather than a search of the list.
	holders := policy.holders
	holders[path]
}

listed(path, dir, what) := what if path == dir

else := sprintf("it lies under %s, %s", [dir, what])

via(m) := sprintf(" (through volume %s)", [m.source]) if m.type == "volume"

else := ""

mode(m) := "read-only" if m.read_only

else := "writable"
