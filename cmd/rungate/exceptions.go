package main

import (
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/spf13/pflag"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
)

// exceptionOptions are the lint flags about reviewed exceptions: inline
// rungate:ignore comments and the baseline.
type exceptionOptions struct {
	requireReason   bool
	noInlineIgnores bool
	baseline        string
	writeBaseline   string
	unused          string
}

func (o *exceptionOptions) bind(fs *pflag.FlagSet) {
	fs.BoolVar(&o.requireReason, "require-reason", false, "a rungate:ignore comment without '-- reason' suppresses nothing and is an input error")
	fs.BoolVar(&o.noInlineIgnores, "no-inline-ignores", false, "ignore every rungate:ignore comment")
	fs.StringVar(&o.unused, "unused-suppressions", "warn", "a rungate:ignore comment that suppressed nothing or names an unknown rule: warn, or error (an input error, exit 2)")
	fs.StringVar(&o.baseline, "baseline", "", "hide the findings this baseline file accepts (see --write-baseline)")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record the current findings in this baseline file, then report them as baselined")
}

// validate checks the exception flags before any work is done.
func (o *exceptionOptions) validate() error {
	if o.unused != "warn" && o.unused != "error" {
		return usageError(fmt.Errorf("--unused-suppressions: %q is not warn or error", o.unused))
	}
	return nil
}

// applyInline moves the findings that rungate:ignore comments cover to
// res.Suppressed.
func (o *exceptionOptions) applyInline(res *lint.Result, src *sources, eng *engine.Engine) {
	if o.noInlineIgnores {
		return
	}
	known, off := map[string]bool{}, map[string]bool{}
	for _, r := range eng.Catalogue() {
		known[r.ID], off[r.ID] = true, true
	}
	for _, r := range eng.Rules() {
		delete(off, r.ID)
	}
	lint.Inline(res, src.all(), os.ReadFile, lint.InlineOptions{RequireReason: o.requireReason, Known: known, Off: off, UnusedAsError: o.unused == "error"})
}

// applyBaseline writes the baseline when asked, then moves the findings a
// baseline accepts to res.Suppressed. Writing records every finding left
// after inline suppressions, including those an older --baseline accepted,
// so rewriting a baseline merges it with today's findings and drops what
// was fixed.
func (o *exceptionOptions) applyBaseline(res *lint.Result, src *sources, wd string) error {
	files := src.all()
	opts := lint.BaselineOptions{Root: wd, Source: func(name string) ([]byte, bool) {
		b, ok := files[name]
		return b, ok
	}}
	name := o.baseline
	var b lint.Baseline
	switch {
	case o.writeBaseline != "":
		b = lint.NewBaseline(res.Findings, opts)
		data, err := b.Marshal()
		if err != nil {
			return internalError(err)
		}
		if err := os.WriteFile(o.writeBaseline, data, 0o644); err != nil {
			return internalError(fmt.Errorf("write baseline: %w", err))
		}
		name = o.writeBaseline
	case o.baseline != "":
		data, err := os.ReadFile(o.baseline)
		if err != nil {
			return usageError(fmt.Errorf("read baseline: %w", err))
		}
		if b, err = lint.ParseBaseline(o.baseline, data); err != nil {
			return usageError(err)
		}
	default:
		return nil
	}
	b.Apply(res, name, slices.Sorted(maps.Keys(files)), opts)
	return nil
}
