package compose

import (
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/template"
	"go.yaml.in/yaml/v3"
)

// yamlLine finds "line N" in a YAML parser message.
var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError keeps the line of a YAML syntax error.
func yamlError(name string, err error) FileError {
	fe := FileError{File: name, Message: "parse compose: " + err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		fe.Message = "parse compose: " + te.Errors[0]
	}
	var ae *aliasError
	if errors.As(err, &ae) {
		fe.Line, fe.Column = ae.node.Line, ae.node.Column
		return fe
	}
	if m := yamlLine.FindStringSubmatch(fe.Message); m != nil {
		fe.Line, _ = strconv.Atoi(m[1])
		fe.Column = 1
	}
	return fe
}

// servicePath finds "services.NAME.ATTR..." in a compose-go message.
var servicePath = regexp.MustCompile(`services\.([A-Za-z0-9._-]+)`)

// locate turns a compose-go error, which carries no position, into a
// FileError at the best place the message names: the variable of a
// failed interpolation, else the service attribute of a schema error, else
// the top of the file.
func locate(err error, file string, trees map[string]*tree) FileError {
	fe := FileError{File: file, Message: err.Error()}
	ordered := orderTrees(file, trees)
	var missing *template.MissingRequiredError
	if errors.As(err, &missing) {
		for _, t := range ordered {
			if n := findScalar(t.root, "${"+missing.Variable); n != nil {
				fe.File, fe.Line, fe.Column = t.name, n.Line, n.Column
				return fe
			}
		}
	}
	if m := servicePath.FindStringSubmatch(err.Error()); m != nil {
		parts := strings.Split(m[1], ".")
		for _, t := range ordered {
			if n := walkPath(t.root, append([]string{"services"}, parts...)); n != nil {
				fe.File, fe.Line, fe.Column = t.name, n.Line, n.Column
				return fe
			}
		}
	}
	// Parse errors of a value ("invalid spec: :/etc/x: empty section")
	// quote the value: find the scalar that holds one of the message's
	// parts, the most specific (last) first.
	parts := strings.Split(err.Error(), ": ")
	for i := len(parts) - 1; i > 0; i-- {
		part := strings.TrimSpace(parts[i])
		if len(part) < 3 || strings.Contains(part, "<empty>") {
			continue
		}
		for _, t := range ordered {
			if n := findScalar(t.root, part); n != nil {
				fe.File, fe.Line, fe.Column = t.name, n.Line, n.Column
				return fe
			}
		}
	}
	// Nothing names a place: point at the top of the file, so that every
	// error still has a line.
	fe.Line, fe.Column = 1, 1
	return fe
}

// walkPath follows keys as far as they exist and returns the deepest key
// node found; a key that is not found may be a list index, which ends the
// walk.
func walkPath(m *yaml.Node, path []string) *yaml.Node {
	var last *yaml.Node
	for _, p := range path {
		k, v := lookup(m, p)
		if k == nil {
			break
		}
		last, m = k, v
	}
	return last
}

// findScalar returns the first scalar containing sub, depth first.
func findScalar(n *yaml.Node, sub string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, sub) {
		return n
	}
	for _, c := range n.Content {
		if f := findScalar(c, sub); f != nil {
			return f
		}
	}
	return nil
}

// orderTrees puts the failing file first, then the others by name, so that
// the position found does not depend on map order.
func orderTrees(file string, trees map[string]*tree) []*tree {
	out := make([]*tree, 0, len(trees))
	if t := trees[file]; t != nil {
		out = append(out, t)
	}
	names := make([]string, 0, len(trees))
	for n, t := range trees {
		if n != file && t != nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		out = append(out, trees[n])
	}
	return out
}
