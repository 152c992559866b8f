package engine

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/go-connections/nat"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rungate/rungate/pkg/runspec"
)

// viaJSONText is the reference: the JSON round trip the encoder replaces.
func viaJSONText(t testing.TB, v any) ast.Value {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	val, err := ast.InterfaceToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	return val
}

// fill sets every settable field reachable from v to a non-zero value, so
// that the comparison below exercises every field of every type.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.String:
		v.SetString("s-" + v.Type().Name())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(9)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Pointer:
		if depth > 6 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		if depth > 6 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), depth+1)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), depth+1)
		}
	case reflect.Map:
		if depth > 6 {
			return
		}
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		fill(k, depth+1)
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	}
}

func TestEncoderMatchesJSON(t *testing.T) {
	enc := newEncoder(reflect.TypeFor[Input](), nil).once
	full := runspec.New(runspec.KindCompose, runspec.Pos{File: "c.yaml", Line: 2, Column: 3})
	fill(reflect.ValueOf(&full.Create).Elem(), 0)
	var host runspec.Host
	fill(reflect.ValueOf(&host).Elem(), 0)

	seed := runspec.New(runspec.KindDockerRun, runspec.Pos{})
	seed.Create = container.CreateRequest{
		Config: &container.Config{
			Image: "web", Cmd: []string{"a"}, Volumes: map[string]struct{}{"/v": {}},
			Healthcheck: &container.HealthConfig{Test: []string{"CMD", "true"}, Interval: 3 * time.Second},
		},
		HostConfig: &container.HostConfig{
			Binds: []string{"/:/host"}, PortBindings: nat.PortMap{"80/tcp": {{HostPort: "80"}}},
			Mounts:      []mount.Mount{{Type: mount.TypeBind, Source: "/", Target: "/h", BindOptions: &mount.BindOptions{Propagation: "rshared"}}},
			MaskedPaths: []string{}, Tmpfs: map[string]string{"/run": ""},
		},
		NetworkingConfig: &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{"default": {}}},
	}
	tests := []struct {
		name string
		in   Input
	}{
		{"every field set", SpecInput(full, runspec.DefaultDaemon())},
		{"seed", SpecInput(seed, runspec.Daemon{Known: true, LogOpts: map[string]string{"max-size": "1m"}})},
		{"empty spec", SpecInput(runspec.New(runspec.KindAuthz, runspec.Pos{}), runspec.Daemon{})},
		{"host, every field set", HostInput(host)},
		{"host, empty", HostInput(runspec.Host{})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := enc(reflect.ValueOf(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if want := viaJSONText(t, tc.in); got.Value.Compare(want) != 0 {
				t.Errorf("encoder and JSON differ:\n got %v\nwant %v", got, want)
			}
		})
	}
}

// TestEncoderJSONRules covers what encoding/json does that the input types
// happen not to use: tags, omitempty, omitzero, shadowed and embedded
// fields, byte slices, marshallers and odd map keys.
func TestEncoderJSONRules(t *testing.T) {
	type Inner struct {
		A string
		B int `json:"b"`
		C string
	}
	type Other struct {
		C string
		D string `json:"d,omitempty"`
	}
	type Named struct{ N int }
	type Outer struct {
		Inner
		*Other
		Named  `json:"named"`
		A      string            `json:"a2"`
		C      string            `json:"c_outer"`
		Skip   string            `json:"-"`
		Dash   string            `json:"-,"`
		Empty  []string          `json:",omitempty"`
		Zero   time.Time         `json:",omitzero"`
		When   time.Time         // a json.Marshaler
		Bytes  []byte            //
		Any    any               //
		IntMap map[int]string    //
		Ptr    *int              //
		Arr    [2]bool           //
		Nested map[string][]uint //
		F      float64           //
		hidden string
	}
	one := 1
	for name, v := range map[string]Outer{
		"zero":    {},
		"set":     {Inner: Inner{A: "a", B: 2, C: "c"}, Other: &Other{C: "oc", D: "d"}, Named: Named{3}, A: "x", Dash: "-", Empty: []string{"e"}, Zero: time.Unix(1, 0).UTC(), When: time.Unix(2, 0).UTC(), Bytes: []byte("hi"), Any: map[string]any{"k": 1}, IntMap: map[int]string{1: "a"}, Ptr: &one, Nested: map[string][]uint{"u": {1}}, F: 2.25, hidden: "h"},
		"nil ptr": {Other: nil, Any: []int{1}},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := newEncoder(reflect.TypeFor[Outer](), nil).once(reflect.ValueOf(v))
			if err != nil {
				t.Fatal(err)
			}
			if want := viaJSONText(t, v); got.Value.Compare(want) != 0 {
				t.Errorf("encoder and JSON differ:\n got %v\nwant %v", got, want)
			}
		})
	}
}

// once encodes v with a fresh state, for tests.
func (ie *inputEncoder) once(v reflect.Value) (*ast.Term, error) {
	t, _, err := ie.encode(v)
	return t, err
}

// TestEncoderReuse: a state returned to the pool encodes the next input
// afresh, with nothing of the last one left in it.
func TestEncoderReuse(t *testing.T) {
	ie := newEncoder(reflect.TypeFor[Input](), nil)
	specs := []*runspec.Spec{benchSpec(), runspec.New(runspec.KindAuthz, runspec.Pos{File: "x", Line: 2, Column: 3}), benchSpec()}
	for i := range 50 {
		in := SpecInput(specs[i%len(specs)], runspec.DefaultDaemon())
		got, st, err := ie.encode(reflect.ValueOf(in))
		if err != nil {
			t.Fatal(err)
		}
		if want := viaJSONText(t, in); got.Value.Compare(want) != 0 {
			t.Fatalf("encoding %d differs from JSON", i)
		}
		ie.release(st)
	}
}
