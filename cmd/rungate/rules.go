package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

type rulesOptions struct {
	format string
}

func newRulesCommand(s streams) *cobra.Command {
	var o rulesOptions
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules of the policy",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRules(cmd.Context(), s, &o)
		},
	}
	cmd.Flags().StringVarP(&o.format, "format", "f", "text", "output format: text|json")
	return cmd
}

func runRules(ctx context.Context, s streams, o *rulesOptions) error {
	if o.format != "text" && o.format != "json" {
		return usageError(fmt.Errorf("--format: unknown format %q (want text or json)", o.format))
	}
	eng, err := loadEngine(ctx)
	if err != nil {
		return err
	}
	rules := eng.Rules()
	if o.format == "json" {
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rules); err != nil {
			return internalError(fmt.Errorf("encode rules: %w", err))
		}
		return nil
	}
	tw := tabwriter.NewWriter(s.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return internalError(fmt.Errorf("write rules: %w", err))
	}
	return nil
}
