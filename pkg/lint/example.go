package lint

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/scan"
)

// Example lints one example from a rule's metadata, a `docker run` line
// or a compose file (text with a top-level services key), as a user's
// input would be linted, or evaluates the host facts HostFacts reads from
// it, and reports whether rule fired on it. The
// findings of every rule are returned. An example that does not parse, or
// holds no container, is an error: it would show nothing.
func (r *Runner) Example(ctx context.Context, rule, text string) (fired bool, findings []engine.Finding, err error) {
	if r.HostFacts != nil {
		h, ok, err := r.HostFacts(text)
		if err != nil {
			return false, nil, fmt.Errorf("example of %s: %w", rule, err)
		}
		if ok {
			findings, err := r.Engine.EvaluateHost(ctx, h)
			if err != nil {
				return false, nil, fmt.Errorf("example of %s: %w", rule, err)
			}
			return firedIn(findings, rule), findings, nil
		}
	}
	name, kind := "example.sh", scan.KindShell
	if strings.HasPrefix(text, "services:") || strings.Contains(text, "\nservices:") {
		name, kind = "compose.yaml", scan.KindCompose
	}
	res, err := r.File(ctx, name, []byte(text), kind)
	if err != nil {
		return false, nil, fmt.Errorf("example of %s: %w", rule, err)
	}
	if len(res.Errors) > 0 {
		return false, nil, fmt.Errorf("example of %s: %w", rule, res.Errors[0])
	}
	if res.Specs == 0 {
		return false, nil, errors.New("example of " + rule + ": no docker run or compose service in " + fmt.Sprintf("%q", text))
	}
	return firedIn(res.Findings, rule), res.Findings, nil
}

func firedIn(findings []engine.Finding, rule string) bool {
	for _, f := range findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
