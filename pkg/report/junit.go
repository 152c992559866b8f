package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/rungate/rungate/pkg/lint"
)

// JUnit writes JUnit XML, which most CI systems show as test results: one
// testsuite per file, one testcase per finding (a <failure>), per input
// error (an <error>) and per suppressed finding (<skipped>, with the
// reason). A clean run is one passing testcase, so the report is never
// mistaken for a run that did not happen.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// Write implements Reporter.
func (JUnit) Write(w io.Writer, r Report) error {
	var order []string
	suites := map[string]*junitSuite{}
	suite := func(file string) *junitSuite {
		if file == "" {
			file = "-"
		}
		s, ok := suites[file]
		if !ok {
			s = &junitSuite{Name: file}
			suites[file] = s
			order = append(order, file)
		}
		return s
	}
	for _, e := range r.Result.Errors {
		s := suite(e.File)
		s.Errors++
		s.Cases = append(s.Cases, junitCase{
			Name: "input error " + location(e.File, e.Line, e.Column), ClassName: s.Name, File: fileAttr(e), Line: e.Line,
			Error: &junitProblem{Message: e.Message, Type: "input", Text: e.Error()},
		})
	}
	for _, f := range r.Result.Findings {
		s := suite(f.Pos.File)
		s.Failures++
		text := location(f.Pos.File, f.Pos.Line, f.Pos.Column) + ": " + f.Message
		if f.Remediation != "" {
			text += "\nFix: " + f.Remediation
		}
		s.Cases = append(s.Cases, junitCase{
			Name: f.Rule + " " + location(f.Pos.File, f.Pos.Line, f.Pos.Column), ClassName: s.Name,
			File: fileAttr(lint.FileError{File: f.Pos.File}), Line: f.Pos.Line,
			Failure: &junitProblem{Message: orText(f.Message, f.Rule), Type: f.Severity.String(), Text: text},
		})
	}
	for _, sup := range r.Result.Suppressed {
		f := sup.Finding
		s := suite(f.Pos.File)
		s.Skipped++
		s.Cases = append(s.Cases, junitCase{
			Name: f.Rule + " " + location(f.Pos.File, f.Pos.Line, f.Pos.Column), ClassName: s.Name,
			File: fileAttr(lint.FileError{File: f.Pos.File}), Line: f.Pos.Line,
			Skipped: &junitSkipped{Message: "suppressed (" + sup.Kind + "): " + sup.Reason},
		})
	}
	out := junitSuites{Name: "rungate"}
	if len(order) == 0 {
		out.Suites = []junitSuite{{Name: "rungate", Cases: []junitCase{{Name: "no findings", ClassName: "rungate"}}}}
	}
	for _, name := range order {
		s := suites[name]
		s.Tests = len(s.Cases)
		out.Suites = append(out.Suites, *s)
	}
	for _, s := range out.Suites {
		out.Tests += len(s.Cases)
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Skipped += s.Skipped
	}
	for i := range out.Suites {
		out.Suites[i].Tests = len(out.Suites[i].Cases)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	return nil
}

// fileAttr is the file attribute, left out for standard input and -c.
func fileAttr(e lint.FileError) string {
	if !isFile(e.File) {
		return ""
	}
	return e.File
}
