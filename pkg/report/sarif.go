package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/rungate/rungate/pkg/engine"
	"github.com/rungate/rungate/pkg/lint"
)

// SARIF writes SARIF 2.1.0 in the shape GitHub code scanning reads: one
// run, every rule that ran described with help and a numeric
// security-severity, repository-relative URIs, and a fingerprint that
// survives lines moving.
type SARIF struct{}

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	toolURI      = "https://github.com/rungate/rungate"
	// srcRoot is the base id repository-relative URIs hang from; code
	// scanning resolves it to the checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names our own fingerprint. GitHub computes
	// primaryLocationLineHash itself from the line's text and warns when
	// a tool's value differs, so ours lives under its own versioned key.
	fingerprintKey = "rungateFinding/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	AutomationDetails  *sarifAutomation            `json:"automationDetails,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name,omitempty"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      sarifText           `json:"fullDescription"`
	Help                 sarifHelp           `json:"help"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
	ProblemSeverity  string   `json:"problem.severity"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Justification string         `json:"justification,omitempty"`
	Location      *sarifLocation `json:"location,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	WorkingDirectory           *sarifArtifactLoc   `json:"workingDirectory,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// Write implements Reporter.
func (SARIF) Write(w io.Writer, r Report) error {
	rules, index := sarifRules(r)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "rungate",
			Version:         r.Version,
			SemanticVersion: semanticVersion(r.Version),
			InformationURI:  toolURI,
			Rules:           rules,
		}},
		Invocations: []sarifInvocation{r.sarifInvocation()},
		Results:     r.sarifResults(index),
	}
	if r.Category != "" {
		// A trailing slash makes the id a category alone: GitHub adds the
		// run id itself.
		run.AutomationDetails = &sarifAutomation{ID: strings.TrimSuffix(r.Category, "/") + "/"}
	}
	if r.Root != "" {
		// A directory URI must end in a slash for relative URIs to resolve
		// under it rather than beside it.
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: strings.TrimSuffix(fileURI(r.Root), "/") + "/"}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	return nil
}

// sarifRules describes every rule that ran, and any rule a finding names
// that the list lacks, so that every result's ruleIndex points somewhere.
func sarifRules(r Report) ([]sarifRule, map[string]int) {
	rules := append([]engine.Rule(nil), r.Rules...)
	known := map[string]bool{}
	for _, rule := range rules {
		known[rule.ID] = true
	}
	for _, f := range allFindings(r.Result) {
		if !known[f.Rule] {
			known[f.Rule] = true
			rules = append(rules, engine.Rule{ID: f.Rule, Title: f.Title, Severity: f.Severity, Remediation: f.Remediation})
		}
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	out := make([]sarifRule, 0, len(rules))
	index := make(map[string]int, len(rules))
	for i, rule := range rules {
		index[rule.ID] = i
		out = append(out, sarifRuleOf(rule))
	}
	return out, index
}

func sarifRuleOf(rule engine.Rule) sarifRule {
	title := orText(rule.Title, rule.ID)
	desc := orText(rule.Description, title)
	help := desc
	if rule.Remediation != "" {
		help = desc + "\n\nRemediation: " + rule.Remediation
	}
	var md strings.Builder
	fmt.Fprintf(&md, "**%s**\n\n%s\n", title, desc)
	if rule.Remediation != "" {
		fmt.Fprintf(&md, "\n**Remediation:** %s\n", rule.Remediation)
	}
	if len(rule.References) > 0 {
		fmt.Fprintf(&md, "\n**References:** %s\n", strings.Join(rule.References, "; "))
	}
	for i, l := range rule.Links {
		if i == 0 {
			md.WriteString("\n")
		}
		fmt.Fprintf(&md, "- [%s](%s)\n", orText(l.Description, l.URL), l.URL)
	}
	out := sarifRule{
		ID:                   rule.ID,
		Name:                 ruleName(rule.ID),
		ShortDescription:     sarifText{Text: limit(title, 1024)},
		FullDescription:      sarifText{Text: limit(desc, 1024)},
		Help:                 sarifHelp{Text: help, Markdown: md.String()},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(rule.Severity)},
		Properties: sarifRuleProperties{
			Tags:             []string{"security", "docker"},
			SecuritySeverity: securitySeverity(rule.Severity),
			// Rules judge parsed flags and mounts, not text patterns, so a
			// finding is rarely a false positive.
			Precision:       "high",
			ProblemSeverity: problemSeverity(rule.Severity),
		},
	}
	if len(rule.Links) > 0 {
		out.HelpURI = rule.Links[0].URL
	}
	return out
}

// ruleName is the rule id in PascalCase, as SARIF suggests for names.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// securitySeverity is the numeric string GitHub buckets into its own
// critical (>9.0), high (7.0-8.9), medium (4.0-6.9) and low levels. It is
// never empty: a missing value rejects the whole upload.
func securitySeverity(s engine.Severity) string {
	switch s {
	case engine.Critical:
		return "9.5"
	case engine.High:
		return "8.0"
	case engine.Medium:
		return "5.5"
	case engine.Low:
		return "3.0"
	default:
		return "1.0"
	}
}

// sarifLevel maps a severity to a result level: error for what should
// block a merge, warning for what deserves a look, note for the rest.
func sarifLevel(s engine.Severity) string {
	switch {
	case s.AtLeast(engine.High):
		return "error"
	case s == engine.Medium:
		return "warning"
	default:
		return "note"
	}
}

