package profile_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/profile"
	"github.com/rungate/rungate/policy"
	"github.com/rungate/rungate/rules"
)

// catalogue is the built-in rules and a user's --policy rule.
func catalogue(t *testing.T) []engine.Rule {
	t.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	return append(eng.Catalogue(), engine.Rule{ID: "team-rule", Severity: engine.Low})
}

// watched are the rules the table looks at.
var watched = []string{"host-root-mount", "log-json-unbounded", "readonly-rootfs-missing", "team-rule"}

// files serves profile files to Load.
func files(m map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := m[name]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
}

func TestChooser(t *testing.T) {
	custom := map[string]string{
		"mine.yaml": "name: mine\nextends: restricted\nrules:\n  log-json-unbounded: {enabled: false}\n  team-rule: {severity: critical}\n",
		"off.yaml":  "rules:\n  readonly-rootfs-missing: {enabled: false}\n",
		"typo.yaml": "rules:\n  readonly-rootfs-mising: {severity: high}\n",
		"key.yaml":  "name: key\nrulez: {}\n",
		"sev.yaml":  "rules:\n  team-rule: {severity: urgent}\n",
		"ext.yaml":  "extends: other.yaml\n",
		"ext2.yaml": "extends: baseline\n",
	}
	tests := []struct {
		name      string
		profile   string
		overrides profile.Overrides
		want      []string // id:severity of the rules that run
		wantErr   string
	}{
		{name: "no profile is default", want: []string{"host-root-mount:critical", "log-json-unbounded:medium", "readonly-rootfs-missing:medium", "team-rule:low"}},
		{name: "default", profile: "default", want: []string{"host-root-mount:critical", "log-json-unbounded:medium", "readonly-rootfs-missing:medium", "team-rule:low"}},
		{name: "restricted raises hardening", profile: "restricted", want: []string{"host-root-mount:critical", "log-json-unbounded:high", "readonly-rootfs-missing:high", "team-rule:low"}},
		{name: "custom extends restricted", profile: "mine.yaml", want: []string{"host-root-mount:critical", "readonly-rootfs-missing:high", "team-rule:critical"}},
		{name: "custom without extends", profile: "off.yaml", want: []string{"host-root-mount:critical", "log-json-unbounded:medium", "team-rule:low"}},
		{
			name: "config severity over profile", profile: "restricted",
			overrides: profile.Overrides{Severity: map[string]engine.Severity{"readonly-rootfs-missing": engine.Low}},
			want:      []string{"host-root-mount:critical", "log-json-unbounded:high", "readonly-rootfs-missing:low", "team-rule:low"},
		},
		{
			name: "config enable is the only rules, even profile-disabled ones", profile: "off.yaml",
			overrides: profile.Overrides{Enable: []string{"readonly-rootfs-missing", "team-rule"}},
			want:      []string{"readonly-rootfs-missing:medium", "team-rule:low"},
		},
		{
			name: "config disable wins", profile: "default",
			overrides: profile.Overrides{Enable: []string{"team-rule", "host-root-mount"}, Disable: []string{"team-rule"}},
			want:      []string{"host-root-mount:critical"},
		},
		{
			name: "nothing left", overrides: profile.Overrides{Source: "config x", Enable: []string{"team-rule"}, Disable: []string{"team-rule"}},
			wantErr: "leave no rule to run",
		},
		{name: "unknown rule in profile", profile: "typo.yaml", wantErr: `profile typo (typo.yaml): unknown rule "readonly-rootfs-mising" (did you mean readonly-rootfs-missing?)`},
		{
			name: "unknown rule in config", overrides: profile.Overrides{Source: "config .rungate.yaml", Disable: []string{"host-rot-mount"}},
			wantErr: `config .rungate.yaml: disable: unknown rule "host-rot-mount" (did you mean host-root-mount?)`,
		},
		{name: "unknown key", profile: "key.yaml", wantErr: `parse profile key.yaml:2: unknown key "rulez"`},
		{name: "unknown severity", profile: "sev.yaml", wantErr: `unknown severity "urgent"`},
		{name: "unknown built-in", profile: "strict", wantErr: `unknown profile "strict" (built-in: default, restricted`},
		{name: "missing file", profile: "nope.yaml", wantErr: "read profile"},
		{name: "extends a file", profile: "ext.yaml", wantErr: "a profile extends a built-in profile"},
		{name: "extends an unknown profile", profile: "ext2.yaml", wantErr: `extends: unknown profile "baseline"`},
	}
	all := catalogue(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := choose(all, tc.profile, tc.overrides, files(custom))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func choose(all []engine.Rule, name string, o profile.Overrides, read func(string) ([]byte, error)) ([]string, error) {
	var p *profile.Profile
	if name != "" {
		var err error
		if p, err = profile.Load(name, read); err != nil {
			return nil, err
		}
	}
	rules, err := profile.Chooser(p, o)(slices.Clone(all))
	if err != nil {
		var pe *profile.Error
		if !errors.As(err, &pe) {
			return nil, errors.New("error is not a *profile.Error: " + err.Error())
		}
		return nil, err
	}
	var out []string
	for _, r := range rules {
		if slices.Contains(watched, r.ID) {
			out = append(out, r.ID+":"+r.Severity.String())
		}
	}
	return out, nil
}

// TestBuiltinProfiles: every built-in profile loads against the built-in
// rules, and restricted decides each one explicitly, so a new rule cannot
// slip into it unexamined.
func TestBuiltinProfiles(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Policies: []fs.FS{rules.FS}, Data: []fs.FS{policy.FS}})
	if err != nil {
		t.Fatal(err)
	}
	all := eng.Catalogue()
	if names := profile.Names(); !slices.Equal(names, []string{"default", "restricted"}) {
		t.Errorf("built-in profiles %v", names)
	}
	for _, name := range profile.Names() {
		p, err := profile.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(p.Description) == "" {
			t.Errorf("%s: no description", name)
		}
		if _, err := profile.Chooser(p, profile.Overrides{})(all); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	r, _ := profile.Builtin("restricted")
	for _, rule := range all {
		if _, ok := r.Rules[rule.ID]; !ok {
			t.Errorf("policy/profiles/restricted.yaml does not list %s: add `%s: {}` (its own severity, %s) or `{severity: ...}`", rule.ID, rule.ID, rule.Severity)
		}
		sev, on := r.Severity(rule)
		if !on || sev < rule.Severity {
			t.Errorf("restricted makes %s %v (on: %v), below its default %s: restricted is never weaker", rule.ID, sev, on, rule.Severity)
		}
	}
}

func TestNearest(t *testing.T) {
	ids := []string{"host-root-mount", "host-pid", "host-ipc", "privileged", "runtime-socket-mount"}
	for _, tc := range []struct{ in, want string }{
		{"host-rot-mount", "host-root-mount"},
		{"priviledged", "privileged"},
		{"host-pd", "host-pid"},
		{"socket", "runtime-socket-mount"},
		{"completely-unrelated-words", ""},
	} {
		if got := profile.Nearest(tc.in, ids); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
