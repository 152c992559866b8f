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
			Suppressed: []lint.Suppressed{{
				Finding: engine.Finding{Rule: "host-root-mount", Severity: engine.Critical, Title: "Host root filesystem mounted",
					Message: `the host's / is bind-mounted at /host`, Remediation: "Mount only the directories the container needs, read-only.",
					Pos: runspec.Pos{File: "ops/node exporter.md", Line: 12, Column: 22}},
				Kind: "inline", Reason: "node_exporter reads host metrics; reviewed by ops",
				Pos: runspec.Pos{File: "ops/node exporter.md", Line: 11, Column: 1},
			}},
			Warnings: []lint.FileError{{File: "deploy.sh", Line: 7, Column: 1, Message: "rungate:ignore privileged-mode matched no finding"}},
		},
		Version: "v1.4.0",
		Rules: []engine.Rule{
			{ID: "host-root-mount", Title: "Host root filesystem mounted", Severity: engine.Critical,
				Description: "A bind mount of the host's / gives the container every file on the host.",
				Remediation: "Mount only the directories the container needs, read-only.",
				References:  []string{"CIS Docker Benchmark v1.6.0 5.5"},
				Links:       []engine.Link{{URL: "https://docs.docker.com/engine/storage/bind-mounts/", Description: "Bind mounts"}}},
			{ID: "readonly-rootfs-missing", Title: "Root filesystem is writable", Severity: engine.Medium,
				Description: "A writable root filesystem lets an attacker persist tools in the container.",
				Remediation: "Add --read-only."},
			{ID: "docker-group-member", Title: "User in the docker group", Severity: engine.High,
				Description: "Members of the docker group are root on the host.", Remediation: "Remove the user from the docker group."},
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
