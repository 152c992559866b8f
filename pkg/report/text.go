package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rungate/rungate/pkg/engine"
)

// Text writes one line per finding, file:line:col: severity rule: message,
// with the fix indented below, then a summary line. Errors come first, so a
// file that could not be checked is not missed, then warnings
// (file:line:col: warning: message). Suppressed findings are only counted
// in the summary; the JSON report lists them.
type Text struct {
	Color bool
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = map[string]string{
	"critical": "\x1b[1;35m",
	"high":     "\x1b[1;31m",
	"medium":   "\x1b[33m",
	"low":      "\x1b[36m",
	"info":     "\x1b[2m",
}

// Write implements Reporter.
func (t Text) Write(w io.Writer, r Report) error {
	var b strings.Builder
	for _, e := range r.Result.Errors {
		fmt.Fprintf(&b, "%s: %s\n", t.paint(ansiBold, location(e.File, e.Line, e.Column)), t.paint(severityColor["high"], "error")+": "+e.Message)
	}
	for _, e := range r.Result.Warnings {
		fmt.Fprintf(&b, "%s: %s\n", t.paint(ansiBold, location(e.File, e.Line, e.Column)), t.paint(severityColor["medium"], "warning")+": "+e.Message)
	}
	for _, f := range r.Result.Findings {
		sev := f.Severity.String()
		fmt.Fprintf(&b, "%s: %s %s: %s\n", t.paint(ansiBold, location(f.Pos.File, f.Pos.Line, f.Pos.Column)),
			t.paint(severityColor[sev], sev), f.Rule, f.Message)
		if f.Remediation != "" {
			fmt.Fprintf(&b, "  %s %s\n", t.paint(ansiDim, "fix:"), f.Remediation)
		}
	}
	b.WriteString(summaryLine(r))
	_, err := io.WriteString(w, b.String())
	return err
}

func (t Text) paint(code, s string) string {
	if !t.Color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func location(file string, line, col int) string {
	if file == "" {
		file = "-"
	}
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// summaryLine counts findings by severity, most severe first.
func summaryLine(r Report) string {
	counts := countBySeverity(r.Result.Findings)
	var parts []string
	for _, s := range engine.Severities() {
		if n := counts[s.String()]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	detail := ""
	if len(parts) > 0 {
		detail = " (" + strings.Join(parts, ", ") + ")"
	}
	suppressed := ""
	if n := len(r.Result.Suppressed); n > 0 {
		suppressed = fmt.Sprintf(", %d suppressed", n)
	}
	return fmt.Sprintf("%s%s%s in %s, %s; failing at %s and above\n",
		plural(len(r.Result.Findings), "finding"), detail, suppressed, plural(r.Result.Files, "file"),
		plural(len(r.Result.Errors), "error"), r.FailOn)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
