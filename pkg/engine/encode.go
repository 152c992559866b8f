package engine

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rungate/rungate/pkg/runspec"
)

// An encoder turns a Go value into the AST term that encoding/json followed
// by ast.ValueFromReader would give, without the JSON text in between: the
// input of every evaluation goes through one, and the round trip cost more
// than evaluating all the rules. Encoders are built once per type, when the
// engine is made, and are immutable after.
type encoder func(st *encState, v reflect.Value) (*ast.Term, error)

// encState is the memory of one encoding: each position is encoded once
// however many items share it (most share the spec's origin).
type encState struct {
	pos map[runspec.Pos]*ast.Term
	// items is a stack of object items under construction: an object
	// pushes its items, hands them to ast.NewObject (which copies them) and
	// pops them, so nested objects share one buffer.
	items [][2]*ast.Term
	// chunks are slabs the encoding's terms are carved from, one allocation
	// for many terms; used counts the terms taken from the last one.
	chunks [][]ast.Term
	used   int
}

const chunkSize = 128

// term returns a new term holding v.
func (st *encState) term(v ast.Value) *ast.Term {
	if len(st.chunks) == 0 || st.used == chunkSize {
		st.chunks = append(st.chunks, make([]ast.Term, chunkSize))
		st.used = 0
	}
	t := &st.chunks[len(st.chunks)-1][st.used]
	st.used++
	t.Value = v
	return t
}

// reset empties the state for the next encoding, keeping its first slab
// and its buffers. The terms are cleared so that they hold nothing alive.
func (st *encState) reset() {
	clear(st.pos)
	st.items = st.items[:0]
	for _, c := range st.chunks {
		clear(c)
	}
	st.chunks, st.used = st.chunks[:min(len(st.chunks), 1)], 0
}

// inputEncoder encodes inputs with states from a pool: an input's terms are
// garbage once its findings are read, so the next evaluation can reuse them,
// which spares the collector most of what encoding allocates.
type inputEncoder struct {
	enc    encoder
	states sync.Pool
}

// encode encodes v; release the state once nothing refers to the term.
func (ie *inputEncoder) encode(v reflect.Value) (*ast.Term, *encState, error) {
	st, _ := ie.states.Get().(*encState)
	if st == nil {
		st = &encState{pos: make(map[runspec.Pos]*ast.Term, 4), items: make([][2]*ast.Term, 0, 256)}
	}
	t, err := ie.enc(st, v)
	return t, st, err
}

// release returns a state to the pool.
func (ie *inputEncoder) release(st *encState) {
	st.reset()
	ie.states.Put(st)
}

// encoders builds the encoder of a type and of every type within it.
type encoders struct {
	done map[reflect.Type]*encoder
	// pruned holds the encoders of types at paths that rules read only in
	// part (see inputPaths).
	pruned map[prunedKey]encoder
	// words are terms shared by every encoding for the strings that recur
	// in every input (capability names, mount types, modes), so that
	// encoding them allocates nothing.
	words map[string]*ast.Term
}

type prunedKey struct {
	t reflect.Type
	p *inputPaths
}

// newEncoder returns the encoder for values of type t, which encodes only
// the parts in paths; nil paths means everything.
func newEncoder(t reflect.Type, paths *inputPaths) *inputEncoder {
	es := encoders{done: map[reflect.Type]*encoder{}, pruned: map[prunedKey]encoder{}, words: sharedWords()}
	enc := es.of(t)
	if paths != nil {
		enc = es.ofPaths(t, paths)
	}
	return &inputEncoder{enc: enc}
}

