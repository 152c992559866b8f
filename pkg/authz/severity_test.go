package authz

import (
	"testing"

	"github.com/rungate/rungate/pkg/engine"
)

func mustSeverity(tb testing.TB, s string) engine.Severity {
	tb.Helper()
	sev, err := engine.ParseSeverity(s)
	if err != nil {
		tb.Fatal(err)
	}
	return sev
}
