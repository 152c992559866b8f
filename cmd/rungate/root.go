package main

import (
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// newRootCommand lists every verb explicitly.
func newRootCommand(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "rungate",
		Short:         "Security policy linter and admission gate for docker run",
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetIn(s.in)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.AddCommand(
		newLintCommand(s),
		newSpecCommand(s),
		newRulesCommand(s),
		newHostCommand(s),
		newAuthzCommand(s),
		newVerifyCommand(s),
	)
	return root
}
