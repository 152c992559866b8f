package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/rungate/rungate/pkg/dockerrun"
	"github.com/rungate/rungate/pkg/runspec"
)

type specOptions struct {
	argv []string
}

func newSpecCommand(s streams) *cobra.Command {
	var o specOptions
	return &cobra.Command{
		Use:   "spec -- docker run ARGS...",
		Short: "Print the create body the docker CLI would send for a docker run",
		Long: `Print, as Engine API JSON, the body of POST /containers/create that the docker
CLI would send for the command. docker run, docker create, docker container run
and docker container create are accepted; what the docker CLI rejects is
rejected with one line on stderr and exit status 2.`,
		Args:               cobra.MinimumNArgs(1),
		DisableFlagParsing: false,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.argv = args
			return runSpec(cmd.Context(), s, &o)
		},
	}
}

func runSpec(_ context.Context, s streams, o *specOptions) error {
	wd, err := os.Getwd()
	if err != nil {
		return internalError(fmt.Errorf("working directory: %w", err))
	}
	words := make([]runspec.Word, len(o.argv))
	for i, a := range o.argv {
		// Column i+1 is the argument's index, so an error can name it.
		words[i] = runspec.Word{Text: a, Pos: runspec.Pos{File: "argv", Line: 1, Column: i + 1}}
	}
	// Like the docker CLI, -e KEY reads this process's environment and
	// files are read relative to the working directory.
	spec, err := dockerrun.ParseCommand(words, dockerrun.Options{WorkDir: wd, LookupEnv: os.LookupEnv, File: "argv"})
	if errors.Is(err, dockerrun.ErrNotRun) {
		return usageError(errors.New("not a docker run or docker create command"))
	}
	var perr *dockerrun.Error
	if errors.As(err, &perr) {
		return usageError(errors.New(perr.Msg))
	}
	if err != nil {
		return usageError(err)
	}
	enc := json.NewEncoder(s.out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(spec.Create); err != nil {
		return internalError(fmt.Errorf("encode create body: %w", err))
	}
	return nil
}
