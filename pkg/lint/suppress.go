package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/runspec"
	"github.com/rungate/rungate/pkg/suppress"
)

// InlineOptions say how rungate:ignore comments are honoured.
type InlineOptions struct {
	// RequireReason makes a comment without a "-- reason" an error in the
	// result that suppresses nothing: an admission gate wants every
	// exception justified where it is written.
	RequireReason bool
	// Known holds the ids of the loaded rules; a comment naming another id
	// is warned about, since a typo would otherwise suppress nothing
	// silently. Nil skips the check.
	Known map[string]bool
	// Off holds the ids of loaded rules that do not run (the profile or
	// the configuration disables them): a comment naming one is neither
	// unknown nor unused, since the rule may be turned back on.
	Off map[string]bool
	// UnusedAsError reports unused comments and unknown rule ids as errors
	// instead of warnings, so a stale exception fails a strict pipeline.
	UnusedAsError bool
}

// Inline moves the findings that rungate:ignore comments cover from
// res.Findings to res.Suppressed. sources holds the text of every file
// linted, by the name findings use; read, when not nil, fetches other
// files findings point into (an extends file of a compose service). Comments
// that cannot be read, name unknown rules or cover no finding become
// warnings; unused ones are only reported for the files in sources.
func Inline(res *Result, sources map[string][]byte, read func(string) ([]byte, error), opts InlineOptions) {
	type fileDirectives struct {
		list []suppress.Directive
		used []bool
	}
	byFile := map[string]*fileDirectives{}
	load := func(name string, warn bool) *fileDirectives {
		if fd, ok := byFile[name]; ok {
			return fd
		}
		src, ok := sources[name]
		if !ok && read != nil {
			if b, err := read(name); err == nil {
				src, ok = b, true
			}
		}
		fd := &fileDirectives{}
		byFile[name] = fd
		if !ok {
			return fd
		}
		list, problems := suppress.Parse(name, src)
		if warn {
			for _, p := range problems {
				res.Warnings = append(res.Warnings, FileError{File: name, Line: p.Line, Column: p.Column, Message: p.Message})
			}
		}
		for _, d := range list {
			if opts.RequireReason && d.Reason == "" {
				if warn {
					res.Errors = append(res.Errors, FileError{File: name, Line: d.Line, Column: d.Column,
						Message: fmt.Sprintf("suppression of %s has no reason (--require-reason): write rungate:ignore RULE -- reason", strings.Join(d.Rules, ","))})
				}
				continue
			}
			fd.list = append(fd.list, d)
		}
		fd.used = make([]bool, len(fd.list))
		return fd
	}
	for _, name := range sortedKeys(sources) {
		load(name, true)
	}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		fd := load(f.Pos.File, false)
		if i := covering(fd.list, f); i >= 0 {
			fd.used[i] = true
			d := fd.list[i]
			res.Suppressed = append(res.Suppressed, Suppressed{Finding: f, Kind: "inline", Reason: d.Reason,
				Pos: runspec.Pos{File: f.Pos.File, Line: d.Line, Column: d.Column}})
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	unused := &res.Warnings
	if opts.UnusedAsError {
		unused = &res.Errors
	}
	for _, name := range sortedKeys(sources) {
		fd := byFile[name]
		for i, d := range fd.list {
			for _, r := range d.Rules {
				switch {
				case opts.Known != nil && !opts.Known[r]:
					*unused = append(*unused, FileError{File: name, Line: d.Line, Column: d.Column, Message: "suppression names unknown rule " + r})
				case opts.Off[r]:
				case !fd.used[i] || !usedRule(res.Suppressed, name, d, r):
					*unused = append(*unused, FileError{File: name, Line: d.Line, Column: d.Column, Message: "unused suppression for " + r})
				}
			}
		}
	}
}

// covering returns the index of the first directive covering f, or -1.
func covering(list []suppress.Directive, f engine.Finding) int {
	for i, d := range list {
		if d.Covers(f.Pos.Line) && slices.Contains(d.Rules, f.Rule) {
			return i
		}
	}
	return -1
}

// usedRule reports whether directive d suppressed a finding of rule r, so
// that `ignore a,b` where only a matched still warns about b.
func usedRule(sup []Suppressed, file string, d suppress.Directive, r string) bool {
	for _, s := range sup {
		if s.Kind == "inline" && s.Pos.File == file && s.Pos.Line == d.Line && s.Pos.Column == d.Column && s.Finding.Rule == r {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
