package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/runspec"
)

// JSON writes one object: {"findings": [...], "errors": [...],
// "warnings": [...], "summary": {...}}. Its shape is the contract of
// DESIGN.md and is the same for every verb that reports findings.
// Suppressed findings are listed too, in "suppressed", marked
// "suppressed": true with the kind and reason of their suppression, so
// that a review can see every exception; they are not counted in
// summary.findings. They are kept out of "findings" so that a consumer
// counting findings (CI scripts, the CLI tests) is not misled.
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
	// Suppressed is false for findings that count.
	Suppressed  bool             `json:"suppressed"`
	Suppression *jsonSuppression `json:"suppression,omitempty"`
}

type jsonSuppression struct {
	// Kind is "inline" or "baseline".
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Specs      int            `json:"specs"`
	Findings   int            `json:"findings"`
	Errors     int            `json:"errors"`
	Suppressed int            `json:"suppressed"`
	Warnings   int            `json:"warnings"`
	BySeverity map[string]int `json:"by_severity"`
	FailOn     string         `json:"fail_on"`
	Failed     bool           `json:"failed"`
}

type jsonReport struct {
	Findings   []jsonFinding    `json:"findings"`
	Suppressed []jsonFinding    `json:"suppressed"`
	Errors     []lint.FileError `json:"errors"`
	Warnings   []lint.FileError `json:"warnings"`
	Summary    jsonSummary      `json:"summary"`
}

// Write implements Reporter.
func (JSON) Write(w io.Writer, r Report) error {
	out := jsonReport{
		Findings:   make([]jsonFinding, 0, len(r.Result.Findings)),
		Suppressed: make([]jsonFinding, 0, len(r.Result.Suppressed)),
		Errors:     r.Result.Errors,
		Warnings:   r.Result.Warnings,
		Summary: jsonSummary{
			Files:      r.Result.Files,
			Specs:      r.Result.Specs,
			Findings:   len(r.Result.Findings),
			Errors:     len(r.Result.Errors),
			Suppressed: len(r.Result.Suppressed),
			Warnings:   len(r.Result.Warnings),
			BySeverity: countBySeverity(r.Result.Findings),
			FailOn:     r.FailOn.String(),
			Failed:     r.Failed(),
		},
	}
	if out.Errors == nil {
		out.Errors = []lint.FileError{}
	}
	if out.Warnings == nil {
		out.Warnings = []lint.FileError{}
	}
	for _, f := range r.Result.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	for _, s := range r.Result.Suppressed {
		jf := toJSONFinding(s.Finding)
		jf.Suppressed = true
		jf.Suppression = &jsonSuppression{Kind: s.Kind, Reason: s.Reason, File: s.Pos.File, Line: s.Pos.Line, Column: s.Pos.Column}
		out.Suppressed = append(out.Suppressed, jf)
	}
	// Suppressions come from several files and a baseline: list them in
	// file order, as findings are.
	sort.SliceStable(out.Suppressed, func(i, j int) bool { return jsonFindingLess(out.Suppressed[i], out.Suppressed[j]) })
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode json: %w", err)
	}
	return nil
}

func toJSONFinding(f engine.Finding) jsonFinding {
	return jsonFinding{
		Rule: f.Rule, Severity: f.Severity.String(), Title: f.Title, Message: f.Message,
		Remediation: f.Remediation, File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column,
	}
}

func jsonFindingLess(a, b jsonFinding) bool {
	return findingLess(
		engine.Finding{Rule: a.Rule, Message: a.Message, Pos: runspec.Pos{File: a.File, Line: a.Line, Column: a.Column}},
		engine.Finding{Rule: b.Rule, Message: b.Message, Pos: runspec.Pos{File: b.File, Line: b.Line, Column: b.Column}},
	)
}

func countBySeverity(fs []engine.Finding) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Severity.String()]++
	}
	return out
}
