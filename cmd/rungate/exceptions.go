package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
)

// exceptionOptions are the lint flags about reviewed exceptions: inline
// rungate:ignore comments and the baseline.
type exceptionOptions struct {
	requireReason   bool
	noInlineIgnores bool
}

func (o *exceptionOptions) bind(fs *pflag.FlagSet) {
	fs.BoolVar(&o.requireReason, "require-reason", false, "a rungate:ignore comment without '-- reason' suppresses nothing and is an input error")
	fs.BoolVar(&o.noInlineIgnores, "no-inline-ignores", false, "ignore every rungate:ignore comment")
}

// apply moves the findings that exceptions cover to res.Suppressed.
func (o *exceptionOptions) apply(res *lint.Result, src *sources, rules []engine.Rule) {
	if o.noInlineIgnores {
		return
	}
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	lint.Inline(res, src.all(), os.ReadFile, lint.InlineOptions{RequireReason: o.requireReason, Known: known})
}

// printWarnings writes warnings to stderr, whatever the report format, so
// they reach a person without changing a machine-read report.
func printWarnings(w io.Writer, res lint.Result) {
	for _, e := range res.Warnings {
		fmt.Fprintf(w, "rungate: warning: %s\n", e.Error())
	}
}