// problemSeverity is the non-security severity GitHub also shows.
func problemSeverity(s engine.Severity) string {
	switch sarifLevel(s) {
	case "error":
		return "error"
	case "warning":
		return "warning"
	default:
		return "recommendation"
	}
}

// sarifResults lists findings and suppressed findings in position order;
// suppressed ones carry a suppression so they show as reviewed.
func (r Report) sarifResults(index map[string]int) []sarifResult {
	type item struct {
		f   engine.Finding
		sup *lint.Suppressed
	}
	items := make([]item, 0, len(r.Result.Findings)+len(r.Result.Suppressed))
	for _, f := range r.Result.Findings {
		items = append(items, item{f: f})
	}
	for i := range r.Result.Suppressed {
		items = append(items, item{f: r.Result.Suppressed[i].Finding, sup: &r.Result.Suppressed[i]})
	}
	sort.SliceStable(items, func(i, j int) bool { return findingLess(items[i].f, items[j].f) })

	out := make([]sarifResult, 0, len(items))
	// seen counts identical fingerprints per file, so two identical
	// commands in one script stay two alerts, told apart by order.
	seen := map[string]int{}
	for _, it := range items {
		f := it.f
		uri := r.fingerprintPath(f.Pos.File)
		base := fingerprint(f.Rule, uri, f.Message)
		seen[base]++
		res := sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           index[f.Rule],
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{Text: orText(f.Message, orText(f.Title, f.Rule))},
			PartialFingerprints: map[string]string{fingerprintKey: fmt.Sprintf("%s:%d", base, seen[base])},
		}
		if loc, ok := r.sarifLocation(f.Pos.File, f.Pos.Line, f.Pos.Column); ok {
			res.Locations = []sarifLocation{loc}
		}
		if it.sup != nil {
			s := sarifSuppression{Kind: suppressionKind(it.sup.Kind), Justification: it.sup.Reason}
			if loc, ok := r.sarifLocation(it.sup.Pos.File, it.sup.Pos.Line, it.sup.Pos.Column); ok {
				s.Location = &loc
			}
			res.Suppressions = []sarifSuppression{s}
		}
		out = append(out, res)
	}
	return out
}

// suppressionKind: a comment in the file is "inSource"; a baseline, kept
// outside the file, is "external".
func suppressionKind(kind string) string {
	if kind == "inline" {
		return "inSource"
	}
	return "external"
}

// fingerprintPath is the file as it names the finding across runs and
// machines: repository-relative where possible.
func (r Report) fingerprintPath(name string) string {
	if !isFile(name) {
		return name
	}
	p, _ := r.relPath(name)
	return p
}

// fingerprint hashes what the finding is about (rule, file and message,
// which quotes the offending value) and not where it sits, so inserting a
// line above it does not make it a new alert.
func fingerprint(rule, file, message string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + file + "\x00" + message))
	return hex.EncodeToString(sum[:16])
}

// sarifLocation points at a file, and at its line and column when known.
// Standard input and -c have no file, so no location.
func (r Report) sarifLocation(name string, line, col int) (sarifLocation, bool) {
	if !isFile(name) {
		return sarifLocation{}, false
	}
	art := sarifArtifactLoc{}
	if p, under := r.relPath(name); under {
		art.URI, art.URIBaseID = relURI(p), srcRoot
	} else {
		art.URI = fileURI(p)
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: art}}
	if line > 0 {
		reg := &sarifRegion{StartLine: line}
		if col > 0 {
			reg.StartColumn = col
		}
		loc.PhysicalLocation.Region = reg
	}
	return loc, true
}

// sarifInvocation says whether every input could be checked; inputs that
// could not are notifications at their position, and warnings follow.
func (r Report) sarifInvocation() sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(r.Result.Errors) == 0}
	if r.WorkDir != "" {
		inv.WorkingDirectory = &sarifArtifactLoc{URI: strings.TrimSuffix(fileURI(r.WorkDir), "/") + "/"}
	}
	add := func(level string, e lint.FileError) {
		n := sarifNotification{Level: level, Message: sarifText{Text: orText(e.Message, level)}}
		if loc, ok := r.sarifLocation(e.File, e.Line, e.Column); ok {
			n.Locations = []sarifLocation{loc}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	for _, e := range r.Result.Errors {
		add("error", e)
	}
	for _, e := range r.Result.Warnings {
		add("warning", e)
	}
	return inv
}

// semanticVersion is the version without a leading v when it is a
// semantic version; anything else (a dev build) is left out rather than
// tying alerts to a meaningless string.
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	parts := strings.SplitN(strings.SplitN(strings.SplitN(v, "-", 2)[0], "+", 2)[0], ".", 3)
	if len(parts) != 3 {
		return ""
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	return v
}

func orText(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// limit cuts s to n bytes at a rune boundary: GitHub rejects longer
// descriptions.
func limit(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("...")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// allFindings is every finding, shown or suppressed.
func allFindings(res lint.Result) []engine.Finding {
	out := append([]engine.Finding(nil), res.Findings...)
	for _, s := range res.Suppressed {
		out = append(out, s.Finding)
	}
	return out
}

// findingLess orders findings as every report does.
func findingLess(a, b engine.Finding) bool { return engine.CompareFindings(a, b) < 0 }
