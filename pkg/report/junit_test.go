package report

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/runspec"
)

// TestJUnitWellFormed parses the output back: it must be well-formed XML
// with consistent counts, even when messages hold markup and control
// characters.
func TestJUnitWellFormed(t *testing.T) {
	nasty := sample()
	nasty.Result.Findings = append(nasty.Result.Findings, engine.Finding{Rule: "r", Severity: engine.Low,
		Message: "<b>&\"quoted\"</b> \x00\x1b[31m ]]>", Pos: runspec.Pos{File: "x&y.sh", Line: 1, Column: 1}})
	for name, rep := range map[string]Report{"sample": sample(), "nasty": nasty, "clean": {Result: lint.Result{Files: 3}}} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := (JUnit{}).Write(&buf, rep); err != nil {
				t.Fatal(err)
			}
			var got junitSuites
			if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatalf("not well-formed XML: %v\n%s", err, buf.String())
			}
			tests, failures, errs := 0, 0, 0
			for _, s := range got.Suites {
				tests += s.Tests
				for _, c := range s.Cases {
					if c.Failure != nil {
						failures++
					}
					if c.Error != nil {
						errs++
					}
				}
			}
			if tests != got.Tests || failures != got.Failures || errs != got.Errors {
				t.Errorf("counts %d/%d/%d, header says %d/%d/%d", tests, failures, errs, got.Tests, got.Failures, got.Errors)
			}
			if failures != len(rep.Result.Findings) || errs != len(rep.Result.Errors) {
				t.Errorf("want %d failures and %d errors, got %d and %d", len(rep.Result.Findings), len(rep.Result.Errors), failures, errs)
			}
		})
	}
}
