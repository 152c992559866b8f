// Package testreport lets a test leave a summary for `make test` to print:
// go test hides the output of tests that pass, and some figures (the
// differential agreement, Rego coverage) are worth seeing on every run.
package testreport

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvDir names the directory summaries are written to; unset means none.
const EnvDir = "RUNGATE_REPORT_DIR"

// Write logs text and, when EnvDir is set, writes it to name.txt there.
func Write(t testing.TB, name, text string) {
	t.Helper()
	t.Log(text)
	dir := os.Getenv(EnvDir)
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(text+"\n"), 0o644); err != nil {
		t.Errorf("write test summary: %v", err)
	}
}
