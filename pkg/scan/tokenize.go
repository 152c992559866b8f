package scan

import (
	"strings"

	"github.com/rungate/rungate/pkg/runspec"
)

// tokenizeLines is the low-confidence reader for text the shell parser
// rejects: words split on blanks, simple quotes removed, `\` line
// continuations joined, and a new command started at ; | & and at each
// line. Any word holding $, <, > or backquotes is marked unresolved: its
// value is not known.
func tokenizeLines(name string, src []byte) []Command {
	var cmds []Command
	var cur Command
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Pos = cur.Words[0].Pos
			cmds = append(cmds, cur)
		}
		cur = Command{}
	}
	text := string(src)
	line, col := 1, 1
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text) && text[i+1] == '\n':
			i += 2
			line, col = line+1, 1
		case c == '\n':
			flush()
			i++
			line, col = line+1, 1
		case c == ' ' || c == '\t' || c == '\r':
			i++
			col++
		case c == ';' || c == '|' || c == '&':
			flush()
			i++
			col++
		case c == '#':
			// A comment runs to the end of the line.
			for i < len(text) && text[i] != '\n' {
				i++
				col++
			}
		default:
			w, n := readWord(text[i:])
			cur.Words = append(cur.Words, runspec.Word{
				Text:       w,
				Pos:        runspec.Pos{File: name, Line: line, Column: col},
				Unresolved: strings.ContainsAny(w, "$<>`"),
			})
			for _, r := range text[i : i+n] {
				if r == '\n' {
					line, col = line+1, 1
					continue
				}
				col++
			}
			i += n
		}
	}
	flush()
	return cmds
}

// readWord reads one word from the start of s, removing quotes; it returns
// the word and the number of bytes consumed.
func readWord(s string) (string, int) {
	var b strings.Builder
	var quote byte
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(c)
		case c == '\'' || c == '"':
			quote = c
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&':
			return b.String(), i
		case c == '\\' && i+1 < len(s) && s[i+1] != '\n':
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
		i++
	}
	return b.String(), i
}
