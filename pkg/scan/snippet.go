package scan

import (
	"bytes"
	"errors"

	"github.com/rungate/rungate/pkg/runspec"
)

// loc is a 1-based line and column in the original file.
type loc struct{ line, col int }

// snippet is shell text cut out of a host file (a Makefile recipe, a
// Markdown block, a YAML scalar), with the original position of every byte,
// so that commands parsed from the text point into the file the user wrote.
// Extractors rewrite text on the way (prompts stripped, make variables
// replaced); a per-byte map keeps columns exact through those rewrites.
type snippet struct {
	text []byte
	at   []loc
	// starts holds the offset of each line of text, computed on first use.
	starts []int
}

// add appends text whose bytes sit side by side from line:col.
func (s *snippet) add(text string, line, col int) {
	for i := 0; i < len(text); i++ {
		s.text = append(s.text, text[i])
		s.at = append(s.at, loc{line, col + i})
	}
}

// addAt appends replacement text whose bytes all stand for the original
// text starting at line:col.
func (s *snippet) addAt(text string, line, col int) {
	for i := 0; i < len(text); i++ {
		s.text = append(s.text, text[i])
		s.at = append(s.at, loc{line, col})
	}
}

// newline ends a line of the snippet; line:col is where it stands.
func (s *snippet) newline(line, col int) { s.addAt("\n", line, col) }

func (s *snippet) empty() bool { return len(bytes.TrimSpace(s.text)) == 0 }

// origin maps a position in the snippet back to the host file.
func (s *snippet) origin(p runspec.Pos) runspec.Pos {
	if len(s.at) == 0 {
		return p
	}
	if s.starts == nil {
		s.starts = lineStarts(string(s.text))
	}
	line := min(max(p.Line, 1), len(s.starts))
	off := s.starts[line-1] + p.Column - 1
	if off < 0 {
		off = 0
	}
	if off >= len(s.at) {
		off = len(s.at) - 1
	}
	a := s.at[off]
	return runspec.Pos{File: p.File, Line: a.line, Column: a.col}
}

// commands parses the snippet as shell and returns its commands with
// positions in the host file. With fallback, text the shell parser rejects
// (documentation placeholders such as <image>) is split into words line by
// line instead, so that the docker run commands in it are still seen.
func (s *snippet) commands(name string, env Env, fallback bool) ([]Command, error) {
	cmds, err := ShellCommands(name, s.text, env)
	var se *SyntaxError
	if err != nil && fallback && errors.As(err, &se) {
		cmds, err = tokenizeLines(name, s.text), nil
	}
	if err != nil {
		if errors.As(err, &se) {
			return nil, &SyntaxError{Pos: s.origin(se.Pos), Msg: se.Msg}
		}
		return nil, err
	}
	for i := range cmds {
		cmds[i].Pos = s.origin(cmds[i].Pos)
		for j := range cmds[i].Words {
			cmds[i].Words[j].Pos = s.origin(cmds[i].Words[j].Pos)
		}
	}
	return cmds, nil
}
