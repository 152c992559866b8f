# METADATA
# title: Content, code or configuration mounted writable
# description: >-
#   A host directory of content, code or configuration is bind-mounted
#   without read-only, so a compromised process can deface what it serves,
#   plant code that runs next time, or change its own configuration, and the
#   change lands on the host. The container-side path decides what a mount
#   holds (web roots, application and source directories, /etc), then the
#   host directory's name (web_base, htdocs, src); the maps and lists are
#   policy data (data.rungate.policy.mounts). Log, cache, temporary, runtime and data
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

# The policy data is read through an import, which the compiler resolves, not
# through a rule, whose large value would be evaluated and cached on every
# run.
import data.rungate.policy.mounts as policy

deny contains result if {
	some m in input.derived.mounts
	m.type == "bind"
	not m.read_only
	not m.target in policy.ignore_targets
	why := content(m)
	result := {
		"msg": sprintf("%s is bind-mounted writable at %s, %s; mount it read-only", [source(m), m.target, why]),
		"pos": m.pos,
	}
}

# content says why a mount holds content, or is undefined. Of the target's
# directories in either map, the deepest decides, and a writable name below
# it wins over a content one; a target in neither map is judged by its host
# directory's name. object.filter picks a map's entries for the target's
# directories in one step, and as they are all ancestors of one path, the
# greatest is the deepest: a mount costs a few steps, however long the maps.
content(m) := sprintf("which holds %s (%s)", [hits[dir], dir]) if {
	hits := object.filter(policy.content_targets, m.target_dirs)
	dir := max(object.keys(hits))
	not writable_below(m, dir)
} else := sprintf("and its host directory %q marks content, code or configuration", [name]) if {
	count(object.filter(policy.content_targets, m.target_dirs)) == 0
	not writable_below(m, "")
	names := [n | some n in split(m.source, "/"); n in policy.content_source_names]
	name := names[count(names) - 1]
}

# writable_below holds when a directory of m's target below dir (a path, or
# "" for none) is a writable one, by the map or by its name.
writable_below(m, dir) if {
	writable := policy.writable_targets
	some d in m.target_dirs
	d > dir
	writable[d]
}

writable_below(m, dir) if {
	some name in split(substring(m.target, count(dir), -1), "/")
	name in policy.writable_names
}

source(m) := sprintf("host path %s (unresolved)", [m.raw_source]) if m.unresolved

else := sprintf("host directory %s", [m.source])
