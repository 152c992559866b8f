package engine

import (
	"cmp"
	"slices"

	"github.com/rungate/rungate/pkg/runspec"
)

// Finding is one rule's verdict on one thing: a container or a host fact.
type Finding struct {
	Rule        string      `json:"rule"`
	Severity    Severity    `json:"severity"`
	Title       string      `json:"title"`
	Message     string      `json:"message"`
	Remediation string      `json:"remediation"`
	Pos         runspec.Pos `json:"pos"`
}

// CompareFindings orders findings by position, then rule, then message, so
// that output is the same from run to run whatever order inputs were read in.
// Every list of findings rungate prints is sorted with it.
func CompareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// sortFindings sorts findings in place with CompareFindings.
func sortFindings(fs []Finding) { slices.SortStableFunc(fs, CompareFindings) }
