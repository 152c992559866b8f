# Helpers shared by the rules. Not a rule: it has no deny set and no metadata.
package rungate.lib

# subject names the judged container in a message: its name, else its image.
subject := sprintf("container %q", [input.source.name]) if {
	input.source.name != ""
} else := sprintf("image %s", [input.create.Image]) if {
	input.create.Image != ""
} else := "the container"
