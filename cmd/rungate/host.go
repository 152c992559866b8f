package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rungate/rungate/pkg/host"
	"github.com/rungate/rungate/pkg/lint"
)

type hostOptions struct {
	root         string
	groupFile    string
	passwdFile   string
	daemonConfig string
	report       reportOptions
	rules        ruleOptions
}

func newHostCommand(s streams) *cobra.Command {
	var o hostOptions
	cmd := &cobra.Command{
		Use:   "host",
		Short: "Audit the host docker runs on: docker group members, daemon defaults",
		Long: `Audit the host docker runs on. Every user in the docker group can start a
container that mounts the host's / and so is root on the host: each one is
reported, whether listed in /etc/group or having docker as primary group.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runHost(cmd.Context(), s, &o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.root, "root", "/", "directory the host's files are read under (a mounted image, a chroot)")
	f.StringVar(&o.groupFile, "group-file", "", "group file to read (default ROOT/etc/group)")
	f.StringVar(&o.passwdFile, "passwd-file", "", "passwd file to read (default ROOT/etc/passwd)")
	f.StringVar(&o.daemonConfig, "daemon-config", "", "daemon.json to read (default ROOT/etc/docker/daemon.json if present)")
	o.report.bind(f)
	o.rules.bind(f)
	return cmd
}

func runHost(ctx context.Context, s streams, o *hostOptions) error {
	if err := o.report.validate(); err != nil {
		return err
	}
	root, err := filepath.Abs(o.root)
	if err != nil {
		return usageError(fmt.Errorf("--root: %w", err))
	}
	paths := host.DefaultPaths()
	// Explicit files are absolute paths under / (or relative to the
	// working directory); the defaults live under --root.
	fsRoot := root
	if o.groupFile != "" || o.passwdFile != "" || o.daemonConfig != "" {
		fsRoot = "/"
		paths = host.Paths{
			Group:  orDefault(o.groupFile, filepath.Join(root, "etc/group")),
			Passwd: orDefault(o.passwdFile, filepath.Join(root, "etc/passwd")),
			Daemon: orDefault(o.daemonConfig, filepath.Join(root, "etc/docker/daemon.json")),
		}
		for _, p := range []*string{&paths.Group, &paths.Passwd, &paths.Daemon} {
			abs, err := filepath.Abs(*p)
			if err != nil {
				return usageError(fmt.Errorf("resolve %s: %w", *p, err))
			}
			*p = strings.TrimPrefix(filepath.ToSlash(abs), "/")
		}
	}
	opts, err := o.rules.engineOptions(loaded{})
	if err != nil {
		return err
	}
	eng, err := newEngine(ctx, opts)
	if err != nil {
		return err
	}
	res := lint.Result{}
	facts, err := host.Load(os.DirFS(fsRoot), paths)
	if err != nil {
		res.Errors = append(res.Errors, hostError(err))
		return o.report.render(s, res, eng.Rules())
	}
	res.Files = 2
	if facts.Daemon.Known {
		res.Files++
	}
	findings, err := eng.EvaluateHost(ctx, facts)
	if err != nil {
		return internalError(fmt.Errorf("evaluate host: %w", err))
	}
	res.Specs = 1
	res.Findings = findings
	lint.Sort(res.Findings)
	return o.report.render(s, res, eng.Rules())
}

func hostError(err error) lint.FileError {
	var fe *host.FileError
	if errors.As(err, &fe) {
		return lint.FileError{File: fe.Pos.File, Line: fe.Pos.Line, Column: fe.Pos.Column, Message: fe.Msg}
	}
	return lint.FileError{File: "host", Message: err.Error()}
}

func orDefault(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
