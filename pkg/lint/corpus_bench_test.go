package lint_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/scan"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// BenchmarkCorpus lints a corpus of real repositories' files (compose
// files, scripts, READMEs, inspect output), one unit after another, with
// the built-in catalogue on planvm and on topdown. It reports the time per
// container spec found (parsing and evaluation) beside the totals. The
// corpus is not part of this repository: RUNGATE_CORPUS names it, by
// default ../shared/corpus beside the checkout; without it the benchmark
// skips.
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("RUNGATE_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no corpus at %s (set RUNGATE_CORPUS to a directory of compose files and scripts): %v", dir, err)
	}
	found, errs := scan.Files([]string{dir}, scan.FilesOptions{})
	if len(errs) > 0 {
		b.Logf("%d files could not be walked; first: %v", len(errs), errs[0])
	}
	units := lint.Units(found)
	for _, tc := range []struct {
		name    string
		topdown bool
	}{{"plan", false}, {"topdown", true}} {
		b.Run(tc.name, func(b *testing.B) {
			eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}, Topdown: tc.topdown})
			if err != nil {
				b.Fatal(err)
			}
			abs, _ := filepath.Abs(dir)
			r := &lint.Runner{Engine: eng, Daemon: runspec.DefaultDaemon(), WorkDir: abs, Env: scan.Env{}}
			var specs, findings int
			for b.Loop() {
				specs, findings = 0, 0
				for _, u := range units {
					res, err := r.Unit(b.Context(), u, os.ReadFile)
					if err != nil {
						b.Fatal(err)
					}
					specs += res.Specs
					findings += len(res.Findings)
				}
			}
			b.ReportMetric(float64(len(found)), "files")
			b.ReportMetric(float64(specs), "specs")
			b.ReportMetric(float64(findings), "findings")
			if specs > 0 {
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(specs), "µs/spec")
			}
		})
	}
}
