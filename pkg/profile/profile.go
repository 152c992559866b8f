// Package profile reads profiles: named choices of which rules run and at
// what severity, like Kubernetes' Pod Security Standards. The built-in ones
// are policy/profiles/<name>.yaml; a user may write their own file.
//
//	name: restricted
//	extends: default          # a built-in profile this one starts from
//	rules:
//	  readonly-rootfs-missing: {severity: high}
//	  healthcheck-missing: {enabled: false}
//	  privileged: {}          # listed: runs at its own severity
//
// A rule the profile (and what it extends) does not name runs at its
// metadata severity, so the user's own rules always run unless disabled.
// A profile naming a rule that is not loaded is an error: a typo must not
// leave a rule on, or its severity unchanged.
package profile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/policy"
)

// Default is the profile used when none is chosen.
const Default = "default"

// Profile is one profile, with what it extends already applied.
type Profile struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Extends names the built-in profile this one starts from.
	Extends string `yaml:"extends"`
	// Rules are the settings of the rules the profile names, by id.
	Rules map[string]Setting `yaml:"rules"`
	// File is where the profile was read from.
	File string `yaml:"-"`
}

// Setting is what a profile says of one rule. An empty setting names the
// rule and keeps it as it is.
type Setting struct {
	// Enabled false keeps the rule from running; nil leaves it as the
	// extended profile has it (on, by default).
	Enabled *bool `yaml:"enabled"`
	// Severity replaces the rule's metadata severity.
	Severity *engine.Severity `yaml:"severity"`
}

// Error is a profile or override that cannot be applied: the command
// reports it as bad configuration, not as a broken policy.
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Names lists the built-in profiles.
func Names() []string {
	files, _ := fs.Glob(policy.Profiles, "profiles/*.yaml")
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".yaml"))
	}
	return names
}

// Builtin returns the built-in profile called name.
func Builtin(name string) (*Profile, error) {
	return builtin(name, nil)
}

func builtin(name string, seen []string) (*Profile, error) {
	if slices.Contains(seen, name) {
		return nil, fmt.Errorf("profile %s extends itself (%s)", name, strings.Join(append(seen, name), " -> "))
	}
	file := "profiles/" + name + ".yaml"
	data, err := fs.ReadFile(policy.Profiles, file)
	if err != nil {
		return nil, fmt.Errorf("unknown profile %q (built-in: %s; or give a .yaml file)", name, strings.Join(Names(), ", "))
	}
	p, err := parse("policy/"+file, data)
	if err != nil {
		return nil, err
	}
	if p.Name != name {
		return nil, fmt.Errorf("policy/%s: name %q, want %q", file, p.Name, name)
	}
	return p.extend(append(seen, name))
}

// IsFile reports whether a --profile value names a file rather than a
// built-in profile.
func IsFile(arg string) bool {
	return strings.ContainsRune(arg, '/') || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml")
}

// Load returns the profile arg names: a built-in profile, or a profile file
// read with read (see IsFile). "" is the default profile.
func Load(arg string, read func(string) ([]byte, error)) (*Profile, error) {
	if arg == "" {
		arg = Default
	}
	if !IsFile(arg) {
		return Builtin(arg)
	}
	data, err := read(arg)
	if err != nil {
		return nil, fmt.Errorf("read profile: %w", err)
	}
	p, err := parse(arg, data)
	if err != nil {
		return nil, err
	}
	return p.extend(nil)
}

// unknownField matches yaml's error for a key the struct lacks.
var unknownField = regexp.MustCompile(`line (\d+): field (\S+) not found in type`)

// parse decodes one profile file strictly: an unknown key is an error.
func parse(name string, data []byte) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		if m := unknownField.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, fmt.Errorf("parse profile %s:%d: unknown key %q", name, line, m[2])
		}
		return nil, fmt.Errorf("parse profile %s: %w", name, err)
	}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(strings.TrimSuffix(path.Base(name), ".yaml"), ".yml")
	}
	p.File = name
	return &p, nil
}

