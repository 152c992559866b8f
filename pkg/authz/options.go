package authz

import (
	"fmt"
	"io"
	"time"

	"github.com/rungate/rungate/pkg/engine"
)

// Mode says what a deny decision does.
type Mode string

// Modes: enforce denies; audit logs what it would deny and allows, except
// self-protection.
const (
	Enforce Mode = "enforce"
	Audit   Mode = "audit"
)

// ParseMode reads a mode name.
func ParseMode(s string) (Mode, error) {
	switch Mode(s) {
	case Enforce, Audit:
		return Mode(s), nil
	}
	return "", fmt.Errorf("unknown mode %q (want enforce or audit)", s)
}

// DefaultTimeout bounds one decision: past it the request is denied, so a
// slow policy cannot stall dockerd, which waits for the plugin forever.
const DefaultTimeout = 500 * time.Millisecond

// Options configure a Handler. The zero value of each field is a safe
// default.
type Options struct {
	// FailOn is the lowest severity that denies; zero means high.
	FailOn engine.Severity
	// Mode is enforce unless set.
	Mode Mode
	// Log receives one JSON line per decision; nil logs nothing.
	Log io.Writer
	// Timeout bounds a decision; zero means DefaultTimeout.
	Timeout time.Duration
	// SelfNames are the plugin names rungate runs under; default "rungate".
	SelfNames []string
	// Protected are host directories no container may bind, even in audit
	// mode; nil means DefaultProtected. The plugin's socket directory is
	// added to them.
	Protected []string
	// SocketDir is the directory of the plugin's socket, protected too.
	SocketDir string
	// AllowArchive lets docker cp write into containers.
	AllowArchive bool
	// AllowPlugins are plugin references (name or name:tag) that may be
	// installed and enabled.
	AllowPlugins []string
	// VerdictCache is how many verdicts of container specs (create, volume,
	// service) one policy remembers, by a hash of the request; zero means
	// DefaultVerdictCache, negative turns the cache off.
	VerdictCache int
	// Now returns the time; nil means time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.FailOn == 0 {
		o.FailOn = engine.High
	}
	if o.Mode == "" {
		o.Mode = Enforce
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if len(o.SelfNames) == 0 {
		o.SelfNames = []string{"rungate"}
	}
	if o.Protected == nil {
		o.Protected = DefaultProtected()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
