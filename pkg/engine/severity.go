package engine

import (
	"fmt"
	"strings"
)

// Severity ranks a rule's findings. The zero value is no severity at all, so
// a rule whose metadata lacks one is caught.
type Severity int

// Severities, lowest first: a comparison orders them.
const (
	Info Severity = iota + 1
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{Info: "info", Low: "low", Medium: "medium", High: "high", Critical: "critical"}

// Severities lists every severity from the highest down, for flag help.
func Severities() []Severity { return []Severity{Critical, High, Medium, Low, Info} }

// ParseSeverity reads a severity name, in any case.
func ParseSeverity(s string) (Severity, error) {
	for sev, name := range severityNames {
		if name != "" && strings.EqualFold(s, name) {
			return Severity(sev), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want critical, high, medium, low or info)", s)
}

// String returns the severity's lower-case name.
func (s Severity) String() string {
	if s.Valid() {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// Valid reports whether s is one of the named severities.
func (s Severity) Valid() bool { return s >= Info && s <= Critical }

// AtLeast reports whether s is as severe as threshold or more.
func (s Severity) AtLeast(threshold Severity) bool { return s >= threshold }

// MarshalText writes the severity's name, so JSON shows "high", not 4.
func (s Severity) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("marshal %s", s)
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