// sharedWords returns a term for each word every input is likely to hold.
func sharedWords() map[string]*ast.Term {
	words := append(runspec.AllCapabilities(),
		"ALL", "bind", "volume", "tmpfs", "image", "npipe", "cluster", "volumes-from",
		"binds", "mounts", "volumes", "rprivate", "private", "rshared", "shared", "rslave", "slave",
		"default", "host", "container", "shareable", "none", "bridge", "network", "unknown",
		"unconfined", "profile", "tcp", "udp", "sctp", "json-file", "local", "journald", "syslog",
		"docker-run", "compose", "inspect", "authz", "host", "/", "ro", "rw", "true", "false",
	)
	m := make(map[string]*ast.Term, len(words))
	for _, w := range words {
		m[w] = ast.StringTerm(w)
	}
	return m
}

var (
	nullTerm        = ast.NullTerm()
	jsonMarshalerT  = reflect.TypeFor[json.Marshaler]()
	textMarshalerT  = reflect.TypeFor[encoding.TextMarshaler]()
	emptyStringTerm = ast.InternedTerm("")
)

func (es encoders) of(t reflect.Type) encoder {
	if e, ok := es.done[t]; ok {
		// A recursive type: call through the slot, filled in below.
		return func(st *encState, v reflect.Value) (*ast.Term, error) { return (*e)(st, v) }
	}
	slot := new(encoder)
	es.done[t] = slot
	*slot = es.build(t)
	return *slot
}

// ofPaths returns the encoder of the parts in p of values of type t. Only
// structs and string-keyed maps are pruned; anything else is encoded whole.
func (es encoders) ofPaths(t reflect.Type, p *inputPaths) encoder {
	if p.all || t == reflect.TypeFor[runspec.Pos]() || t.Implements(jsonMarshalerT) || t.Implements(textMarshalerT) {
		return es.of(t)
	}
	key := prunedKey{t, p}
	if e, ok := es.pruned[key]; ok {
		return e
	}
	var e encoder
	switch {
	case t.Kind() == reflect.Pointer:
		elem := es.ofPaths(t.Elem(), p)
		e = func(st *encState, v reflect.Value) (*ast.Term, error) {
			if v.IsNil() {
				return nullTerm, nil
			}
			return elem(st, v.Elem())
		}
	case t.Kind() == reflect.Struct:
		e = es.structOf(t, p)
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && !reflect.PointerTo(t.Key()).Implements(textMarshalerT):
		e = es.someKeys(t, p)
	default:
		e = es.of(t)
	}
	es.pruned[key] = e
	return e
}

// someKeys encodes the entries of a map whose keys the rules name.
func (es encoders) someKeys(t reflect.Type, p *inputPaths) encoder {
	type entry struct {
		key  reflect.Value
		term *ast.Term
		enc  encoder
	}
	var entries []entry
	for k, kid := range p.kids {
		entries = append(entries, entry{reflect.ValueOf(k).Convert(t.Key()), ast.InternedTerm(k), es.ofPaths(t.Elem(), kid)})
	}
	return func(st *encState, v reflect.Value) (*ast.Term, error) {
		if v.IsNil() {
			return nullTerm, nil
		}
		base := len(st.items)
		defer func() { st.items = st.items[:base] }()
		for _, en := range entries {
			mv := v.MapIndex(en.key)
			if !mv.IsValid() {
				continue
			}
			val, err := en.enc(st, mv)
			if err != nil {
				return nil, err
			}
			st.items = append(st.items, [2]*ast.Term{en.term, val})
		}
		return st.term(ast.NewObject(st.items[base:]...)), nil
	}
}

