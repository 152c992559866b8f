# Helpers shared by the rules. Not a rule: it has no deny set and no metadata.
package rungate.lib

# subject names the judged container in a message: its name, else its image.
subject := sprintf("container %q", [input.source.name]) if {
	input.source.name != ""
} else := sprintf("image %s", [input.create.Image]) if {
	input.create.Image != ""
} else := "the container"

# under holds when path p is dir or lies beneath it. Both are cleaned,
# absolute paths (derived mounts are), so a plain prefix test with a
# separator is exact: /var/wwwx is not under /var/www.
under(p, dir) if p == dir

under(p, dir) if startswith(p, concat("", [trim_suffix(dir, "/"), "/"]))

# longest is the longest entry of dirs that p is under, or "" when none.
longest(p, dirs) := best if {
	matches := [d | some d in dirs; under(p, d)]
	count(matches) > 0
	best := [d | some d in matches; count(d) == max([count(x) | some x in matches])][0]
} else := ""

# segments are the non-empty parts of a path.
segments(p) := [s | some s in split(p, "/"); s != ""]
