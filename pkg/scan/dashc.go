package scan

import (
	"path"

	"github.com/rungate/rungate/pkg/runspec"
)

// dashC reads the command string of `sh -c '...'` (also bash, dash, zsh,
// behind sudo or env) as shell source, so a docker run hidden in it is
// found. Positions inside the string are moved to where it is written:
// past the opening quote on its first line, from column 1 on later lines.
// A string that cannot be parsed is skipped: it is only data to the outer
// script.
func dashC(name string, cmd Command, env Env, depth int) []Command {
	ws := cmd.Words
	i := 0
	for i < len(ws) && isWrapper(path.Base(ws[i].Text)) {
		i++
		for i < len(ws) && (len(ws[i].Text) > 1 && ws[i].Text[0] == '-' || isAssignment(ws[i].Text)) {
			i++
		}
	}
	if i >= len(ws) || !isShell(path.Base(ws[i].Text)) {
		return nil
	}
	for j := i + 1; j < len(ws)-1; j++ {
		if ws[j].Text == "-c" || (len(ws[j].Text) > 1 && ws[j].Text[0] == '-' && ws[j].Text[len(ws[j].Text)-1] == 'c') {
			str := ws[j+1]
			inner, err := shellCommands(name, []byte(str.Text), env, depth+1)
			if err != nil {
				return nil
			}
			for k := range inner {
				inner[k].Pos = shift(inner[k].Pos, str.Pos)
				for m := range inner[k].Words {
					inner[k].Words[m].Pos = shift(inner[k].Words[m].Pos, str.Pos)
				}
			}
			return inner
		}
		if ws[j].Text == "" || ws[j].Text[0] != '-' {
			return nil
		}
	}
	return nil
}

// shift moves a position inside a quoted string to the file: the string's
// first byte is one column past the word's opening quote.
func shift(p, word runspec.Pos) runspec.Pos {
	if p.Line == 1 {
		return runspec.Pos{File: word.File, Line: word.Line, Column: word.Column + p.Column}
	}
	return runspec.Pos{File: word.File, Line: word.Line + p.Line - 1, Column: p.Column}
}

func isShell(b string) bool {
	switch b {
	case "sh", "bash", "dash", "zsh", "ash", "ksh":
		return true
	}
	return false
}

func isWrapper(b string) bool {
	switch b {
	case "sudo", "doas", "env", "exec", "nohup", "time", "command":
		return true
	}
	return false
}

func isAssignment(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c == '=' {
			return i > 0
		}
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return false
}
