package lint

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is a set of accepted findings: those present when it was
// written. A finding is matched by file, rule and a fingerprint of the
// text of the line it points at, never by line number, so that edits
// elsewhere in the file do not bring it back.
type Baseline struct {
	Version int             `json:"version"`
	Entries []BaselineEntry `json:"entries"`
}

// BaselineEntry is one accepted finding. Two identical findings (the same
// command twice in a file) are two identical entries.
type BaselineEntry struct {
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
}

// BaselineOptions say how findings are keyed.
type BaselineOptions struct {
	// Root is the directory file paths are written relative to (the
	// working directory), so a baseline is portable between checkouts.
	Root string
	// Source returns the text of a linted file, by the name findings use.
	Source func(name string) ([]byte, bool)
}

// NewBaseline records findings.
func NewBaseline(findings []engine.Finding, opts BaselineOptions) Baseline {
	b := Baseline{Version: BaselineVersion, Entries: []BaselineEntry{}}
	for _, f := range findings {
		b.Entries = append(b.Entries, opts.entry(f))
	}
	slices.SortFunc(b.Entries, func(x, y BaselineEntry) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	return b
}

// Marshal writes the baseline as indented JSON.
func (b Baseline) Marshal() ([]byte, error) {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal baseline: %w", err)
	}
	return append(out, '\n'), nil
}

// ParseBaseline reads a baseline file.
func ParseBaseline(name string, data []byte) (Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return b, fmt.Errorf("parse baseline %s: %w", name, err)
	}
	if b.Version != BaselineVersion {
		return b, fmt.Errorf("parse baseline %s: version %d, want %d", name, b.Version, BaselineVersion)
	}
	return b, nil
}

// Apply moves the findings the baseline lists from res.Findings to
// res.Suppressed (kind "baseline"). Entries that matched nothing, in files
// that were linted (inputs lists them), are stale: they are reported as
// warnings on the baseline file, so it can be pruned. Entries for files
// not linted this run (a pre-commit run on a few files) are left alone.
func (b Baseline) Apply(res *Result, name string, inputs []string, opts BaselineOptions) {
	left := map[BaselineEntry]int{}
	for _, e := range b.Entries {
		left[e]++
	}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		e := opts.entry(f)
		if left[e] > 0 {
			left[e]--
			res.Suppressed = append(res.Suppressed, Suppressed{Finding: f, Kind: "baseline", Reason: "accepted in baseline " + name, Pos: runspec.Pos{File: name}})
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	linted := map[string]bool{}
	for _, in := range inputs {
		linted[opts.rel(in)] = true
	}
	for _, e := range b.Entries {
		if left[e] > 0 && linted[e.File] {
			left[e]--
			res.Warnings = append(res.Warnings, FileError{File: name, Message: fmt.Sprintf("stale baseline entry: %s in %s (fingerprint %s) matched nothing", e.Rule, e.File, e.Fingerprint)})
		}
	}
}

// entry keys a finding.
func (o BaselineOptions) entry(f engine.Finding) BaselineEntry {
	return BaselineEntry{File: o.rel(f.Pos.File), Rule: f.Rule, Fingerprint: o.fingerprint(f)}
}

// rel writes a path relative to Root, with forward slashes.
func (o BaselineOptions) rel(p string) string {
	if o.Root != "" && filepath.IsAbs(p) {
		if r, err := filepath.Rel(o.Root, p); err == nil && !strings.HasPrefix(r, "..") {
			p = r
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// fingerprint hashes the rule and the flagged line's text with its spacing
// collapsed. Not the message: it may quote absolute host paths, which
// differ between checkouts. Not the line number: it moves with every edit
// above.
func (o BaselineOptions) fingerprint(f engine.Finding) string {
	var text string
	if o.Source != nil {
		if src, ok := o.Source(f.Pos.File); ok {
			text = lineText(src, f.Pos.Line)
		}
	}
	sum := sha256.Sum256([]byte(f.Rule + "\n" + text))
	return hex.EncodeToString(sum[:8])
}

// lineText returns line n (1-based) of src with runs of blanks collapsed,
// or "" when there is no such line.
func lineText(src []byte, n int) string {
	if n < 1 {
		return ""
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.Join(strings.Fields(string(src)), " ")
}
