// Package suppress reads rungate:ignore comments from a file's text. It
// knows no file formats beyond their comment markers, so one reader serves
// shell, Makefiles, YAML, Dockerfiles, Jenkinsfiles and Markdown.
package suppress

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/rungate/rungate/pkg/scan"
)

// Directive is one rungate:ignore comment.
type Directive struct {
	// Rules are the rule ids it names.
	Rules []string
	// Reason is the text after " -- ", trimmed; empty when none was given.
	Reason string
	// Line and Column are where the comment marker starts (1-based).
	Line, Column int
	// File is true for rungate:ignore-file, which covers the whole file.
	File bool
	// From and To are the lines covered, inclusive (0 for a file directive).
	From, To int
}

// Covers reports whether the directive applies to a finding on line.
func (d Directive) Covers(line int) bool {
	return d.File || (line >= d.From && line <= d.To)
}

// Problem is a comment that looks like a directive but cannot be read.
type Problem struct {
	Line, Column int
	Message      string
}

// directive matches the comment: a marker (#, // or <!--), the keyword, the
// rule list, and an optional reason after a spaced "--". The rule list is
// checked separately so that a malformed one is reported, not skipped.
var directive = regexp.MustCompile(`(#|//|<!--)\s*rungate:(ignore-file|ignore)\b(.*)$`)

var ruleID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// Parse returns the directives in src, the text of the file name. A comment
// alone on its line covers the next line that is neither blank nor a
// comment (in a Dockerfile, whose docker run lines are themselves comments
// in its header, the next line that is not blank); one after code covers
// its own line. Either way the covered line is widened to its whole logical
// line: lines joined by a trailing backslash, as a docker run split over
// several lines is, the way hadolint's pragma covers the next instruction.
// In Markdown, a comment just before a code fence covers the whole block.
func Parse(name string, src []byte) ([]Directive, []Problem) {
	// Most files have no directive; skip them without splitting lines.
	if !bytes.Contains(src, []byte("rungate:ignore")) {
		return nil, nil
	}
	commentsAreCode := scan.Classify(name, nil) == scan.KindDockerfile
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	var out []Directive
	var problems []Problem
	for i, text := range lines {
		loc := directive.FindStringSubmatchIndex(text)
		if loc == nil {
			continue
		}
		line := i + 1
		col := loc[2] + 1
		d, msg := parseBody(text[loc[4]:loc[5]], text[loc[6]:loc[7]], text[loc[2]:loc[3]] == "<!--")
		if msg != "" {
			problems = append(problems, Problem{Line: line, Column: col, Message: msg})
			continue
		}
		d.Line, d.Column = line, col
		if !d.File {
			target := i
			if strings.TrimSpace(text[:loc[2]]) == "" {
				target = nextCode(lines, i+1, commentsAreCode)
			}
			if target < 0 {
				problems = append(problems, Problem{Line: line, Column: col, Message: "rungate:ignore covers nothing: no line follows it"})
				continue
			}
			d.From, d.To = span(lines, target)
		}
		out = append(out, d)
	}
	return out, problems
}

// parseBody reads the rule list and reason after the keyword.
func parseBody(keyword, rest string, html bool) (Directive, string) {
	d := Directive{File: keyword == "ignore-file"}
	if html {
		rest = strings.TrimSuffix(strings.TrimSpace(rest), "-->")
	}
	rules, reason, hasReason := strings.Cut(rest, " --")
	if hasReason {
		d.Reason = strings.TrimSpace(reason)
	}
	for r := range strings.SplitSeq(rules, ",") {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		if !ruleID.MatchString(r) {
			return d, "rungate:" + keyword + ": bad rule id " + quote(r) + " (want RULE[,RULE] -- reason)"
		}
		d.Rules = append(d.Rules, r)
	}
	if len(d.Rules) == 0 {
		return d, "rungate:" + keyword + " names no rule (want RULE[,RULE] -- reason)"
	}
	return d, ""
}

func quote(s string) string { return `"` + s + `"` }

// nextCode returns the index of the first line from i on that is neither
// blank nor (unless comments are code) a comment of its own, or -1.
func nextCode(lines []string, i int, commentsAreCode bool) int {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || directive.MatchString(t) {
			continue
		}
		if commentsAreCode {
			return i
		}
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || (strings.HasPrefix(t, "<!--") && strings.HasSuffix(t, "-->")) {
			continue
		}
		return i
	}
	return -1
}

// span returns the 1-based lines covered from the line at index i: its
// logical line (backslash continuations both ways), or a whole fenced
// Markdown block when i opens one.
func span(lines []string, i int) (int, int) {
	if fence := fenceMarker(lines[i]); fence != "" {
		for j := i + 1; j < len(lines); j++ {
			if strings.HasPrefix(strings.TrimSpace(lines[j]), fence) {
				return i + 1, j + 1
			}
		}
		return i + 1, len(lines)
	}
	from, to := i, i
	for from > 0 && continued(lines[from-1]) {
		from--
	}
	for to < len(lines)-1 && continued(lines[to]) {
		to++
	}
	return from + 1, to + 1
}

func continued(line string) bool { return strings.HasSuffix(strings.TrimRight(line, " \t"), `\`) }

// fenceMarker returns ``` or ~~~ when line opens a Markdown code fence.
func fenceMarker(line string) string {
	t := strings.TrimSpace(line)
	for _, m := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, m) {
			return m
		}
	}
	return ""
}
