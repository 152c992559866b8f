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

// TestOnly: a user's tests run against the built-in rules and data, and
// neither the built-in tests nor the built-in rules' coverage are counted.
func TestOnly(t *testing.T) {
	user := mapFS(map[string]string{
		"team-rule.rego": header("team-rule") + "import data.rungate.rules.privileged\n\ndeny contains \"x\" if count(privileged.deny) > 0\n",
		"team-rule_test.rego": "package rungate.rules.team_rule_test\n\nimport data.rungate.rules.team_rule\n\n" +
			"test_fires if count(team_rule.deny) == 1 with input as {\"kind\": \"docker-run\", \"create\": {\"Image\": \"a\", \"HostConfig\": {\"Privileged\": true}}, \"source\": {\"name\": \"\"}}\n" +
			"test_fails if count(team_rule.deny) == 1 with input as {\"kind\": \"host\"}\n",
	})
	opts := builtin()
	opts.Policies = append(opts.Policies, engine.Named("team", user))
	report, err := engine.Test(t.Context(), opts, engine.TestOptions{Coverage: true, Only: func(f string) bool { return strings.HasPrefix(f, "team/") }})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range report.Results {
		names = append(names, fmt.Sprintf("%s:%v", r.Name, r.Pass))
	}
	if got := strings.Join(names, " "); got != "test_fires:true test_fails:false" {
		t.Errorf("results %s", got)
	}
	if len(report.Coverage.Files) != 1 || report.Coverage.Files[0].File != "team/team-rule.rego" || report.Coverage.Percent != 100 {
		t.Errorf("coverage %+v", report.Coverage)
	}
}