func (es encoders) build(t reflect.Type) encoder {
	if t.Implements(jsonMarshalerT) || t.Implements(textMarshalerT) {
		return viaJSON
	}
	if t == reflect.TypeFor[runspec.Pos]() {
		return es.pos()
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(_ *encState, v reflect.Value) (*ast.Term, error) { return ast.InternedTerm(v.Bool()), nil }
	case reflect.String:
		return func(st *encState, v reflect.Value) (*ast.Term, error) { return es.stringTerm(st, v.String()), nil }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(_ *encState, v reflect.Value) (*ast.Term, error) { return ast.InternedTerm(v.Int()), nil }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(_ *encState, v reflect.Value) (*ast.Term, error) { return ast.UIntNumberTerm(v.Uint()), nil }
	case reflect.Float32, reflect.Float64:
		return func(_ *encState, v reflect.Value) (*ast.Term, error) { return ast.FloatNumberTerm(v.Float()), nil }
	case reflect.Pointer:
		elem := es.of(t.Elem())
		return func(st *encState, v reflect.Value) (*ast.Term, error) {
			if v.IsNil() {
				return nullTerm, nil
			}
			return elem(st, v.Elem())
		}
	case reflect.Interface:
		return func(st *encState, v reflect.Value) (*ast.Term, error) {
			if v.IsNil() {
				return nullTerm, nil
			}
			return viaJSON(st, v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !reflect.PointerTo(t.Elem()).Implements(textMarshalerT) {
			return func(st *encState, v reflect.Value) (*ast.Term, error) {
				if v.IsNil() {
					return nullTerm, nil
				}
				return es.stringTerm(st, base64.StdEncoding.EncodeToString(v.Bytes())), nil
			}
		}
		return es.array(t, true)
	case reflect.Array:
		return es.array(t, false)
	case reflect.Map:
		return es.mapOf(t)
	case reflect.Struct:
		return es.structOf(t, nil)
	}
	return viaJSON
}

func (es encoders) array(t reflect.Type, nilable bool) encoder {
	elem := es.of(t.Elem())
	return func(st *encState, v reflect.Value) (*ast.Term, error) {
		if nilable && v.IsNil() {
			return nullTerm, nil
		}
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			var err error
			if terms[i], err = elem(st, v.Index(i)); err != nil {
				return nil, err
			}
		}
		return st.term(ast.NewArray(terms...)), nil
	}
}

func (es encoders) mapOf(t reflect.Type) encoder {
	if t.Key().Kind() != reflect.String || reflect.PointerTo(t.Key()).Implements(textMarshalerT) {
		// Integer or text-marshalled keys: rare, left to encoding/json.
		return viaJSON
	}
	elem := es.of(t.Elem())
	return func(st *encState, v reflect.Value) (*ast.Term, error) {
		if v.IsNil() {
			return nullTerm, nil
		}
		base := len(st.items)
		defer func() { st.items = st.items[:base] }()
		for it := v.MapRange(); it.Next(); {
			val, err := elem(st, it.Value())
			if err != nil {
				return nil, err
			}
			st.items = append(st.items, [2]*ast.Term{es.stringTerm(st, it.Key().String()), val})
		}
		return st.term(ast.NewObject(st.items[base:]...)), nil
	}
}

// candidate is a field that may be a JSON property, unless another field
// of the same name hides it.
type candidate struct {
	field
	name   string
	depth  int
	tagged bool
}

// wins reports whether the field at depth, tagged or not, is the one kept
// among all the fields of its name: the shallowest, and of several as
// shallow the only tagged one; when that leaves more than one, none.
func wins(depth int, tagged bool, same []candidate) bool {
	shallowest, tags, atDepth := depth, 0, 0
	for _, o := range same {
		shallowest = min(shallowest, o.depth)
	}
	if depth != shallowest {
		return false
	}
	for _, o := range same {
		if o.depth == depth {
			atDepth++
			if o.tagged {
				tags++
			}
		}
	}
	return atDepth == 1 || (tagged && tags == 1)
}

// field is one JSON property of a struct: where it is (through embedded
// structs), its key, and how to encode it.
type field struct {
	index     []int
	name      string
	key       *ast.Term
	omitEmpty bool
	omitZero  bool
	enc       encoder
}

// structOf encodes a struct: every field, or with p only those in p.
func (es encoders) structOf(t reflect.Type, p *inputPaths) encoder {
	var fields []field
	for _, f := range es.fields(t) {
		ft := t.FieldByIndex(f.index).Type
		if p == nil {
			f.enc = es.of(ft)
		} else if kid := p.kid(f.name); kid != nil {
			f.enc = es.ofPaths(ft, kid)
		} else {
			continue
		}
		fields = append(fields, f)
	}
	return func(st *encState, v reflect.Value) (*ast.Term, error) {
		base := len(st.items)
		defer func() { st.items = st.items[:base] }()
		for i := range fields {
			f := &fields[i]
			fv, err := v.FieldByIndexErr(f.index)
			if err != nil {
				continue // inside a nil embedded pointer: absent, as in encoding/json
			}
			if (f.omitEmpty && isEmpty(fv)) || (f.omitZero && fv.IsZero()) {
				continue
			}
			val, err := f.enc(st, fv)
			if err != nil {
				return nil, err
			}
			st.items = append(st.items, [2]*ast.Term{f.key, val})
		}
		return st.term(ast.NewObject(st.items[base:]...)), nil
	}
}

// fields lists the JSON properties of struct t as encoding/json does:
// exported fields by tag or name, embedded structs without a tag inlined,
// and of two fields with one name the shallower, or the tagged, wins.
func (es encoders) fields(t reflect.Type) []field {
	var all []candidate
	var walk func(t reflect.Type, index []int, depth int)
	walk = func(t reflect.Type, index []int, depth int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
				walk(ft, idx, depth+1)
				continue
			}
			if !f.IsExported() {
				continue
			}
			c := candidate{name: name, depth: depth, tagged: name != ""}
			if c.name == "" {
				c.name = f.Name
			}
			c.index = idx
			c.omitEmpty = hasOpt(opts, "omitempty")
			c.omitZero = hasOpt(opts, "omitzero")
			all = append(all, c)
		}
	}
	walk(t, nil, 0)

	// Keep, for each name, the one field encoding/json keeps.
	byName := map[string][]candidate{}
	for _, c := range all {
		byName[c.name] = append(byName[c.name], c)
	}
	out := make([]field, 0, len(all))
	for _, c := range all {
		if !wins(c.depth, c.tagged, byName[c.name]) {
			continue
		}
		c.field.name, c.key = c.name, ast.InternedTerm(c.name)
		out = append(out, c.field)
	}
	return out
}

