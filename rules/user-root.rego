# METADATA
# title: Container runs as root
# description: >-
#   The container's process runs as root: the user is `root` or uid 0
#   (`-u root`, `-u 0`, `-u 0:0`, `root:root`, `0:1000`; compose `user`;
#   `Config.User`), or no user is set, in which case it runs as the
#   image's USER, which is root unless the image's Dockerfile sets
#   another. Root in the container is root on the host's kernel: every
#   escape, writable host mount or shared namespace is then a host root
#   compromise. For `docker inspect` output, Config.User is the effective
#   user, so an empty one is root for certain. Only uid 0 counts: a
#   non-root user with group 0 (`1000:0`) is not flagged, nor is a user
#   held in a variable rungate cannot resolve (`${UID}`).
# related_resources:
#   - ref: https://docs.docker.com/reference/cli/docker/container/run/#user
#     description: docker run --user
#   - ref: https://docs.docker.com/engine/security/userns-remap/
#     description: Isolate containers with a user namespace
# custom:
#   id: user-root
#   severity: medium
#   remediation: >-
#     Run as an unprivileged user, `-u 1000:1000` (compose `user:
#     "1000:1000"`), or set `USER` in the image's Dockerfile; give that user
#     the files it writes instead of running as root.
#   references:
#     - CIS Docker Benchmark v1.6.0 4.1
#   examples:
#     bad: docker run -d -u root nginx:1.27
#     good: docker run -d -u 101:101 nginx:1.27
package rungate.rules.user_root

import data.rungate.lib

# Root named explicitly.
deny contains result if {
	u := input.derived.user
	u.root == true
	result := {
		"msg": sprintf("%s runs as root (--user %s)", [lib.subject, u.raw]),
		"pos": u.pos,
	}
}

# No user: the image decides, which is root unless it sets USER.
deny contains result if {
	u := input.derived.user
	u.raw == ""
	u.unresolved == false
	result := {
		"msg": sprintf("%s %s", [lib.subject, no_user]),
		"field": "Config.User",
	}
}

no_user := "runs as root: docker inspect shows no user (Config.User is empty), and it shows the effective one" if {
	input.kind == "inspect"
} else := "sets no user (--user), so it runs as the image's user: root unless the image sets USER"
