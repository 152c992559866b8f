package scan

import (
	"regexp"
	"strings"
)

// jenkinsSh matches the start of a pipeline sh step up to its string's
// opening delimiter: sh '...', sh "...", sh ”'...”', sh """...""",
// sh(script: '...').
var jenkinsSh = regexp.MustCompile(`\bsh\s*\(?\s*(?:script\s*:\s*)?('''|"""|'|")`)

// JenkinsfileCommands returns the commands of the sh steps of a Jenkins
// pipeline. Groovy ${...} interpolation reaches the shell as an unknown
// variable, which is what it is to a static reader.
func JenkinsfileCommands(name string, src []byte, env Env) ([]Command, error) {
	text := string(src)
	starts := lineStarts(text)
	var cmds []Command
	for _, m := range jenkinsSh.FindAllStringSubmatchIndex(text, -1) {
		delim := text[m[2]:m[3]]
		body := m[3]
		end := strings.Index(text[body:], delim)
		if end < 0 {
			continue
		}
		var sn snippet
		for k := body; k < body+end; k++ {
			line, col := position(starts, k)
			if text[k] == '\n' {
				sn.newline(line, col)
				continue
			}
			// In a Groovy "..." string \$ is a plain $, which the shell
			// then expands.
			if delim[0] == '"' && text[k] == '\\' && k+1 < body+end && text[k+1] == '$' {
				continue
			}
			sn.add(text[k:k+1], line, col)
		}
		if sn.empty() {
			continue
		}
		found, err := sn.commands(name, env, true)
		if err != nil {
			continue
		}
		cmds = append(cmds, found...)
	}
	return cmds, nil
}

// lineStarts returns the offset of the first byte of every line.
func lineStarts(text string) []int {
	out := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// position converts a byte offset to a 1-based line and column.
func position(starts []int, off int) (int, int) {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, off - starts[lo] + 1
}
