package scan

import (
	"strings"
)

// MakefileCommands returns the commands of every recipe in a Makefile, with
// positions in the Makefile. A recipe line is what make hands to the shell:
// the leading tab and the @, - and + prefixes removed, `$$` read as `$`,
// make's own `$(VAR)` and `${VAR}` replaced before the shell sees them
// (sh would read `$(PWD)` as a command substitution). `$(CURDIR)`, `$(PWD)`
// and `$(shell pwd)` are the work dir (env's PWD); any other make
// expansion becomes an unresolved ${NAME} placeholder. Each logical
// recipe line (with its `\` continuations) is parsed on its own, as make
// runs each in its own shell; one that the shell parser rejects is split
// into words instead.
func MakefileCommands(name string, src []byte, env Env) ([]Command, error) {
	lines := strings.Split(string(src), "\n")
	var cmds []Command
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "\t") {
			continue
		}
		var sn snippet
		first := true
		for ; i < len(lines); i++ {
			text, col := lines[i], 1
			if strings.HasPrefix(text, "\t") {
				text, col = text[1:], 2
			}
			if first {
				n := len(text) - len(strings.TrimLeft(text, "@-+ \t"))
				text, col = text[n:], col+n
				first = false
			}
			text = strings.TrimSuffix(text, "\r")
			makeLine(&sn, text, i+1, col, env)
			sn.newline(i+1, col+len(text))
			if !strings.HasSuffix(text, `\`) {
				break
			}
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

// makeLine appends one recipe line to sn with make's expansions done.
func makeLine(sn *snippet, text string, line, col int, env Env) {
	for j := 0; j < len(text); j++ {
		c := text[j]
		if c != '$' || j+1 == len(text) {
			sn.add(text[j:j+1], line, col+j)
			continue
		}
		next := text[j+1]
		switch next {
		case '$':
			sn.add("$", line, col+j)
			j++
		case '(', '{':
			end := matchClose(text, j+1)
			if end < 0 {
				sn.add(text[j:], line, col+j)
				return
			}
			sn.addAt(makeVar(text[j+2:end], env), line, col+j)
			j = end
		default:
			// $@, $<, $X: one-character make variables.
			sn.addAt(makeVar(string(next), env), line, col+j)
			j++
		}
	}
}

// matchClose finds the bracket closing the one at open, counting nesting.
func matchClose(s string, open int) int {
	o := s[open]
	c := byte(')')
	if o == '{' {
		c = '}'
	}
	depth := 0
	for k := open; k < len(s); k++ {
		switch s[k] {
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// makeVar is the text that stands for the make expansion expr.
func makeVar(expr string, env Env) string {
	switch strings.TrimSpace(expr) {
	case "CURDIR", "PWD", "shell pwd":
		if wd, ok := env["PWD"]; ok {
			return wd
		}
	}
	if isIdent(expr) {
		return "${" + expr + "}"
	}
	return "${MAKE_EXPR}"
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
