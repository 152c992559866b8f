// Package report writes a lint result in the formats users and CI systems
// read. Each format is one Reporter in its own file, chosen from an explicit
// map; an unknown format is an error, never a fallback.
package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
)

// Report is everything a reporter may show.
type Report struct {
	Result lint.Result
	// FailOn is the severity at and above which findings fail the run.
	FailOn engine.Severity
	// Rules are the rules that ran, for formats that list them.
	Rules []engine.Rule
	// Version is rungate's version, for formats that name the tool.
	Version string
	// Root is the absolute directory (the repository root) that file
	// URIs are made relative to, so that code scanning can match them to
	// the checkout. Empty keeps file names as given.
	Root string
	// WorkDir is the absolute directory relative file names are relative
	// to. Empty means Root.
	WorkDir string
	// Category tells this SARIF upload from others of the same commit
	// (runs[].automationDetails.id); empty leaves it to the uploader.
	Category string
}

// Failed reports whether any finding is at or above the threshold.
func (r Report) Failed() bool {
	for _, f := range r.Result.Findings {
		if f.Severity.AtLeast(r.FailOn) {
			return true
		}
	}
	return false
}

// Reporter writes a report in one format.
type Reporter interface {
	Write(w io.Writer, r Report) error
}

// Options change how reporters render.
type Options struct {
	// Color enables ANSI colour in the text format.
	Color bool
}

// formats is every format, by the name given to --format.
func formats(o Options) map[string]Reporter {
	return map[string]Reporter{
		"text":   Text{Color: o.Color},
		"json":   JSON{},
		"sarif":  SARIF{},
		"github": GitHub{},
		"junit":  JUnit{},
	}
}

// New returns the reporter for a format name.
func New(format string, o Options) (Reporter, error) {
	r, ok := formats(o)[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return r, nil
}

// Formats lists the format names, sorted, for flag help.
func Formats() []string {
	var names []string
	for name := range formats(Options{}) {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// isFile reports whether a finding's file names a file on disk: standard
// input and a -c string have no file to point at.
func isFile(name string) bool {
	return name != "" && name != "-" && name != "-c"
}

// relPath is a file's path relative to r.Root with forward slashes, and
// whether it lies under the root. Outside the root it is the absolute
// path, still with forward slashes.
func (r Report) relPath(name string) (string, bool) {
	p := filepath.FromSlash(name)
	if !filepath.IsAbs(p) {
		wd := r.WorkDir
		if wd == "" {
			wd = r.Root
		}
		if wd == "" {
			return filepath.ToSlash(filepath.Clean(p)), !strings.HasPrefix(filepath.Clean(p), "..")
		}
		p = filepath.Join(wd, p)
	}
	if r.Root != "" {
		if rel, err := filepath.Rel(r.Root, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel), true
		}
	}
	return filepath.ToSlash(p), false
}

// fileURI makes an absolute path a file:// URI, escaping what a URI must.
func fileURI(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return u.String()
}

// relURI escapes a relative path for use as a URI reference.
func relURI(rel string) string {
	u := url.URL{Path: rel}
	return u.EscapedPath()
}
