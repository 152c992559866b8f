package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rungate/rungate/pkg/engine"
)

// GitHub writes GitHub Actions workflow commands, one per finding, so the
// runner annotates the offending line in the pull request:
//
//	::error file=deploy.sh,line=3,col=18,title=host-root-mount::message
//
// Input errors and warnings are annotated too; suppressed findings are
// not, since they were reviewed. A plain summary line ends the log.
type GitHub struct{}

// Write implements Reporter.
func (GitHub) Write(w io.Writer, r Report) error {
	var b strings.Builder
	for _, e := range r.Result.Errors {
		b.WriteString(r.workflowCommand("error", e.File, e.Line, e.Column, "rungate: input error", e.Message))
	}
	for _, e := range r.Result.Warnings {
		b.WriteString(r.workflowCommand("warning", e.File, e.Line, e.Column, "rungate: warning", e.Message))
	}
	for _, f := range r.Result.Findings {
		msg := orText(f.Message, orText(f.Title, f.Rule))
		if f.Remediation != "" {
			msg += "\nFix: " + f.Remediation
		}
		b.WriteString(r.workflowCommand(annotationLevel(f.Severity), f.Pos.File, f.Pos.Line, f.Pos.Column, f.Rule, msg))
	}
	b.WriteString(summaryLine(r))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write github annotations: %w", err)
	}
	return nil
}

// annotationLevel: only what should block a merge is an error.
func annotationLevel(s engine.Severity) string {
	switch {
	case s.AtLeast(engine.High):
		return "error"
	case s == engine.Medium:
		return "warning"
	default:
		return "notice"
	}
}

// workflowCommand builds one command. The file is repository-relative,
// as the runner resolves it against the workspace; standard input and -c
// have no file, so the annotation is attached to the run instead.
func (r Report) workflowCommand(level, file string, line, col int, title, msg string) string {
	var props []string
	if isFile(file) {
		p, _ := r.relPath(file)
		props = append(props, "file="+escapeProperty(p))
		if line > 0 {
			props = append(props, fmt.Sprintf("line=%d", line))
			if col > 0 {
				props = append(props, fmt.Sprintf("col=%d", col))
			}
		}
	}
	props = append(props, "title="+escapeProperty(title))
	return "::" + level + " " + strings.Join(props, ",") + "::" + escapeData(msg) + "\n"
}

// escapeData escapes a command's message as the runner unescapes it: %
// first, so an escape is never escaped twice.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty also escapes the separators of the property list.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
