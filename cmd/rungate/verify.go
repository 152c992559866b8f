package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rungate/rungate/pkg/config"
	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/rules"
)

type verifyOptions struct {
	dirs   []string
	run    string
	format string
	config configOptions
}

func newVerifyCommand(s streams) *cobra.Command {
	var o verifyOptions
	cmd := &cobra.Command{
		Use:   "verify [DIR...]",
		Short: "Run the Rego tests of your policy directories and show their coverage",
		Long: `Run the *_test.rego files of your policy directories against your rules,
the built-in rules and the policy data, loaded as --policy DIR loads them for
rungate lint; print each test's outcome and the coverage of your rules.
With no DIR, the policy directories of .rungate.yaml are verified.

Exit codes: 0 every test passes; 1 a test fails; 2 a policy that does not
load or compile (file:line), a bad directory, or no test at all.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dirs = args
			return runVerify(cmd.Context(), s, &o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.run, "run", "", "run only the tests whose name matches this regular expression")
	f.StringVarP(&o.format, "format", "f", "text", "output format: text|json")
	o.config.bind(f)
	return cmd
}

func runVerify(ctx context.Context, s streams, o *verifyOptions) error {
	if o.format != "text" && o.format != "json" {
		return usageError(fmt.Errorf("--format: unknown format %q (want text or json)", o.format))
	}
	wd, err := os.Getwd()
	if err != nil {
		return internalError(fmt.Errorf("working directory: %w", err))
	}
	cfg, err := o.config.load(wd)
	if err != nil {
		return err
	}
	var dirs []fs.FS
	if len(o.dirs) > 0 {
		if dirs, err = (&ruleOptions{dirs: o.dirs}).policyDirs(); err != nil {
			return err
		}
	} else {
		if dirs, err = cfg.policyDirs(); err != nil {
			return err
		}
		if len(dirs) == 0 {
			return usageError(errors.New("nothing to verify: give policy DIRs, or list them under policy: in " + config.FileName))
		}
	}
	opts := builtinOptions(dirs...)
	opts.DataOverrides = cfg.Data
	// The rules must load as lint loads them (metadata, file names,
	// type-checked input paths) before their tests mean anything.
	if _, err := engine.New(ctx, opts); err != nil {
		return usageError(err)
	}
	builtin := map[string]bool{}
	_ = fs.WalkDir(rules.FS, ".", func(p string, _ fs.DirEntry, err error) error {
		builtin["rules/"+p] = err == nil
		return nil
	})
	rep, err := engine.Test(ctx, opts, engine.TestOptions{Coverage: true, Run: o.run, Only: func(f string) bool { return !builtin[f] }})
	if err != nil {
		return usageError(err)
	}
	if o.format == "json" {
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return internalError(fmt.Errorf("encode results: %w", err))
		}
	} else if err := writeVerify(s, rep); err != nil {
		return internalError(err)
	}
	if failed := rep.Failed(); len(failed) > 0 {
		return &exitError{code: exitFindings, err: fmt.Errorf("%d of %d tests fail", len(failed), len(rep.Results))}
	}
	return nil
}

// writeVerify prints a line per test, the failures' details, and the
// coverage of each policy file with the lines no test reached.
func writeVerify(s streams, rep *engine.TestReport) error {
	var b strings.Builder
	for _, t := range rep.Results {
		status := "PASS"
		switch {
		case t.Skip:
			status = "SKIP"
		case !t.Pass:
			status = "FAIL"
		}
		fmt.Fprintf(&b, "%s  %s:%d  %s.%s (%s)\n", status, t.File, t.Line, strings.TrimPrefix(t.Package, "data."), t.Name, t.Duration.Round(time.Microsecond))
		if !t.Pass && !t.Skip {
			if t.Error != "" {
				fmt.Fprintf(&b, "      %s\n", strings.ReplaceAll(t.Error, "\n", "\n      "))
			}
			if out := strings.TrimSpace(t.Output); out != "" {
				fmt.Fprintf(&b, "      output: %s\n", strings.ReplaceAll(out, "\n", "\n      "))
			}
		}
	}
	if c := rep.Coverage; c != nil {
		b.WriteString("\ncoverage:\n")
		for _, f := range c.Files {
			fmt.Fprintf(&b, "  %-50s %6.1f%%", f.File, f.Percent)
			if len(f.NotCovered) > 0 {
				fmt.Fprintf(&b, "  not covered: lines %s", lineRanges(f.NotCovered))
			}
			b.WriteByte('\n')
		}
	}
	failed := len(rep.Failed())
	fmt.Fprintf(&b, "\n%d tests, %d passed, %d failed", len(rep.Results), len(rep.Results)-failed, failed)
	if rep.Coverage != nil {
		fmt.Fprintf(&b, "; coverage %.1f%%", rep.Coverage.Percent)
	}
	b.WriteByte('\n')
	_, err := fmt.Fprint(s.out, b.String())
	return err
}

// lineRanges prints sorted line numbers as ranges: 3-5, 9.
func lineRanges(lines []int) string {
	var parts []string
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(lines[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", lines[i], lines[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
