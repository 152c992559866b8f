package report

import (
	"encoding/json"
	"io"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
)

// JSON writes one object: {"findings": [...], "errors": [...], "summary": {...}}.
// Its shape is the contract of DESIGN.md and is the same for every verb
// that reports findings.
type JSON struct{}

type jsonFinding struct {
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	Title       string `json:"title"`
	Message     string `json:"message"`
	Remediation string `json:"remediation"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Specs      int            `json:"specs"`
	Findings   int            `json:"findings"`
	Errors     int            `json:"errors"`
	BySeverity map[string]int `json:"by_severity"`
	FailOn     string         `json:"fail_on"`
	Failed     bool           `json:"failed"`
}

type jsonReport struct {
	Findings []jsonFinding    `json:"findings"`
	Errors   []lint.FileError `json:"errors"`
	Summary  jsonSummary      `json:"summary"`
}

// Write implements Reporter.
func (JSON) Write(w io.Writer, r Report) error {
	out := jsonReport{
		Findings: make([]jsonFinding, 0, len(r.Result.Findings)),
		Errors:   r.Result.Errors,
		Summary: jsonSummary{
			Files:      r.Result.Files,
			Specs:      r.Result.Specs,
			Findings:   len(r.Result.Findings),
			Errors:     len(r.Result.Errors),
			BySeverity: countBySeverity(r.Result.Findings),
			FailOn:     r.FailOn.String(),
			Failed:     r.Failed(),
		},
	}
	if out.Errors == nil {
		out.Errors = []lint.FileError{}
	}
	for _, f := range r.Result.Findings {
		out.Findings = append(out.Findings, jsonFinding{
			Rule: f.Rule, Severity: f.Severity.String(), Title: f.Title, Message: f.Message,
			Remediation: f.Remediation, File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func countBySeverity(fs []engine.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Severity.String()]++
	}
	return out
}
