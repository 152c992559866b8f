// Package scan finds docker run invocations in the files and strings users
// write them in, and hands each one over as shell words with positions.
package scan

import (
	"bytes"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/rungate/rungate/pkg/runspec"
)

// Command is one simple command found in shell source, its words expanded as
// far as the known variables allow.
type Command struct {
	Words []runspec.Word
	Pos   runspec.Pos
}

// Env holds the variables whose values are known while expanding words.
// A variable that is not in it is unknown: its expansion becomes a visible
// placeholder such as ${IMAGE} and the word is marked unresolved, unless the
// expansion supplies a default (${VAR:-/} resolves to /).
type Env map[string]string

// ShellCommands parses src as a bash script and returns every simple command
// in it, including those nested in pipelines, lists, blocks, functions and
// command substitutions, in source order.
func ShellCommands(name string, src []byte, env Env) ([]Command, error) {
	return shellCommands(name, src, env, 0)
}

// maxShellDepth bounds how deep sh -c strings inside sh -c strings are read.
const maxShellDepth = 3

func shellCommands(name string, src []byte, env Env, depth int) ([]Command, error) {
	file, err := syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)).
		Parse(bytes.NewReader(src), name)
	if err != nil {
		return nil, shellError(name, err)
	}
	x := expander{file: name, env: env}
	var cmds []Command
	syntax.Walk(file, func(node syntax.Node) bool {
		call, ok := node.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		cmd := Command{Pos: x.pos(call.Args[0].Pos())}
		for _, w := range call.Args {
			cmd.Words = append(cmd.Words, x.fields(w)...)
		}
		cmds = append(cmds, cmd)
		if depth < maxShellDepth {
			cmds = append(cmds, dashC(name, cmd, env, depth)...)
		}
		return true
	})
	return cmds, nil
}

// shellError turns a parse error into one line naming the file, line and
// column.
func shellError(name string, err error) error {
	var perr syntax.ParseError
	if pe, ok := err.(syntax.ParseError); ok { //nolint:errorlint // ParseError is returned by value, never wrapped
		perr = pe
		return &SyntaxError{Pos: runspec.Pos{File: name, Line: int(perr.Pos.Line()), Column: int(perr.Pos.Col())}, Msg: perr.Text}
	}
	return fmt.Errorf("parse shell %s: %w", name, err)
}

// SyntaxError is shell source that cannot be parsed.
type SyntaxError struct {
	Pos runspec.Pos
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: shell syntax: %s", e.Pos.File, e.Pos.Line, e.Pos.Column, e.Msg)
}

// expander turns syntax words into runspec words the way a shell would,
// knowing only the variables in env.
type expander struct {
	file string
	env  Env
}

func (x expander) pos(p syntax.Pos) runspec.Pos {
	return runspec.Pos{File: x.file, Line: int(p.Line()), Column: int(p.Col())}
}

// piece is a run of expanded text; split marks text that came from an
// unquoted expansion and so is subject to field splitting.
type piece struct {
	text  string
	split bool
}

// fields expands one word into the fields the shell would pass: usually
// one, several when an unquoted known variable holds blanks, none when an
// unquoted expansion is empty.
func (x expander) fields(w *syntax.Word) []runspec.Word {
	var pieces []piece
	unresolved := false
	quoted := false
	for i, part := range w.Parts {
		ps, unres, q := x.part(part, i == 0, false)
		pieces = append(pieces, ps...)
		unresolved = unresolved || unres
		quoted = quoted || q
	}
	pos := x.pos(w.Pos())
	var out []runspec.Word
	var cur strings.Builder
	// open is true while a field has begun: text was written, or quotes
	// were seen (so "" is one empty field).
	open := quoted
	flush := func() {
		if open {
			out = append(out, runspec.Word{Text: cur.String(), Pos: pos, Unresolved: unresolved})
		}
		cur.Reset()
		open = false
	}
	for _, p := range pieces {
		if !p.split {
			cur.WriteString(p.text)
			open = open || p.text != ""
			continue
		}
		for _, r := range p.text {
			if r == ' ' || r == '\t' || r == '\n' {
				flush()
				continue
			}
			cur.WriteRune(r)
			open = true
		}
	}
	flush()
	return out
}