// extend applies the profile p extends under p's own settings, field by
// field: p's severity wins, and so does its enabled.
func (p *Profile) extend(seen []string) (*Profile, error) {
	if p.Extends == "" {
		if p.Rules == nil {
			p.Rules = map[string]Setting{}
		}
		return p, nil
	}
	if IsFile(p.Extends) {
		return nil, fmt.Errorf("%s: extends %q: a profile extends a built-in profile (%s)", p.File, p.Extends, strings.Join(Names(), ", "))
	}
	base, err := builtin(p.Extends, seen)
	if err != nil {
		return nil, fmt.Errorf("%s: extends: %w", p.File, err)
	}
	rules := maps.Clone(base.Rules)
	for id, s := range p.Rules {
		b := rules[id]
		if s.Enabled != nil {
			b.Enabled = s.Enabled
		}
		if s.Severity != nil {
			b.Severity = s.Severity
		}
		rules[id] = b
	}
	p.Rules = rules
	return p, nil
}

// Severity is what the profile makes of a rule: its severity, and whether
// it runs at all.
func (p *Profile) Severity(r engine.Rule) (engine.Severity, bool) {
	s := p.Rules[r.ID]
	if s.Enabled != nil && !*s.Enabled {
		return r.Severity, false
	}
	if s.Severity != nil {
		return *s.Severity, true
	}
	return r.Severity, true
}

// Overrides are a repository's choices on top of the profile, from
// .rungate.yaml.
type Overrides struct {
	// Source names where they come from, for errors ("config .rungate.yaml").
	Source string
	// Enable, when not empty, is the only rules that run: it may turn on a
	// rule the profile disables.
	Enable []string
	// Disable are rules that do not run, whatever else says.
	Disable []string
	// Severity replaces the profile's severity of a rule.
	Severity map[string]engine.Severity
}

// Chooser returns the engine's Options.Choose for profile p (nil is the
// default profile) with overrides o on top. Every rule id either names must
// be loaded; otherwise the error, an *Error, names the nearest id.
func Chooser(p *Profile, o Overrides) func(all []engine.Rule) ([]engine.Rule, error) {
	return func(all []engine.Rule) ([]engine.Rule, error) {
		if p == nil {
			var err error
			if p, err = Builtin(Default); err != nil {
				return nil, &Error{Err: err}
			}
		}
		ids := make([]string, len(all))
		for i, r := range all {
			ids[i] = r.ID
		}
		var errs []error
		unknown := func(where, id string) {
			msg := fmt.Sprintf("%s: unknown rule %q", where, id)
			if n := Nearest(id, ids); n != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", n)
			}
			errs = append(errs, errors.New(msg))
		}
		for _, id := range slices.Sorted(maps.Keys(p.Rules)) {
			if !slices.Contains(ids, id) {
				unknown("profile "+p.Name+" ("+p.File+")", id)
			}
		}
		src := o.Source
		if src == "" {
			src = "overrides"
		}
		for key, list := range map[string][]string{"enable": o.Enable, "disable": o.Disable} {
			for _, id := range list {
				if !slices.Contains(ids, id) {
					unknown(src+": "+key, id)
				}
			}
		}
		for _, id := range slices.Sorted(maps.Keys(o.Severity)) {
			if !slices.Contains(ids, id) {
				unknown(src+": severity", id)
			}
		}
		if len(errs) > 0 {
			slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
			return nil, &Error{Err: errors.Join(errs...)}
		}
		var out []engine.Rule
		for _, r := range all {
			sev, on := p.Severity(r)
			if len(o.Enable) > 0 {
				on = slices.Contains(o.Enable, r.ID)
			}
			if !on || slices.Contains(o.Disable, r.ID) {
				continue
			}
			if s, ok := o.Severity[r.ID]; ok {
				sev = s
			}
			r.Severity = sev
			out = append(out, r)
		}
		if len(out) == 0 {
			return nil, &Error{Err: fmt.Errorf("profile %s and %s leave no rule to run", p.Name, src)}
		}
		return out, nil
	}
}

// Nearest returns the id in ids closest to id by edit distance, or "" when
// none is close enough to be a plausible typo.
func Nearest(id string, ids []string) string {
	best, bestD := "", len(id)/3+2
	for _, c := range ids {
		if d := distance(id, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		// A fragment of an id ("socket") is a plausible query too.
		for _, c := range ids {
			if strings.Contains(c, id) {
				return c
			}
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
