package scan

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ghExpr matches a GitHub Actions expression, ${{ ... }}, which the
// runner replaces before the shell runs; the shell would reject it.
var ghExpr = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

// gitlabScriptKeys are the GitLab CI keys whose values are shell lines.
var gitlabScriptKeys = map[string]bool{"script": true, "before_script": true, "after_script": true}

// WorkflowCommands returns the commands of the run: steps of a GitHub
// Actions workflow (or composite action), with positions in the YAML file,
// block scalars included.
func WorkflowCommands(name string, src []byte, env Env) ([]Command, error) {
	return yamlScripts(name, src, env, func(key string) bool { return key == "run" })
}

// GitLabCommands returns the commands of the script, before_script and
// after_script lists of a GitLab CI file.
func GitLabCommands(name string, src []byte, env Env) ([]Command, error) {
	return yamlScripts(name, src, env, func(key string) bool { return gitlabScriptKeys[key] })
}

// yamlScripts reads every scalar (or list of scalars) under a mapping key
// that isScript accepts as shell source.
func yamlScripts(name string, src []byte, env Env, isScript func(string) bool) ([]Command, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("parse yaml %s: %w", name, err)
	}
	lines := strings.Split(string(src), "\n")
	var cmds []Command
	budget := maxScripts
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if isScript(k.Value) {
					for _, s := range scalars(v, &budget) {
						sn := scalarSnippet(s, lines)
						if sn.empty() {
							continue
						}
						if found, err := sn.commands(name, env, true); err == nil {
							cmds = append(cmds, found...)
						}
					}
					continue
				}
				walk(v)
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	return cmds, nil
}

// maxScripts bounds the script lines read from one file. Aliases can
// nest lists of aliases, so that a small file expands to an exponential
// number of lines (a "billion laughs"); real CI files are far below this.
const maxScripts = 10000

// scalars returns n when it is a string, or the strings of a list (GitLab
// lists may nest, via anchors), at most *budget of them.
func scalars(n *yaml.Node, budget *int) []*yaml.Node {
	if *budget <= 0 {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		*budget--
		return []*yaml.Node{n}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range n.Content {
			out = append(out, scalars(c, budget)...)
		}
		return out
	case yaml.AliasNode:
		if n.Alias != nil {
			return scalars(n.Alias, budget)
		}
	}
	return nil
}

// scalarSnippet maps a YAML scalar back to the file. A block scalar's
// node points at its | or > indicator: its content starts on the next
// line, indented. A folded (>) block is joined with blanks as YAML folds
// it, so that a command over several lines stays one command. A
// single-line plain or quoted scalar starts at the node (past the quote).
// Other multi-line flow scalars are laid out line by line from the node,
// which is exact for their first line.
func scalarSnippet(n *yaml.Node, lines []string) *snippet {
	var sn snippet
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		blockScalar(&sn, n, lines)
	default:
		col := n.Column
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			col++
		}
		for k, l := range strings.Split(n.Value, "\n") {
			if k > 0 {
				col = 1
				sn.newline(n.Line+k, 1)
			}
			ciLine(&sn, l, n.Line+k, col)
		}
	}
	return &sn
}

// blockScalar reads a block scalar's lines from the source.
func blockScalar(sn *snippet, n *yaml.Node, lines []string) {
	indent := -1
	folded := n.Style&yaml.FoldedStyle != 0
	prevJoined := false
	for i := n.Line; i < len(lines); i++ { // lines[n.Line] is the line after the indicator
		raw := strings.TrimSuffix(lines[i], "\r")
		t := strings.TrimLeft(raw, " ")
		if t == "" {
			sn.newline(i+1, 1)
			prevJoined = false
			continue
		}
		lead := len(raw) - len(t)
		if indent < 0 {
			if lead <= spaces(lines[n.Line-1]) {
				return
			}
			indent = lead
		}
		if lead < indent {
			return
		}
		text, col := raw[indent:], indent+1
		// A folded block joins lines of the same indentation with a blank.
		if folded && prevJoined && lead == indent {
			sn.text[len(sn.text)-1] = ' '
		}
		ciLine(sn, text, i+1, col)
		sn.newline(i+1, col+len(text))
		prevJoined = lead == indent
	}
}

// spaces is the indentation of a line: a block scalar's content must be
// indented more than the line holding its indicator.
func spaces(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// ciLine appends one line of a CI script with GitHub expressions replaced
// by an unresolved variable.
func ciLine(sn *snippet, text string, line, col int) {
	last := 0
	for _, m := range ghExpr.FindAllStringIndex(text, -1) {
		sn.add(text[last:m[0]], line, col+last)
		sn.addAt("${GITHUB_EXPR}", line, col+m[0])
		last = m[1]
	}
	sn.add(text[last:], line, col+last)
}

// topLevelKeys returns the keys of src's top-level mapping, nil when src
// is not a YAML mapping.
func topLevelKeys(src []byte) map[string]*yaml.Node {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		out[m.Content[i].Value] = m.Content[i+1]
	}
	return out
}

// mappingKeys returns the keys of a mapping node.
func mappingKeys(n *yaml.Node) map[string]bool {
	out := map[string]bool{}
	if n == nil || n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = true
	}
	return out
}

// isComposeServices reports whether n is a mapping of services with an
// image or a build.
func isComposeServices(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 1; i < len(n.Content); i += 2 {
		if k := mappingKeys(n.Content[i]); k["image"] || k["build"] {
			return true
		}
	}
	return false
}