func hasOpt(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// stringTerm shares the term of the empty string, the commonest value in a
// create body, and of the shared words, and makes a new one for anything
// else.
func (es encoders) stringTerm(st *encState, s string) *ast.Term {
	if s == "" {
		return emptyStringTerm
	}
	if t, ok := es.words[s]; ok {
		return t
	}
	return st.term(ast.String(s))
}

// pos encodes a runspec.Pos once per encoding: the derived view repeats the
// spec's origin for every item set nowhere else.
func (es encoders) pos() encoder {
	file, line, col := ast.InternedTerm("file"), ast.InternedTerm("line"), ast.InternedTerm("column")
	return func(st *encState, v reflect.Value) (*ast.Term, error) {
		p := runspec.Pos{File: v.Field(0).String(), Line: int(v.Field(1).Int()), Column: int(v.Field(2).Int())}
		if t, ok := st.pos[p]; ok {
			return t, nil
		}
		t := st.term(ast.NewObject(
			[2]*ast.Term{file, es.stringTerm(st, p.File)},
			[2]*ast.Term{line, ast.InternedTerm(p.Line)},
			[2]*ast.Term{col, ast.InternedTerm(p.Column)},
		))
		st.pos[p] = t
		return t, nil
	}
}

// viaJSON encodes a value the slow way, through its JSON: for types with
// their own JSON or text marshalling, which no input type has today.
func viaJSON(_ *encState, v reflect.Value) (*ast.Term, error) {
	if !v.CanInterface() {
		return nullTerm, nil
	}
	val, err := ast.InterfaceToValue(v.Interface())
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(val), nil
}
