package scan

import (
	"strings"
)

// DockerfileCommands returns the docker run commands written in a
// Dockerfile's comments, the header many images carry to show how they are
// meant to run:
//
//	# docker run -d \
//	#	-v /tmp/.X11-unix:/tmp/.X11-unix \
//	#	image
//
// A group starts at a comment whose text begins with docker (or sudo
// docker) and goes on while lines end in `\`. The instructions themselves
// are not read: RUN runs at build time, not as a container.
func DockerfileCommands(name string, src []byte, env Env) ([]Command, error) {
	lines := strings.Split(string(src), "\n")
	var cmds []Command
	for i := 0; i < len(lines); i++ {
		text, col, ok := commentText(lines[i])
		if !ok || !startsDocker(text) {
			continue
		}
		// "# $ docker run ..." carries a prompt.
		if t := strings.TrimLeft(text, " \t"); strings.HasPrefix(t, "$ ") {
			col += len(text) - len(t) + 2
			text = t[2:]
		}
		var sn snippet
		for {
			// "-v /x:/y \ # why" means a continued line with a note; the
			// shell would read the note as the end of the command.
			if k := strings.Index(text, `\ #`); k >= 0 {
				text = text[:k+1]
			}
			docLine(&sn, text, i+1, col)
			sn.newline(i+1, col+len(text))
			if !strings.HasSuffix(strings.TrimSpace(text), `\`) || i+1 == len(lines) {
				break
			}
			next, ncol, ok := commentText(lines[i+1])
			if !ok {
				break
			}
			i++
			text, col = next, ncol
			// A comment inside the commented command ("# # the link
			// must be named x") is the author's note: skip it and go on.
			for strings.HasPrefix(strings.TrimSpace(text), "#") && i+1 < len(lines) {
				if next, ncol, ok = commentText(lines[i+1]); !ok {
					break
				}
				i++
				text, col = next, ncol
			}
		}
		found, err := sn.commands(name, env, true)
		if err != nil {
			continue
		}
		cmds = append(cmds, found...)
	}
	return cmds, nil
}

// commentText returns the text of a # comment line after the # and one
// blank, and its column.
func commentText(line string) (string, int, bool) {
	line = strings.TrimSuffix(line, "\r")
	t := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(t, "#") {
		return "", 0, false
	}
	col := len(line) - len(t) + 2
	t = t[1:]
	if strings.HasPrefix(t, " ") {
		t, col = t[1:], col+1
	}
	return t, col, true
}

func startsDocker(text string) bool {
	f := strings.Fields(text)
	if len(f) > 0 && f[0] == "$" {
		f = f[1:]
	}
	if len(f) > 0 && f[0] == "sudo" {
		f = f[1:]
	}
	return len(f) > 0 && (f[0] == "docker" || f[0] == "podman" || f[0] == "nerdctl")
}
