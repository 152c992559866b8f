package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkLintProcess times the whole `rungate lint -c` process as a user
// or a pre-commit hook runs it: start-up, policy compilation, parsing,
// evaluation and the report.
func BenchmarkLintProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "rungate")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("build rungate: %v", err)
	}
	args := []string{"lint", "-c", "docker run --rm -d -p 80:80 -v $PWD/web_base:/var/www/html -v /tmp/weblogs:/var/log/httpd web-server"}
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, args...)
		if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() > 1 {
			b.Fatalf("rungate: %v\n%s", err, out)
		}
	}
}
