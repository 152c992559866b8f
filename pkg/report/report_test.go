package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/runspec"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sample is the shared input of every format's golden test.
func sample() Report {
	return Report{
		FailOn: engine.High,
		Result: lint.Result{
			Files: 2,
			Specs: 2,
			Findings: []engine.Finding{
				{Rule: "host-root-mount", Severity: engine.Critical, Title: "Host root filesystem mounted",
					Message: `the host's / is bind-mounted at /mnt`, Remediation: "Mount only the directories the container needs, read-only.",
					Pos: runspec.Pos{File: "deploy.sh", Line: 3, Column: 18}},
				{Rule: "readonly-rootfs-missing", Severity: engine.Medium, Title: "Root filesystem is writable",
					Message: "the container's root filesystem is writable", Remediation: "Add --read-only.",
					Pos: runspec.Pos{File: "deploy.sh", Line: 3, Column: 1}},
			},
			Errors: []lint.FileError{{File: "broken.sh", Line: 2, Column: 5, Message: "unknown flag: --nope"}},
		},
	}
}

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		for _, color := range []bool{false, true} {
			name := format
			if color {
				if format != "text" {
					continue
				}
				name += "-color"
			}
			t.Run(name, func(t *testing.T) {
				rep, err := New(format, Options{Color: color})
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := rep.Write(&buf, sample()); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", name+".golden")
				if *update {
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s output differs from %s:\n%s", format, golden, buf.String())
				}
			})
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("xml", Options{}); err == nil {
		t.Fatal("want an error for an unknown format")
	}
}

func TestFailed(t *testing.T) {
	r := sample()
	if !r.Failed() {
		t.Error("critical finding at threshold high should fail")
	}
	r.FailOn = engine.Critical
	r.Result.Findings = r.Result.Findings[1:]
	if r.Failed() {
		t.Error("medium finding at threshold critical should not fail")
	}
}
