// Package report writes a lint result in the formats users and CI systems
// read. Each format is one Reporter in its own file, chosen from an explicit
// map; an unknown format is an error, never a fallback.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
)

// Report is everything a reporter may show.
type Report struct {
	Result lint.Result
	// FailOn is the severity at and above which findings fail the run.
	FailOn engine.Severity
	// Rules are the rules that ran, for formats that list them.
	Rules []engine.Rule
}

// Failed reports whether any finding is at or above the threshold.
func (r Report) Failed() bool {
	for _, f := range r.Result.Findings {
		if f.Severity.AtLeast(r.FailOn) {
			return true
		}
	}
	return false
}

// Reporter writes a report in one format.
type Reporter interface {
	Write(w io.Writer, r Report) error
}

// Options change how reporters render.
type Options struct {
	// Color enables ANSI colour in the text format.
	Color bool
}

// formats is every format, by the name given to --format.
func formats(o Options) map[string]Reporter {
	return map[string]Reporter{
		"text": Text{Color: o.Color},
		"json": JSON{},
	}
}

// New returns the reporter for a format name.
func New(format string, o Options) (Reporter, error) {
	r, ok := formats(o)[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return r, nil
}

// Formats lists the format names, sorted, for flag help.
func Formats() []string {
	var names []string
	for name := range formats(Options{}) {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
