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
#   examples:
#     bad: docker run -v $PWD/site:/usr/share/nginx/html nginx
#     good: docker run -v $PWD/site:/usr/share/nginx/html:ro nginx
package rungate.rules.writable_content_mount

# The policy data is read through an import, which the compiler resolves, not
# through a rule, whose large value would be evaluated and cached on every
# run.
import data.rungate.policy.mounts as policy

# A writable bind is judged by the deepest of its target's directories that
# the policy lists; when that one is a content directory, with no writable
# name below it, the mount is flagged. A target the policy does not list is
# judged by its host directory's name. object.filter picks the entries for
# the target's directories in one step, and as they are all ancestors of
# one path, the greatest is the deepest: a mount costs a few steps, however
# long the lists. (== false rather than not, and the policy bound once:
# each is a cheaper step for the evaluator.)
deny contains result if {
	some m in input.derived.mounts
	m.type == "bind"
	m.read_only == false
	ignore := policy.ignore_targets
	not m.target in ignore
	targets := policy.targets
	listed := object.filter(targets, m.target_dirs)
	msg := message(m, listed)
	result := {"msg": msg, "pos": m.pos}
}

message(m, listed) := sprintf("host directory %s is bind-mounted writable at %s, which holds %s (%s); mount it read-only", [m.raw_source, m.target, entry.what, dir]) if {
	count(listed) > 0
	dir := max(object.keys(listed))
	entry := listed[dir]
	entry.kind == "content"
	not writable_name_below(m.target, dir)
}

message(m, listed) := sprintf("host directory %s is bind-mounted writable at %s, and its name %q marks content, code or configuration; mount it read-only", [m.raw_source, m.target, name]) if {
	count(listed) == 0
	not writable_name_below(m.target, "")
	content := policy.content_source_names
	names := [n | some n in split(m.source, "/"); n in content]
	name := names[count(names) - 1]
}

# writable_name_below holds when a directory of target below dir (a path, or
# "" for none) has a writable name.
writable_name_below(target, dir) if {
	writable := policy.writable_names
	some name in split(substring(target, count(dir), -1), "/")
	name in writable
}
