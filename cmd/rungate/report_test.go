package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifOut is the part of a SARIF log these tests read.
type sarifOut struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func readSARIF(t *testing.T, path string) sarifOut {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s sarifOut
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", path, err, b)
	}
	return s
}

// validateSARIF checks a report from the real CLI against the SARIF 2.1.0
// schema vendored for pkg/report's tests.
func validateSARIF(t *testing.T, schemaPath, path string) {
	t.Helper()
	sf, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	doc, err := jsonschema.UnmarshalJSON(sf)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	const url = "https://rungate.test/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s does not validate against SARIF 2.1.0: %v", path, err)
	}
}

// badScript is a repository with a script that mounts the host's root,
// the working directory set to it.
func badScript(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "ops"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "#!/bin/sh\n\ndocker run --rm -v /:/host alpine true\n"
	if err := os.WriteFile(filepath.Join(dir, "ops", "deploy.sh"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

// TestReportSeveralFormats: -f text -f sarif -o - -o FILE writes text to
// standard output and SARIF to the file, with repository-relative URIs.
func TestReportSeveralFormats(t *testing.T) {
	// Resolved before badScript changes directory.
	schema, err := filepath.Abs(filepath.Join("..", "..", "pkg", "report", "testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := badScript(t)
	if err := os.Chdir(filepath.Join(dir, "ops")); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "", "lint", "-f", "text", "-f", "sarif", "-o", "-", "-o", "../out.sarif", "deploy.sh")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d\nstderr: %s", code, exitFindings, stderr)
	}
	if !strings.Contains(out, "deploy.sh:3:") || !strings.Contains(out, "host-root-mount") {
		t.Errorf("text report missing on stdout:\n%s", out)
	}
	if strings.Contains(out, `"$schema"`) {
		t.Errorf("SARIF went to stdout:\n%s", out)
	}
	validateSARIF(t, schema, filepath.Join(dir, "out.sarif"))
	s := readSARIF(t, filepath.Join(dir, "out.sarif"))
	if s.Version != "2.1.0" || len(s.Runs) != 1 || s.Runs[0].Tool.Driver.Name != "rungate" || len(s.Runs[0].Tool.Driver.Rules) == 0 {
		t.Fatalf("SARIF = %+v", s)
	}
	found := false
	for _, r := range s.Runs[0].Results {
		if r.RuleID != "host-root-mount" {
			continue
		}
		found = true
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "ops/deploy.sh" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine != 3 || loc.Region.StartColumn < 1 {
			t.Errorf("location = %+v, want ops/deploy.sh line 3 under %%SRCROOT%%", loc)
		}
	}
	if !found {
		t.Errorf("no host-root-mount result in SARIF: %+v", s.Runs[0].Results)
	}
}

// TestReportOneOutputFile: a single -o with one format writes that format
// to the file and nothing to standard output.
func TestReportOneOutputFile(t *testing.T) {
	dir := badScript(t)
	out, stderr, code := run(t, "", "lint", "--format", "json", "--output", "report.json", "ops/deploy.sh")
	if code != exitFindings {
		t.Fatalf("exit %d\nstderr: %s", code, stderr)
	}
	if out != "" {
		t.Errorf("stdout should be empty, got:\n%s", out)
	}
	var got jsonOut
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("report.json is not JSON: %v", err)
	}
	if ruleCounts(got)["host-root-mount"] != 1 {
		t.Errorf("findings = %+v", got.Findings)
	}
}

// TestReportGitHubAndJUnit: the CI formats are reachable from the CLI.
func TestReportGitHubAndJUnit(t *testing.T) {
	badScript(t)
	out, stderr, code := run(t, "", "lint", "-f", "github", "-f", "junit", "ops/deploy.sh")
	if code != exitFindings {
		t.Fatalf("exit %d\nstderr: %s", code, stderr)
	}
	if !strings.Contains(out, "::error file=ops/deploy.sh,line=3,") {
		t.Errorf("no annotation for ops/deploy.sh line 3:\n%s", out)
	}
	if !strings.Contains(out, `<testsuite name="ops/deploy.sh"`) {
		t.Errorf("no JUnit suite for ops/deploy.sh:\n%s", out)
	}
}

// TestReportUsageErrors: bad report flags are usage errors (exit 2),
// decided before any file is read.
func TestReportUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"lint", "-f", "xml", "-c", "docker run alpine"}, "unknown format"},
		{"unknown format among several", []string{"lint", "-f", "text", "-f", "checkstile", "-c", "docker run alpine"}, "unknown format"},
		{"more outputs than formats", []string{"lint", "-f", "sarif", "-o", "a", "-o", "b", "-c", "docker run alpine"}, "one --output per --format"},
		{"fewer outputs than formats", []string{"lint", "-f", "sarif", "-f", "json", "-o", "a", "-c", "docker run alpine"}, "one --output per --format"},
		{"one file twice", []string{"lint", "-f", "sarif", "-f", "json", "-o", "a", "-o", "a", "-c", "docker run alpine"}, "given twice"},
		{"host verb too", []string{"host", "-f", "xml"}, "unknown format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			_, stderr, code := run(t, "", tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d\nstderr: %s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not say %q", stderr, tc.want)
			}
			if entries, _ := os.ReadDir("."); len(entries) != 0 {
				t.Errorf("a usage error wrote files: %v", entries)
			}
		})
	}
}