// part expands one word part. It reports whether the result is unresolved
// and whether quotes were present (an empty quoted word is still a word).
func (x expander) part(part syntax.WordPart, first, inDouble bool) (out []piece, unresolved, quoted bool) {
	switch p := part.(type) {
	case *syntax.Lit:
		text := p.Value
		if first && !inDouble && strings.HasPrefix(text, "~") {
			text = x.tilde(text)
		}
		return []piece{{text: unescape(text, inDouble)}}, false, false
	case *syntax.SglQuoted:
		if p.Dollar {
			return []piece{{text: ansiC(p.Value)}}, false, true
		}
		return []piece{{text: p.Value}}, false, true
	case *syntax.DblQuoted:
		var b strings.Builder
		for _, inner := range p.Parts {
			ps, unres, _ := x.part(inner, false, true)
			for _, q := range ps {
				b.WriteString(q.text)
			}
			unresolved = unresolved || unres
		}
		return []piece{{text: b.String()}}, unresolved, true
	case *syntax.ParamExp:
		text, unres := x.param(p)
		return []piece{{text: text, split: !inDouble && !unres}}, unres, false
	case *syntax.CmdSubst:
		return []piece{{text: "$(…)"}}, true, false
	case *syntax.ArithmExp:
		return []piece{{text: "$((…))"}}, true, false
	default:
		// Process substitutions, extended globs and the like cannot be
		// known statically.
		return []piece{{text: "${?}"}}, true, false
	}
}

// tilde expands a leading ~ or ~/ with HOME when it is known.
func (x expander) tilde(text string) string {
	home, ok := x.env["HOME"]
	if !ok {
		return text
	}
	if text == "~" {
		return home
	}
	if strings.HasPrefix(text, "~/") {
		return home + text[1:]
	}
	return text
}

// param expands $NAME, ${NAME} and the default/alternate forms. Any other
// operator on a known value is not evaluated: the result is unresolved.
func (x expander) param(p *syntax.ParamExp) (string, bool) {
	if p.Param == nil {
		return "${?}", true
	}
	name := p.Param.Value
	placeholder := "${" + name + "}"
	val, set := x.env[name]
	if p.Exp == nil {
		if p.Length || p.Excl || p.Index != nil || p.Slice != nil || p.Repl != nil || p.Names != 0 {
			return placeholder, true
		}
		if !set {
			return placeholder, true
		}
		return val, false
	}
	word := func() (string, bool) {
		if p.Exp.Word == nil {
			return "", false
		}
		var b strings.Builder
		unres := false
		for _, part := range p.Exp.Word.Parts {
			ps, u, _ := x.part(part, false, false)
			for _, q := range ps {
				b.WriteString(q.text)
			}
			unres = unres || u
		}
		return b.String(), unres
	}
	switch p.Exp.Op {
	case syntax.DefaultUnsetOrNull, syntax.AssignUnsetOrNull:
		if set && val != "" {
			return val, false
		}
		return word()
	case syntax.DefaultUnset, syntax.AssignUnset:
		if set {
			return val, false
		}
		return word()
	case syntax.AlternateUnsetOrNull:
		if set && val != "" {
			return word()
		}
		if set {
			return "", false
		}
		return placeholder, true
	case syntax.AlternateUnset:
		if set {
			return word()
		}
		return placeholder, true
	case syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		if set && (val != "" || p.Exp.Op == syntax.ErrorUnset) {
			return val, false
		}
		return placeholder, true
	default:
		return placeholder, true
	}
}

// unescape removes the backslashes the shell would remove: any escaped
// character outside quotes; only \$ \` \" \\ and \newline inside double
// quotes.
func unescape(s string, inDouble bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		next := s[i+1]
		switch {
		case next == '\n':
			i++
		case !inDouble || strings.IndexByte("$`\"\\", next) >= 0:
			b.WriteByte(next)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ansiC decodes the common escapes of a $'...' string.
func ansiC(s string) string {
	r := strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\\`, `\`, `\'`, "'", `\"`, `"`, `\r`, "\r", `\e`, "\x1b", `\a`, "\a", `\b`, "\b", `\v`, "\v", `\f`, "\f")
	return r.Replace(s)
}
