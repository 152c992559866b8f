package engine_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/rungate/rungate/internal/testreport"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// builtin are the options rungate runs with: the embedded rules and data,
// in strict mode.
func builtin() engine.Options {
	return engine.Options{Policies: []fs.FS{engine.Named("rules", rules.FS)}, Data: []fs.FS{policy.FS}, Strict: true}
}

// TestRegoRules runs every rules/*_test.rego and reports the rules'
// coverage.
func TestRegoRules(t *testing.T) {
	report, err := engine.Test(t.Context(), builtin(), engine.TestOptions{Coverage: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range report.Results {
		if !r.Pass && !r.Skip {
			t.Errorf("%s:%d: %s.%s: %s\n%s", r.File, r.Line, r.Package, r.Name, r.Error, r.Output)
		}
	}
	var b strings.Builder
	for _, f := range report.Coverage.Files {
		fmt.Fprintf(&b, "  %-40s %6.1f%%", f.File, f.Percent)
		if len(f.NotCovered) > 0 {
			fmt.Fprintf(&b, "  not covered: lines %v", f.NotCovered)
		}
		b.WriteByte('\n')
	}
	testreport.Write(t, "rego-coverage", fmt.Sprintf("rego: %d tests; coverage of the built-in rules %.1f%%:\n%s", len(report.Results), report.Coverage.Percent, strings.TrimRight(b.String(), "\n")))
	if report.Coverage.Percent < 90 {
		t.Errorf("rule coverage %.1f%% is below 90%%", report.Coverage.Percent)
	}
}
