package compose

import (
	"strings"

	"github.com/compose-spec/compose-go/v2/template"

	"github.com/rungate/rungate/pkg/runspec"
)

// substitute interpolates one value as compose does, except that a plain
// reference to an unset variable ($X or ${X}) stays in the value as the
// visible placeholder ${X} instead of becoming "": a linter must not judge
// a value it does not know. References with a default or a required check
// (${X:-d}, ${X:?msg}) are left to compose's own rules.
func substitute(value string, mapping template.Mapping) (string, error) {
	if strings.IndexByte(value, '$') < 0 {
		return value, nil
	}
	return template.SubstituteWithOptions(keepUnset(value, mapping), mapping, template.WithoutLogging)
}

// substituteBlank interpolates as compose does: an unset variable is "".
func substituteBlank(value string, mapping template.Mapping) (string, error) {
	return template.SubstituteWithOptions(value, mapping, template.WithoutLogging)
}

// keepUnset escapes plain references to unset variables ($X, ${X} become
// $${X}) so that substitution turns them into the literal ${X}.
func keepUnset(s string, mapping template.Mapping) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			i++
			continue
		}
		if s[i+1] == '$' { // an escaped dollar stays escaped
			b.WriteString("$$")
			i += 2
			continue
		}
		name, n := plainRef(s[i+1:])
		if name == "" {
			b.WriteByte('$')
			i++
			continue
		}
		if _, ok := mapping(name); ok {
			b.WriteString(s[i : i+1+n])
		} else {
			b.WriteString("$${" + name + "}")
		}
		i += 1 + n
	}
	return b.String()
}

// plainRef returns the variable name of a reference with no modifier at
// the start of s ("X" or "{X}"), and how many bytes it spans; "" if s
// starts with something else.
func plainRef(s string) (string, int) {
	if strings.HasPrefix(s, "{") {
		n := runspec.VarNameLen(s[1:])
		if n == 0 || 1+n >= len(s) || s[1+n] != '}' {
			return "", 0
		}
		return s[1 : 1+n], n + 2
	}
	n := runspec.VarNameLen(s)
	return s[:n], n
}
