# METADATA
# title: Content, code or configuration mounted writable
# description: >-
#   A host directory of content, code or configuration is bind-mounted
#   without read-only, so a compromised process can deface what it serves,
#   plant code that runs next time, or change its own configuration, and the
#   change lands on the host. The container-side path decides what a mount
#   holds (web roots, application and source directories, /etc), then the
#   host directory's name (web_base, htdocs, src); the lists are policy data
#   (data.rungate.policy.mounts). Log, cache, temporary, runtime and data
#   directories are expected to be writable and are not flagged, nor are
#   volumes and tmpfs. A source with an unknown variable is judged by its
#   target.
# related_resources:
#   - ref: https://docs.docker.com/engine/storage/bind-mounts/#use-a-read-only-bind-mount
#     description: Read-only bind mounts
# custom:
#   id: writable-content-mount
#   severity: medium
#   remediation: >-
#     Mount content, code and configuration read-only (`-v src:dst:ro`,
#     `--mount ...,readonly`, compose `read_only: true`) and keep writable only
#     the log, cache and data directories the application writes.
#   references:
#     - CIS Docker Benchmark v1.6.0 5.6
package rungate.rules.writable_content_mount

import data.rungate.lib

policy := data.rungate.policy.mounts

deny contains result if {
	some m in input.derived.mounts
	m.type == "bind"
	not m.read_only
	not ignored(m)
	why := content(m)
	result := {
		"msg": sprintf("%s is bind-mounted writable at %s, %s; mount it read-only", [source(m), m.target, why]),
		"pos": m.pos,
	}
}

ignored(m) if m.target in policy.ignore_targets

# content says why a mount holds content, or is undefined. The target is
# judged first: the most specific entry of the content and writable lists
# wins, and a writable name below the content directory wins over both.
content(m) := sprintf("which holds content, code or configuration (%s)", [dir]) if {
	dir := lib.longest(m.target, policy.content_targets)
	dir != ""
	count(dir) > count(lib.longest(m.target, policy.writable_targets))
	not writable_name(substring(m.target, count(dir), -1))
}

# A target in neither list is judged by the host directory's name.
content(m) := sprintf("and its host directory %q marks content, code or configuration", [name]) if {
	lib.longest(m.target, policy.content_targets) == ""
	lib.longest(m.target, policy.writable_targets) == ""
	not writable_name(m.target)
	names := [n | some n in lib.segments(m.source); n in policy.content_source_names]
	count(names) > 0
	name := names[count(names) - 1]
}

writable_name(p) if {
	some seg in lib.segments(p)
	seg in policy.writable_names
}

source(m) := sprintf("host path %s (unresolved)", [m.raw_source]) if m.unresolved

else := sprintf("host directory %s", [m.source])
