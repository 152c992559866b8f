package engine

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"
)

// Rule is one rule's metadata, read from the `# METADATA` block above its
// package clause.
type Rule struct {
	// ID is the rule's stable kebab-case name; the file is <id>.rego and the
	// package rungate.rules.<id with underscores>.
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Severity    Severity `json:"severity"`
	Description string   `json:"description"`
	// Remediation says how to fix a finding, as one or more sentences.
	Remediation string `json:"remediation"`
	// References are benchmark ids, such as "CIS Docker Benchmark v1.6.0 5.6".
	References []string `json:"references,omitempty"`
	// Links are related_resources: documentation about the risk.
	Links []Link `json:"links,omitempty"`
	// Examples are a risky and a safe way to write the same container, for
	// `rungate rules ID` and the rule's reference page.
	Examples Examples `json:"examples"`
	// File is the rule's file, as loaded.
	File string `json:"file"`
	// fixed is set when a profile or the configuration chose Severity:
	// it then replaces the severity a result carries.
	fixed bool
}

// SeverityChosen reports whether a profile or the configuration gave the
// rule a severity other than its metadata's, rather than leaving the
// metadata's.
func (r Rule) SeverityChosen() bool { return r.fixed }

// Link is a URL with what it documents.
type Link struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Examples are inputs that show a rule: Bad makes it fire, Good is the same
// container fixed. Each is a `docker run` line or a compose service in YAML.
type Examples struct {
	Bad  string `json:"bad,omitempty" yaml:"bad"`
	Good string `json:"good,omitempty" yaml:"good"`
}

// rulesPackage is the package every rule lives under.
var rulesPackage = ast.MustParseRef("data.rungate.rules")

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// metadata is the one accepted shape of a rule's METADATA block. Decoding is
// strict: a misspelt or unknown key is an error, not silently ignored, so a
// rule never loses its severity to a typo.
type metadata struct {
	Scope            string `yaml:"scope"`
	Title            string `yaml:"title"`
	Description      string `yaml:"description"`
	RelatedResources []struct {
		Ref         string `yaml:"ref"`
		Description string `yaml:"description"`
	} `yaml:"related_resources"`
	Schemas []map[string]any `yaml:"schemas"`
	Custom  struct {
		ID          string   `yaml:"id"`
		Severity    string   `yaml:"severity"`
		Remediation string   `yaml:"remediation"`
		References  []string `yaml:"references"`
		Examples    Examples `yaml:"examples"`
	} `yaml:"custom"`
}

// isRuleModule reports whether m declares a rule: a package under
// rungate.rules. Other packages are helper libraries.
func isRuleModule(m *ast.Module) bool {
	return m.Package.Path.HasPrefix(rulesPackage)
}

// ruleFromModule reads and checks the metadata of a rule module.
func ruleFromModule(file string, m *ast.Module) (Rule, error) {
	pkg := m.Package.Path
	if len(pkg) != len(rulesPackage)+1 {
		return Rule{}, fmt.Errorf("%s: package %s: a rule's package is rungate.rules.<id>", file, pkgName(pkg))
	}
	a := packageAnnotation(m)
	if a == nil {
		return Rule{}, fmt.Errorf("%s: package %s has no package-scope # METADATA block", file, pkgName(pkg))
	}
	var md metadata
	dec := yaml.NewDecoder(bytes.NewReader(metadataText(m, a)))
	dec.KnownFields(true)
	if err := dec.Decode(&md); err != nil {
		return Rule{}, metadataError(file, a.Location.Row, err)
	}
	r := Rule{
		ID:          md.Custom.ID,
		Title:       strings.TrimSpace(md.Title),
		Description: strings.TrimSpace(md.Description),
		Remediation: strings.TrimSpace(md.Custom.Remediation),
		References:  md.Custom.References,
		Examples:    Examples{Bad: strings.TrimSpace(md.Custom.Examples.Bad), Good: strings.TrimSpace(md.Custom.Examples.Good)},
		File:        file,
	}
	for _, rr := range md.RelatedResources {
		r.Links = append(r.Links, Link{URL: rr.Ref, Description: rr.Description})
	}
	if err := r.check(md, file, pkg); err != nil {
		return Rule{}, fmt.Errorf("%s:%d: METADATA: %w", file, a.Location.Row, err)
	}
	sev, err := ParseSeverity(md.Custom.Severity)
	if err != nil {
		return Rule{}, fmt.Errorf("%s:%d: METADATA: custom.severity: %w", file, a.Location.Row, err)
	}
	r.Severity = sev
	return r, nil
}

// check enforces the fields every rule must carry and the naming that lets
// anyone find a rule from its id.
func (r Rule) check(md metadata, file string, pkg ast.Ref) error {
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"title", r.Title}, {"description", r.Description}, {"custom.id", r.ID},
		{"custom.severity", md.Custom.Severity}, {"custom.remediation", r.Remediation},
	} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	if !kebab.MatchString(r.ID) {
		return fmt.Errorf("custom.id %q is not kebab-case", r.ID)
	}
	if base := strings.TrimSuffix(path.Base(file), ".rego"); base != r.ID {
		return fmt.Errorf("custom.id %q does not match the file name %s", r.ID, path.Base(file))
	}
	if last := pkgKey(pkg); last != strings.ReplaceAll(r.ID, "-", "_") {
		return fmt.Errorf("custom.id %q does not match package %s (want rungate.rules.%s)",
			r.ID, pkgName(pkg), strings.ReplaceAll(r.ID, "-", "_"))
	}
	for _, l := range r.Links {
		if l.URL == "" {
			return errors.New("related_resources: an entry has no ref")
		}
	}
	return nil
}

// yamlLine finds the line of each problem in a YAML decoding error.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// unknownField rewords the YAML decoder's complaint about an unknown key.
var unknownField = regexp.MustCompile(`^field (\S+) not found in type .*$`)

// metadataError places each problem of a METADATA decoding error on its own
// line of the file: the YAML's line n is the n-th line after `# METADATA`.
func metadataError(file string, row int, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s:%d: METADATA: %w", file, row, err)
	}
	msgs := make([]string, 0, len(te.Errors))
	for _, e := range te.Errors {
		line := row
		if m := yamlLine.FindStringSubmatch(e); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, e = row+n, m[2]
		}
		e = unknownField.ReplaceAllString(e, "unknown key $1")
		msgs = append(msgs, fmt.Sprintf("%s:%d: METADATA: %s", file, line, e))
	}
	return errors.New(strings.Join(msgs, "; "))
}

// packageAnnotation returns m's package-scope annotation, if any.
func packageAnnotation(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// metadataText returns the YAML of annotation a: the comment lines after
// `# METADATA`, each without its first space, as OPA reads them. OPA ignores
// keys it does not know; re-reading the text lets rungate reject them.
func metadataText(m *ast.Module, a *ast.Annotations) []byte {
	var buf bytes.Buffer
	first, last := a.Location.Row, a.EndLoc().Row
	for _, c := range m.Comments {
		if c.Location.File == a.Location.File && c.Location.Row > first && c.Location.Row <= last {
			buf.Write(bytes.TrimPrefix(c.Text, []byte(" ")))
			buf.WriteByte('\n')
		}
	}
	return buf.Bytes()
}

// pkgKey is the key of a rule package under data.rungate.rules.
func pkgKey(pkg ast.Ref) string {
	s, _ := pkg[len(pkg)-1].Value.(ast.String)
	return string(s)
}

// pkgName prints a package path without its data. prefix.
func pkgName(pkg ast.Ref) string {
	return strings.TrimPrefix(pkg.String(), "data.")
}
