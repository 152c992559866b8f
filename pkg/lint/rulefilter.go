package lint

import "github.com/rungate/rungate/pkg/engine"

// RuleFilter is the per-repository choice of rules: which count, and at
// what severity. The engine still evaluates every rule; the filter is
// applied to the result, so one compiled policy serves every setting.
type RuleFilter struct {
	// Enable, when not empty, keeps only these rules' findings.
	Enable map[string]bool
	// Disable drops these rules' findings.
	Disable map[string]bool
	// Severity replaces a rule's severity, before the threshold is applied.
	Severity map[string]engine.Severity
}

// Apply drops the findings of rules not chosen, in res.Findings and
// res.Suppressed, and rewrites severities.
func (f RuleFilter) Apply(res *Result) {
	kept := res.Findings[:0]
	for _, fd := range res.Findings {
		if f.keep(fd.Rule) {
			kept = append(kept, f.severity(fd))
		}
	}
	res.Findings = kept
	sup := res.Suppressed[:0]
	for _, s := range res.Suppressed {
		if f.keep(s.Finding.Rule) {
			s.Finding = f.severity(s.Finding)
			sup = append(sup, s)
		}
	}
	res.Suppressed = sup
}

func (f RuleFilter) keep(rule string) bool {
	if len(f.Enable) > 0 && !f.Enable[rule] {
		return false
	}
	return !f.Disable[rule]
}

func (f RuleFilter) severity(fd engine.Finding) engine.Finding {
	if s, ok := f.Severity[fd.Rule]; ok {
		fd.Severity = s
	}
	return fd
}
