package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/host"
	"github.com/rungate/rungate/pkg/lint"
	"github.com/rungate/rungate/pkg/profile"
	"github.com/rungate/rungate/pkg/ruledoc"
	"github.com/rungate/rungate/pkg/runspec"
)

// The reference pages of docs/rules; TestRuleDocs fails when they are stale.
//go:generate go run . rules --format markdown --output ../../docs/rules

type rulesOptions struct {
	format string
	output string
	dirs   []string
}

func newRulesCommand(s streams) *cobra.Command {
	var o rulesOptions
	cmd := &cobra.Command{
		Use:   "rules [ID]",
		Short: "List the rules of the policy, or explain one",
		Long: `List the rules of the policy, or explain one: its severity (and in each
profile), what it flags, how to fix it, references, and a bad and a good
example, which are run through the linter to show the rule firing on the
bad one only.

--format markdown --output DIR writes the reference pages of docs/rules:
one page per rule and an index (README.md); pages of rules that are gone
are removed.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			return runRules(cmd.Context(), s, &o, id)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "text", "output format: text|json|markdown")
	f.StringVarP(&o.output, "output", "o", "", "with --format markdown: write one page per rule and README.md into this directory")
	f.StringArrayVar(&o.dirs, "policy", nil, "directory of extra Rego rules to list with the built-in ones (repeatable)")
	return cmd
}

// ruleInfo is a rule's metadata and its severity in each built-in
// profile ("off" when the profile does not run it).
type ruleInfo struct {
	engine.Rule
	Profiles map[string]string `json:"profiles"`
}

func runRules(ctx context.Context, s streams, o *rulesOptions, id string) error {
	switch o.format {
	case "text", "json", "markdown":
	default:
		return usageError(fmt.Errorf("--format: unknown format %q (want text, json or markdown)", o.format))
	}
	if o.output != "" && (o.format != "markdown" || id != "") {
		return usageError(errors.New("--output writes the markdown pages of every rule: give --format markdown and no ID"))
	}
	if o.format == "markdown" && o.output == "" && id == "" {
		return usageError(errors.New("--format markdown writes one page per rule: give --output DIR, or a rule ID for its page on standard output"))
	}
	opts, err := (&ruleOptions{dirs: o.dirs}).engineOptions(loaded{})
	if err != nil {
		return err
	}
	opts.Choose = nil // list every rule, at its own severity
	eng, err := newEngine(ctx, opts)
	if err != nil {
		return err
	}
	docs, err := profileDocs(eng.Catalogue())
	if err != nil {
		return internalError(err)
	}
	if id != "" {
		i := slices.IndexFunc(docs, func(d ruledoc.Doc) bool { return d.Rule.ID == id })
		if i < 0 {
			return usageError(unknownRule(id, eng.Catalogue()))
		}
		docs = docs[i : i+1]
	}
	switch {
	case o.output != "":
		return writeDocs(o.output, docs)
	case o.format == "markdown":
		_, err := s.out.Write(ruledoc.Page(docs[0]))
		return writeErr(err)
	case o.format == "json":
		infos := make([]ruleInfo, len(docs))
		for i, d := range docs {
			infos[i] = info(d)
		}
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		var v any = infos
		if id != "" {
			v = infos[0]
		}
		if err := enc.Encode(v); err != nil {
			return internalError(fmt.Errorf("encode rules: %w", err))
		}
		return nil
	case id != "":
		return explain(ctx, s, eng, docs[0])
	}
	tw := tabwriter.NewWriter(s.out, 0, 4, 2, ' ', 0)
	head := "ID\tSEVERITY"
	for _, p := range docs[0].Profiles {
		if p.Profile != profile.Default {
			head += "\t" + strings.ToUpper(p.Profile)
		}
	}
	fmt.Fprintln(tw, head+"\tTITLE")
	for _, d := range docs {
		line := d.Rule.ID + "\t" + d.Rule.Severity.String()
		for _, p := range d.Profiles {
			if p.Profile != profile.Default {
				line += "\t" + p.String()
			}
		}
		fmt.Fprintln(tw, line+"\t"+d.Rule.Title)
	}
	return writeErr(tw.Flush())
}

func writeErr(err error) error {
	if err != nil {
		return internalError(fmt.Errorf("write rules: %w", err))
	}
	return nil
}

// unknownRule says an id is not loaded, naming the nearest one.
func unknownRule(id string, all []engine.Rule) error {
	ids := make([]string, len(all))
	for i, r := range all {
		ids[i] = r.ID
	}
	if n := profile.Nearest(id, ids); n != "" {
		return fmt.Errorf("unknown rule %q: did you mean %s? (rungate rules lists them)", id, n)
	}
	return fmt.Errorf("unknown rule %q (rungate rules lists them)", id)
}

// profileDocs pairs each rule with its severity in each built-in profile.
func profileDocs(all []engine.Rule) ([]ruledoc.Doc, error) {
	docs := make([]ruledoc.Doc, len(all))
	for i, r := range all {
		docs[i].Rule = r
	}
	for _, name := range profile.Names() {
		p, err := profile.Builtin(name)
		if err != nil {
			return nil, err
		}
		chosen, err := profile.Chooser(p, profile.Overrides{})(slices.Clone(all))
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w", name, err)
		}
		for i := range docs {
			ps := ruledoc.ProfileSeverity{Profile: name, Off: true}
			if j := slices.IndexFunc(chosen, func(c engine.Rule) bool { return c.ID == docs[i].Rule.ID }); j >= 0 {
				ps = ruledoc.ProfileSeverity{Profile: name, Severity: chosen[j].Severity}
			}
			docs[i].Profiles = append(docs[i].Profiles, ps)
		}
	}
	return docs, nil
}

func info(d ruledoc.Doc) ruleInfo {
	ri := ruleInfo{Rule: d.Rule, Profiles: map[string]string{}}
	for _, p := range d.Profiles {
		ri.Profiles[p.Profile] = p.String()
	}
	return ri
}

// explain prints one rule, then runs its examples through the linter.
func explain(ctx context.Context, s streams, eng *engine.Engine, d ruledoc.Doc) error {
	r := d.Rule
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
	parts := make([]string, len(d.Profiles))
	for i, p := range d.Profiles {
		parts[i] = p.Profile + ": " + p.String()
	}
	fmt.Fprintf(&b, "Severity:     %s (%s)\n", r.Severity, strings.Join(parts, ", "))
	for _, ref := range r.References {
		fmt.Fprintf(&b, "Reference:    %s\n", ref)
	}
	fmt.Fprintf(&b, "Source:       %s\n\n", r.File)
	fmt.Fprintf(&b, "%s\n\n%s\n", wrap(r.Description, "", 78), wrap("Fix: "+r.Remediation, "     ", 78))
	for _, l := range r.Links {
		fmt.Fprintf(&b, "See: %s", l.URL)
		if l.Description != "" {
			fmt.Fprintf(&b, " (%s)", l.Description)
		}
		b.WriteByte('\n')
	}
	var wrong []string
	if r.Examples.Bad != "" || r.Examples.Good != "" {
		wd, err := os.Getwd()
		if err != nil {
			return internalError(fmt.Errorf("working directory: %w", err))
		}
		runner := exampleRunner(eng, wd)
		for _, ex := range []struct {
			label, text string
			fires       bool
		}{{"Bad", r.Examples.Bad, true}, {"Good", r.Examples.Good, false}} {
			if ex.text == "" {
				continue
			}
			fmt.Fprintf(&b, "\n%s:\n  %s\n", ex.label, strings.ReplaceAll(ex.text, "\n", "\n  "))
			fired, findings, err := runner.Example(ctx, r.ID, ex.text)
			switch {
			case err != nil:
				fmt.Fprintf(&b, "  ! %v\n", err)
				wrong = append(wrong, strings.ToLower(ex.label)+" example: "+err.Error())
			case fired:
				for _, f := range findings {
					if f.Rule == r.ID {
						fmt.Fprintf(&b, "  => fires: %s\n", f.Message)
					}
				}
			default:
				fmt.Fprintf(&b, "  => %s does not fire\n", r.ID)
			}
			if err == nil && fired != ex.fires {
				wrong = append(wrong, fmt.Sprintf("the %s example should %s", strings.ToLower(ex.label), map[bool]string{true: "fire", false: "not fire"}[ex.fires]))
			}
		}
	}
	if _, err := io.WriteString(s.out, b.String()); err != nil {
		return writeErr(err)
	}
	if len(wrong) > 0 {
		// The metadata contradicts the rule: a bug in the rule or its
		// examples.
		return internalError(fmt.Errorf("rule %s: %s", r.ID, strings.Join(wrong, "; ")))
	}
	return nil
}

// writeDocs writes every page into dir and removes generated pages of
// rules that are gone. Files without the generated marker are left alone.
func writeDocs(dir string, docs []ruledoc.Doc) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return internalError(fmt.Errorf("write docs: %w", err))
	}
	pages := ruledoc.Pages(docs)
	old, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return internalError(fmt.Errorf("write docs: %w", err))
	}
	for _, p := range old {
		if _, keep := pages[filepath.Base(p)]; keep {
			continue
		}
		b, err := os.ReadFile(p)
		if err == nil && bytes.HasPrefix(b, []byte(ruledoc.Marker)) {
			if err := os.Remove(p); err != nil {
				return internalError(fmt.Errorf("write docs: %w", err))
			}
		}
	}
	for name, b := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return internalError(fmt.Errorf("write docs: %w", err))
		}
	}
	return nil
}

// wrap folds text into lines of at most width columns (a longer word stays
// whole), indenting every line but the first.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(text) {
		switch {
		case i == 0:
		case col+1+len(w) > width:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// exampleRunner runs rule examples as the user's input would be linted,
// from the working directory.
func exampleRunner(eng *engine.Engine, wd string) *lint.Runner {
	return &lint.Runner{Engine: eng, Daemon: runspec.DefaultDaemon(), WorkDir: wd, Env: knownEnv(wd), HostFacts: host.ExampleFacts}
}
