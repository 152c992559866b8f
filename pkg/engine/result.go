package engine

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rungate/rungate/pkg/runspec"
)

// keepAST makes the query hand back its results as AST terms: findings are
// read straight from them, rather than from Go values converted first.
func keepAST(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// The keys of a result object.
var (
	keyMsg    = ast.StringTerm("msg")
	keyPos    = ast.StringTerm("pos")
	keyField  = ast.StringTerm("field")
	keySev    = ast.StringTerm("severity")
	keyFile   = ast.StringTerm("file")
	keyLine   = ast.StringTerm("line")
	keyColumn = ast.StringTerm("column")
)

// finding turns one deny result into a finding. A bare string result is
// taken as its message, as conftest does.
func (r Rule) finding(result any, fallback func(field string) runspec.Pos) (Finding, error) {
	f := Finding{Rule: r.ID, Severity: r.Severity, Title: r.Title, Remediation: r.Remediation}
	t, _ := result.(*ast.Term)
	if t == nil {
		return f, fmt.Errorf("result %v is not a term", result)
	}
	switch v := t.Value.(type) {
	case ast.String:
		f.Message, f.Pos = string(v), fallback("")
		return f, nil
	case ast.Object:
		msg, ok := get(v, keyMsg).(ast.String)
		if !ok || msg == "" {
			return f, fmt.Errorf("result %v has no \"msg\" string", v)
		}
		f.Message = string(msg)
		if sev := get(v, keySev); sev != nil {
			// A rule whose findings differ in gravity (a capability that
			// is critical, another that is high) says so per result,
			// unless a profile or the configuration fixed the rule's
			// severity, which then holds for all its findings.
			name, _ := sev.(ast.String)
			s, err := ParseSeverity(string(name))
			if err != nil {
				return f, fmt.Errorf("result %v: \"severity\": %w", v, err)
			}
			if !r.fixed {
				f.Severity = s
			}
		}
		field, _ := get(v, keyField).(ast.String)
		f.Pos = fallback(string(field))
		if p, ok := get(v, keyPos).(ast.Object); ok {
			if pos := posOf(p); pos.Known() {
				f.Pos = pos
			}
		}
		return f, nil
	}
	return f, fmt.Errorf("result %v is neither an object nor a string", t)
}

// posOf reads a {file, line, column} object.
func posOf(p ast.Object) runspec.Pos {
	file, _ := get(p, keyFile).(ast.String)
	return runspec.Pos{File: string(file), Line: intOf(get(p, keyLine)), Column: intOf(get(p, keyColumn))}
}

// get returns the value at key in obj, or nil.
func get(obj ast.Object, key *ast.Term) ast.Value {
	if t := obj.Get(key); t != nil {
		return t.Value
	}
	return nil
}

func intOf(v ast.Value) int {
	n, ok := v.(ast.Number)
	if !ok {
		return 0
	}
	i, _ := n.Int()
	return i
}

// stringOf returns the string a result binding holds, or "".
func stringOf(b any) string {
	if t, ok := b.(*ast.Term); ok {
		if s, ok := t.Value.(ast.String); ok {
			return string(s)
		}
	}
	return ""
}
