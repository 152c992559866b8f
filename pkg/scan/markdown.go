package scan

import (
	"regexp"
	"strings"
)

// shellFences are the info strings of fenced blocks read as shell. An
// untyped block is read too: READMEs often leave the language out.
var shellFences = map[string]bool{
	"": true, "sh": true, "bash": true, "shell": true, "zsh": true, "console": true,
	"shell-session": true, "shellsession": true, "sh-session": true, "terminal": true, "bash-session": true,
}

// promptFences are the info strings whose blocks mix prompts and output:
// only prompt lines (and their continuations) are commands.
var promptFences = map[string]bool{
	"console": true, "shell-session": true, "shellsession": true, "sh-session": true, "terminal": true, "bash-session": true,
}

// docPlaceholder matches the placeholders documentation writes in place of
// a value, such as <image> or <host-dir> (the shell would read them as
// redirections) and template expressions such as {{ .Tag }}.
var docPlaceholder = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9_.:/-]*>|\{\{[^}]*\}\}`)

// docElision matches whole words that stand for "more options here" in a
// synopsis: [OPTIONS], [...], [ARG...], ... and …. They are dropped.
var docElision = regexp.MustCompile(`^(\[[^\]\s]*\]|\.\.\.|…)$`)

// docImage matches the IMAGE of a synopsis, which stands for any image.
var docImage = regexp.MustCompile(`^IMAGE(\[[^\]\s]*\])?$`)

// MarkdownCommands returns the commands in the fenced code blocks of a
// Markdown document that hold shell: untyped, sh, bash, shell, zsh and
// console blocks; prose and blocks of other languages (json, yaml, ...) are
// never read. Prompts ($ and, in console blocks, #) are stripped, and
// placeholders such as <image> become unresolved values. A block the shell
// parser rejects is split into words line by line instead.
func MarkdownCommands(name string, src []byte, env Env) ([]Command, error) {
	lines := strings.Split(string(src), "\n")
	var cmds []Command
	for i := 0; i < len(lines); i++ {
		indent, fence, info, ok := openFence(lines[i])
		if !ok {
			continue
		}
		start := i + 1
		end := start
		for end < len(lines) && !closesFence(lines[end], fence) {
			end++
		}
		i = end
		if !shellFences[info] {
			continue
		}
		// A block of any shell type whose lines start with "$ " is a
		// session too: its other lines are output.
		prompts := promptFences[info] || hasPrompt(lines[start:end])
		sn := markdownBlock(lines[start:end], start+1, indent, prompts)
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

// openFence recognises a fence opening line: ``` or ~~~ (three or more),
// after any indentation (fences inside list items are indented). It
// returns the indentation, the fence and the first word of the info
// string, lowercased.
func openFence(line string) (indent int, fence, info string, ok bool) {
	trimmed := strings.TrimLeft(line, " \t")
	indent = len(line) - len(trimmed)
	for _, ch := range []string{"`", "~"} {
		n := len(trimmed) - len(strings.TrimLeft(trimmed, ch))
		if n < 3 {
			continue
		}
		rest := strings.TrimSpace(trimmed[n:])
		if ch == "`" && strings.Contains(rest, "`") {
			return 0, "", "", false
		}
		if f := strings.Fields(rest); len(f) > 0 {
			info = strings.ToLower(strings.Trim(f[0], "{}."))
		}
		return indent, strings.Repeat(ch, n), info, true
	}
	return 0, "", "", false
}

func closesFence(line, fence string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == ""
}

// markdownBlock turns the lines of a fenced block starting at line first
// into a snippet: the fence's indentation and prompts removed,
// placeholders replaced. In a prompt block, lines that are neither a
// prompt nor the continuation of one are output and left out.
func markdownBlock(lines []string, first, indent int, prompts bool) *snippet {
	var sn snippet
	continued := false
	for k, raw := range lines {
		line := first + k
		raw = strings.TrimSuffix(raw, "\r")
		n := len(raw) - len(strings.TrimLeft(raw, " \t"))
		if n > indent {
			n = indent
		}
		text, col := raw[n:], n+1
		body, p := stripPrompt(text, prompts)
		switch {
		case p > 0:
			text, col = body, col+p
		case prompts && !continued:
			sn.newline(line, col)
			continue
		}
		docLine(&sn, text, line, col)
		sn.newline(line, col+len(text))
		continued = strings.HasSuffix(strings.TrimSpace(text), `\`)
	}
	return &sn
}

// hasPrompt reports whether a line of the block starts with a "$ " prompt.
func hasPrompt(lines []string) bool {
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "$ ") {
			return true
		}
	}
	return false
}

// stripPrompt returns text after a leading "$ " prompt (also "# " in
// console blocks, the root prompt) and the length removed.
func stripPrompt(text string, rootPrompt bool) (string, int) {
	t := strings.TrimLeft(text, " \t")
	lead := len(text) - len(t)
	switch {
	case strings.HasPrefix(t, "$ "):
		return t[2:], lead + 2
	case rootPrompt && strings.HasPrefix(t, "# "):
		return t[2:], lead + 2
	}
	return text, 0
}

// docLine appends a line with documentation placeholders replaced by
// unresolved variables, so that `-v <host-dir>:/data` stays one word, and
// synopsis elisions ([OPTIONS], ...) dropped.
func docLine(sn *snippet, text string, line, col int) {
	start := -1
	for k := 0; k <= len(text); k++ {
		blank := k == len(text) || text[k] == ' ' || text[k] == '\t'
		switch {
		case !blank && start < 0:
			start = k
		case blank && start >= 0:
			word := text[start:k]
			if docElision.MatchString(word) || docImage.MatchString(word) {
				docWords(sn, text[:start], line, col)
				if docImage.MatchString(word) {
					sn.addAt("${IMAGE}", line, col+start)
				}
				docLine(sn, text[k:], line, col+k)
				return
			}
			start = -1
		}
	}
	docWords(sn, text, line, col)
}

// docWords appends text with placeholders replaced.
func docWords(sn *snippet, text string, line, col int) {
	last := 0
	for _, m := range docPlaceholder.FindAllStringIndex(text, -1) {
		sn.add(text[last:m[0]], line, col+last)
		sn.addAt("${"+placeholderName(text[m[0]+1:m[1]-1])+"}", line, col+m[0])
		last = m[1]
	}
	sn.add(text[last:], line, col+last)
}

// placeholderName makes a variable name out of a placeholder's text.
func placeholderName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	if b[0] >= '0' && b[0] <= '9' {
		return "_" + string(b)
	}
	return string(b)
}
