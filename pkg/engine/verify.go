package engine

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestOptions tune Test.
type TestOptions struct {
	// Coverage measures which lines of the rules and libraries the tests
	// evaluate.
	Coverage bool
	// Run, when set, is a regular expression a test's name must match.
	Run string
	// Only, when set, picks the files that count, by their loaded name (see
	// Named): only their tests run, and coverage counts only their rules.
	// The rules and data of every file are still loaded, so a user's tests
	// run against the built-in policy as rungate lint would.
	Only func(file string) bool
}

// TestResult is the outcome of one Rego test: a test_ rule in a
// *_test.rego file.
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Pass     bool          `json:"pass"`
	Skip     bool          `json:"skip,omitempty"`
	Error    string        `json:"error,omitempty"`
	Output   string        `json:"output,omitempty"`
	Duration time.Duration `json:"duration"`
}

// TestReport holds every test's outcome, by file and line, and the
// coverage when asked for.
type TestReport struct {
	Results  []TestResult `json:"results"`
	Coverage *Coverage    `json:"coverage,omitempty"`
}

// Failed returns the tests that neither passed nor were skipped.
func (r *TestReport) Failed() []TestResult {
	var out []TestResult
	for _, t := range r.Results {
		if !t.Pass && !t.Skip {
			out = append(out, t)
		}
	}
	return out
}

// Coverage is how much of the policy (rules and libraries, not the tests)
// the tests evaluate, in lines.
type Coverage struct {
	Percent float64        `json:"percent"`
	Files   []FileCoverage `json:"files"`
}

// FileCoverage is one policy file's coverage; NotCovered lists the lines
// no test reached.
type FileCoverage struct {
	File       string  `json:"file"`
	Percent    float64 `json:"percent"`
	Covered    int     `json:"covered"`
	NotCovered []int   `json:"not_covered,omitempty"`
}

// Test runs the Rego tests (*_test.rego) found in opts.Policies against
// the rules and policy data of opts, as `rungate verify` and `go test` do.
// A test that fails is in the report; the error is for a policy that cannot
// be loaded or compiled, or when there is no test at all.
func Test(ctx context.Context, opts Options, topts TestOptions) (*TestReport, error) {
	only := topts.Only
	if only == nil {
		only = func(string) bool { return true }
	}
	modules, err := loadModules(opts.Policies, func(name string) bool { return !isTestFile(name) || only(name) })
	if err != nil {
		return nil, err
	}
	data, err := loadData(opts.Data, opts.DataOverrides)
	if err != nil {
		return nil, err
	}
	schemas, err := inputSchemaSet()
	if err != nil {
		return nil, err
	}
	runner := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithSchemas(schemas).WithStrict(opts.Strict)).
		SetStore(newStore(data)).
		SetModules(modules).
		CapturePrintOutput(true).
		Filter(topts.Run)
	var cov *cover.Cover
	if topts.Coverage {
		cov = cover.New()
		// The extra passes only label uncovered lines; the numbers do not
		// need them.
		runner.SetCoverageQueryTracer(cov).SetCoverageRuns(nil)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("compile policy: %w", err)
	}
	report := &TestReport{}
	for r := range ch {
		report.Results = append(report.Results, testResult(r))
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("run tests: %w", err)
	}
	if len(report.Results) == 0 {
		return nil, errors.New("run tests: no tests found")
	}
	slices.SortFunc(report.Results, func(a, b TestResult) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Name, b.Name))
	})
	if cov != nil {
		report.Coverage = coverage(cov.Report(modules), only)
	}
	return report, nil
}

func testResult(r *tester.Result) TestResult {
	t := TestResult{
		Package:  r.Package,
		Name:     r.Name,
		Pass:     r.Pass(),
		Skip:     r.Skip,
		Output:   string(r.Output),
		Duration: r.Duration,
	}
	if r.Location != nil {
		t.File, t.Line = r.Location.File, r.Location.Row
	}
	switch {
	case r.Error != nil:
		t.Error = r.Error.Error()
	case r.Fail && r.FailedAt != nil && r.FailedAt.Location != nil:
		t.Error = fmt.Sprintf("failed at %s:%d: %s", r.FailedAt.Location.File, r.FailedAt.Location.Row, r.FailedAt)
	case r.Fail:
		t.Error = "failed"
	}
	return t
}

// coverage keeps the policy files of an OPA coverage report.
func coverage(rep cover.Report, only func(string) bool) *Coverage {
	c := &Coverage{}
	var covered, notCovered int
	for _, file := range slices.Sorted(maps.Keys(rep.Files)) {
		if isTestFile(file) || !only(file) {
			continue
		}
		fr := rep.Files[file]
		fc := FileCoverage{File: file, Percent: fr.Coverage, Covered: fr.CoveredLines}
		for _, r := range fr.NotCovered {
			for line := r.Start.Row; line <= r.End.Row; line++ {
				fc.NotCovered = append(fc.NotCovered, line)
			}
		}
		slices.Sort(fc.NotCovered)
		fc.NotCovered = slices.Compact(fc.NotCovered)
		covered += fr.CoveredLines
		notCovered += fr.NotCoveredLines
		c.Files = append(c.Files, fc)
	}
	if covered+notCovered > 0 {
		c.Percent = 100 * float64(covered) / float64(covered+notCovered)
	}
	return c
}
