// Command rungate is a security policy linter and admission gate for
// docker run. This package only binds flags and wires packages together;
// the work is done in pkg/.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/sirupsen/logrus"
	"golang.org/x/term"
)

func main() {
	// A lint run lives for milliseconds and allocates a few megabytes while
	// compiling the policy: collecting garbage that often costs more than
	// the memory saved. GOGC set by the user still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// compose-go reports through logrus's global logger, with warnings
	// (such as an obsolete `version:` key) that are not policy findings and
	// would break the one-line-per-problem output on stderr.
	logrus.SetOutput(io.Discard)
	s := streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, tty: term.IsTerminal(int(os.Stdout.Fd()))}
	err := newRootCommand(s).ExecuteContext(ctx)
	code := exitCode(err)
	if err != nil && !errors.Is(err, errFindings) {
		fmt.Fprintln(s.err, "rungate: "+errorText(err))
	}
	stop()
	os.Exit(code) //nolint:gocritic // stop has run; nothing else is deferred
}

// streams are where a command reads and writes; tests give buffers.
type streams struct {
	in  io.Reader
	out io.Writer
	err io.Writer
	// tty is true when out is a terminal (colour allowed).
	tty bool
}
