package engine

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// InputSchema returns the JSON Schema of the input document, generated from
// the Go types it is encoded from (Input, and through it the Engine API
// types and runspec's). Objects admit no properties beyond their fields, so
// the compiler rejects a rule that reads a field that does not exist.
func InputSchema() map[string]any {
	g := schemaGen{seen: map[reflect.Type]bool{}}
	s := g.of(reflect.TypeFor[Input]())
	s["$schema"] = "http://json-schema.org/draft-07/schema#"
	s["title"] = "rungate rule input"
	return s
}

// inputSchemaSet is InputSchema as the compiler takes it.
func inputSchemaSet() (*ast.SchemaSet, error) {
	// The compiler wants the schema as decoded JSON.
	b, err := json.Marshal(InputSchema())
	if err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, doc)
	return ss, nil
}

type schemaGen struct {
	// seen holds the struct types being generated, to stop on a recursive
	// type (none today) rather than loop.
	seen map[reflect.Type]bool
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// of returns the schema of values of type t as encoding/json writes them.
// A pointer is typed as what it points to: the type checker has no use for
// null, which only ever means "not set".
func (g schemaGen) of(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Implements(jsonMarshaler), reflect.PointerTo(t).Implements(jsonMarshaler):
		return map[string]any{}
	case t.Implements(textMarshaler), reflect.PointerTo(t).Implements(textMarshaler):
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return map[string]any{"type": "string"} // base64
		}
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Struct:
		if g.seen[t] {
			return map[string]any{}
		}
		g.seen[t] = true
		defer delete(g.seen, t)
		props := map[string]any{}
		g.fields(t, props)
		return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	}
	// Interfaces and anything else: any value.
	return map[string]any{}
}

// fields adds the properties of struct t, inlining embedded structs without
// a JSON name as encoding/json does.
func (g schemaGen) fields(t reflect.Type, props map[string]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			g.fields(ft, props)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.of(f.Type)
	}
}
