package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/runspec"
)

// sarifSchemaFile is the OASIS SARIF 2.1.0 schema, vendored so the test
// does not depend on a checkout layout or the network.
const sarifSchemaFile = "testdata/sarif-schema-2.1.0.json"

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("read schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	// Formats are asserted too: uri and uri-reference catch an unescaped
	// path.
	c.AssertFormat()
	const url = "https://rungate.test/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("add schema: %v", err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out []byte) map[string]any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := sch.Validate(v); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema: %v\n%s", err, out)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSARIFSchema validates the golden output and variants (absolute
// paths, a repository root, no findings, stdin) against the schema.
func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	golden, err := os.ReadFile(filepath.Join("testdata", "sarif.golden"))
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	validateSARIF(t, sch, golden)

	rooted := sample()
	rooted.Root = "/src/my repo"
	rooted.Category = "rungate/compose"
	rooted.WorkDir = "/src/my repo/sub"
	rooted.Result.Findings = append(rooted.Result.Findings, engine.Finding{Rule: "host-root-mount", Severity: engine.Critical,
		Message: "the host's / is bind-mounted at /mnt", Pos: runspec.Pos{File: "/etc/elsewhere/run.sh", Line: 1, Column: 1}},
		engine.Finding{Rule: "new-rule", Severity: engine.Info, Message: "from -c", Pos: runspec.Pos{File: "-c"}})
	empty := Report{FailOn: engine.High, Version: "dev"}
	for name, rep := range map[string]Report{"rooted": rooted, "empty": empty} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := (SARIF{}).Write(&buf, rep); err != nil {
				t.Fatal(err)
			}
			validateSARIF(t, sch, buf.Bytes())
		})
	}
}

// TestSARIFCodeScanning checks what GitHub code scanning needs beyond the
// schema.
func TestSARIFCodeScanning(t *testing.T) {
	rep := sample()
	rep.Root = "/repo"
	rep.WorkDir = "/repo/sub"
	rep.Category = "rungate"
	var buf bytes.Buffer
	if err := (SARIF{}).Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "rungate" || d.SemanticVersion != "1.4.0" || d.InformationURI == "" {
		t.Errorf("driver = %+v", d)
	}
	if len(d.Rules) != len(rep.Rules) {
		t.Errorf("want every rule that ran, got %d rules", len(d.Rules))
	}
	for _, r := range d.Rules {
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %s lacks descriptions or help: %+v", r.ID, r)
		}
		if r.Properties.SecuritySeverity == "" || r.Properties.Tags[0] != "security" {
			t.Errorf("rule %s properties = %+v", r.ID, r.Properties)
		}
	}
	if run.AutomationDetails == nil || run.AutomationDetails.ID != "rungate/" {
		t.Errorf("automationDetails = %+v, want id rungate/", run.AutomationDetails)
	}
	if got := run.OriginalURIBaseIDs[srcRoot].URI; got != "file:///repo/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	if len(run.Results) != 3 {
		t.Fatalf("want 2 findings and 1 suppressed, got %d results", len(run.Results))
	}
	for _, res := range run.Results {
		if d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d is %s, not %s", res.RuleIndex, d.Rules[res.RuleIndex].ID, res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "sub/") || loc.ArtifactLocation.URIBaseID != srcRoot {
			t.Errorf("uri = %+v, want relative to the root", loc.ArtifactLocation)
		}
		if loc.Region == nil || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("region = %+v", loc.Region)
		}
		if res.PartialFingerprints[fingerprintKey] == "" {
			t.Errorf("no fingerprint: %+v", res)
		}
	}
	sup := run.Results[len(run.Results)-1]
	if len(sup.Suppressions) != 1 || sup.Suppressions[0].Kind != "inSource" || sup.Suppressions[0].Justification == "" {
		t.Errorf("suppressed result = %+v", sup)
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 || inv.ToolExecutionNotifications[0].Locations == nil {
		t.Errorf("invocation = %+v", inv)
	}
}

// TestSARIFFingerprintStable: moving a finding to another line keeps its
// fingerprint; another message or file changes it; two identical
// findings in one file differ.
func TestSARIFFingerprintStable(t *testing.T) {
	prints := func(fs ...engine.Finding) []string {
		var buf bytes.Buffer
		rep := Report{Result: lint.Result{Findings: fs}}
		if err := (SARIF{}).Write(&buf, rep); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range log.Runs[0].Results {
			out = append(out, r.PartialFingerprints[fingerprintKey])
		}
		return out
	}
	f := engine.Finding{Rule: "host-root-mount", Severity: engine.Critical, Message: "the host's / is bind-mounted at /mnt",
		Pos: runspec.Pos{File: "deploy.sh", Line: 3, Column: 18}}
	moved := f
	moved.Pos.Line, moved.Pos.Column = 40, 2
	other := f
	other.Message = "the host's / is bind-mounted at /host"
	a, b, c := prints(f)[0], prints(moved)[0], prints(other)[0]
	if a != b {
		t.Errorf("a line shift changed the fingerprint: %s vs %s", a, b)
	}
	if a == c {
		t.Errorf("another message kept the fingerprint %s", a)
	}
	if twice := prints(f, moved); twice[0] == twice[1] {
		t.Errorf("two identical findings share fingerprint %s", twice[0])
	}
}
