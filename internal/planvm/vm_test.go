package planvm

import (
	"context"
	"errors"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
)

// Hand-written plans, one statement's meaning each. The rule catalogue's
// real plans are checked against topdown in pkg/engine and pkg/lint.

func loc(l int) ir.Operand         { return ir.Operand{Value: ir.Local(l)} }
func str(i int) ir.Operand         { return ir.Operand{Value: ir.StringIndex(i)} }
func boolean(b bool) ir.Operand    { return ir.Operand{Value: ir.Bool(b)} }
func block(s ...ir.Stmt) *ir.Block { return &ir.Block{Stmts: s} }

// policy is a plan whose function "f" of input and data runs blocks and
// returns local 2.
func policy(strings []string, blocks ...*ir.Block) *ir.Policy {
	p := &ir.Policy{Static: &ir.Static{}, Funcs: &ir.Funcs{Funcs: []*ir.Func{{Name: "f", Params: []ir.Local{0, 1}, Return: 2, Blocks: blocks}}}}
	for _, s := range strings {
		p.Static.Strings = append(p.Static.Strings, &ir.StringConst{Value: s})
	}
	return p
}

// ret returns local 2 once set.
var ret = block(&ir.IsDefinedStmt{Source: 2}, &ir.ReturnLocalStmt{Source: 2})

func run(t *testing.T, p *ir.Policy, input string) (ast.Value, bool, error) {
	t.Helper()
	vm, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := vm.Func("f")
	if err != nil {
		t.Fatal(err)
	}
	ev := vm.NewEval(context.Background(), ast.MustParseTerm(input).Value, ast.NewObject())
	defer ev.Release()
	return ev.Call(f)
}

func TestStatements(t *testing.T) {
	tests := []struct {
		name    string
		strings []string
		blocks  []*ir.Block
		input   string
		want    string // "" is undefined
	}{
		{
			name:    "dot and assign",
			strings: []string{"a"},
			blocks:  []*ir.Block{block(&ir.DotStmt{Source: loc(0), Key: str(0), Target: 2})},
			input:   `{"a": 7}`, want: `7`,
		},
		{
			name:    "a missing key stops the block",
			strings: []string{"a", "late"},
			blocks: []*ir.Block{block(
				&ir.DotStmt{Source: loc(0), Key: str(0), Target: 3},
				&ir.AssignVarStmt{Source: str(1), Target: 2},
			)},
			input: `{"b": 1}`,
		},
		{
			name:    "the next block runs after an undefined one",
			strings: []string{"first", "second"},
			blocks: []*ir.Block{
				block(&ir.EqualStmt{A: boolean(true), B: boolean(false)}, &ir.AssignVarStmt{Source: str(0), Target: 2}),
				block(&ir.IsUndefinedStmt{Source: 2}, &ir.AssignVarStmt{Source: str(1), Target: 2}),
			},
			input: `{}`, want: `"second"`,
		},
		{
			name:    "break 0 leaves only the nested block",
			strings: []string{"after"},
			blocks: []*ir.Block{block(
				&ir.BlockStmt{Blocks: []*ir.Block{block(&ir.BreakStmt{Index: 0}, &ir.MakeNullStmt{Target: 2})}},
				&ir.AssignVarStmt{Source: str(0), Target: 2},
			)},
			input: `{}`, want: `"after"`,
		},
		{
			name:    "break 1 leaves the enclosing block too",
			strings: []string{"skipped", "next"},
			blocks: []*ir.Block{
				block(
					&ir.BlockStmt{Blocks: []*ir.Block{block(&ir.BreakStmt{Index: 1})}},
					&ir.AssignVarStmt{Source: str(0), Target: 2},
				),
				block(&ir.IsUndefinedStmt{Source: 2}, &ir.AssignVarStmt{Source: str(1), Target: 2}),
			},
			input: `{}`, want: `"next"`,
		},
		{
			name:    "not of an undefined block holds",
			strings: []string{"a", "yes"},
			blocks: []*ir.Block{block(
				&ir.NotStmt{Block: block(&ir.DotStmt{Source: loc(0), Key: str(0), Target: 3})},
				&ir.AssignVarStmt{Source: str(1), Target: 2},
			)},
			input: `{}`, want: `"yes"`,
		},
		{
			name:    "not of a defined block is undefined",
			strings: []string{"a", "yes"},
			blocks: []*ir.Block{block(
				&ir.NotStmt{Block: block(&ir.DotStmt{Source: loc(0), Key: str(0), Target: 3})},
				&ir.AssignVarStmt{Source: str(1), Target: 2},
			)},
			input: `{"a": false}`,
		},
		{
			name: "scan of an object in key order, into an array",
			blocks: []*ir.Block{block(
				&ir.MakeArrayStmt{Target: 2},
				&ir.ScanStmt{Source: 0, Key: 3, Value: 4, Block: block(&ir.ArrayAppendStmt{Value: loc(3), Array: 2})},
			)},
			input: `{"b": 1, "c": 2, "a": 3}`, want: `["a", "b", "c"]`,
		},
		{
			name: "scan of a set and an array",
			blocks: []*ir.Block{block(
				&ir.MakeArrayStmt{Target: 2},
				&ir.ScanStmt{Source: 0, Key: 3, Value: 4, Block: block(&ir.ArrayAppendStmt{Value: loc(4), Array: 2})},
			)},
			input: `{"z", "x", "y"}`, want: `["x", "y", "z"]`,
		},
		{
			name: "an undefined element does not stop the scan",
			blocks: []*ir.Block{block(
				&ir.MakeSetStmt{Target: 2},
				&ir.ScanStmt{Source: 0, Key: 3, Value: 4, Block: block(
					&ir.NotEqualStmt{A: loc(4), B: boolean(false)},
					&ir.SetAddStmt{Value: loc(3), Set: 2},
				)},
			)},
			input: `[true, false, true]`, want: `{0, 2}`,
		},
		{
			name:   "a set nothing is added to is empty",
			blocks: []*ir.Block{block(&ir.MakeSetStmt{Target: 2})},
			input:  `{}`, want: `set()`,
		},
		{
			name: "two sets each keep their own elements",
			blocks: []*ir.Block{block(
				&ir.MakeSetStmt{Target: 3},
				&ir.MakeSetStmt{Target: 4},
				&ir.SetAddStmt{Value: boolean(true), Set: 3},
				&ir.MakeArrayStmt{Target: 2},
				&ir.ArrayAppendStmt{Value: loc(3), Array: 2},
				&ir.ArrayAppendStmt{Value: loc(4), Array: 2},
			)},
			input: `{}`, want: `[{true}, set()]`,
		},
		{
			name:    "objects are built in place",
			strings: []string{"k"},
			blocks: []*ir.Block{block(
				&ir.MakeObjectStmt{Target: 2},
				&ir.MakeNumberIntStmt{Value: 5, Target: 3},
				&ir.ObjectInsertStmt{Key: str(0), Value: loc(3), Object: 2},
				&ir.ObjectInsertOnceStmt{Key: str(0), Value: loc(3), Object: 2},
			)},
			input: `{}`, want: `{"k": 5}`,
		},
		{
			name:    "built-in call",
			strings: []string{"a-b", "-"},
			blocks: []*ir.Block{block(
				&ir.CallStmt{Func: "split", Args: []ir.Operand{str(0), str(1)}, Result: 2},
			)},
			input: `{}`, want: `["a", "b"]`,
		},
		{
			name:    "a built-in error is undefined, not an error",
			strings: []string{"nope"},
			blocks: []*ir.Block{block(
				&ir.CallStmt{Func: "to_number", Args: []ir.Operand{str(0)}, Result: 2},
			)},
			input: `{}`,
		},
		{
			name: "walk gives all its values",
			blocks: []*ir.Block{block(
				&ir.CallStmt{Func: "walk", Args: []ir.Operand{loc(0)}, Result: 3},
				&ir.LenStmt{Source: loc(3), Target: 2},
			)},
			input: `{"a": [1, 2]}`, want: `4`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			blocks := append(tc.blocks, ret)
			v, ok, err := run(t, policy(tc.strings, blocks...), tc.input)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want == "" && ok:
				t.Errorf("got %v, want undefined", v)
			case tc.want != "" && !ok:
				t.Errorf("undefined, want %s", tc.want)
			case tc.want != "" && ast.Compare(v, ast.MustParseTerm(tc.want).Value) != 0:
				t.Errorf("got %v, want %s", v, tc.want)
			}
		})
	}
}

func TestConflicts(t *testing.T) {
	tests := []struct {
		name  string
		block *ir.Block
	}{
		{"complete rule with two values", block(
			&ir.MakeNumberIntStmt{Value: 1, Target: 3},
			&ir.MakeNumberIntStmt{Value: 2, Target: 4},
			&ir.AssignVarOnceStmt{Source: loc(3), Target: 2},
			&ir.AssignVarOnceStmt{Source: loc(4), Target: 2},
		)},
		{"object key with two values", block(
			&ir.MakeObjectStmt{Target: 2},
			&ir.ObjectInsertOnceStmt{Key: boolean(true), Value: boolean(true), Object: 2},
			&ir.ObjectInsertOnceStmt{Key: boolean(true), Value: boolean(false), Object: 2},
		)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := run(t, policy(nil, tc.block, ret), `{}`)
			var c errConflict
			if !errors.As(err, &c) {
				t.Errorf("error %v, want a conflict", err)
			}
		})
	}
}

func TestUnsupported(t *testing.T) {
	tests := []struct {
		name string
		stmt ir.Stmt
	}{
		{"with", &ir.WithStmt{Local: 0, Value: boolean(true), Block: block()}},
		{"dynamic call", &ir.CallDynamicStmt{Result: 2}},
		{"unknown built-in", &ir.CallStmt{Func: "no.such", Result: 2}},
		{"void built-in", &ir.CallStmt{Func: "print", Args: []ir.Operand{boolean(true)}, Result: 2}},
		{"non-deterministic built-in", &ir.CallStmt{Func: "time.now_ns", Result: 2}},
		{"string out of range", &ir.AssignVarStmt{Source: str(9), Target: 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(policy(nil, block(tc.stmt))); !errors.Is(err, ErrUnsupported) {
				t.Errorf("error %v, want ErrUnsupported", err)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	// A scan of a long array that never ends its block: the context is
	// checked every cancelEvery statements.
	p := policy(nil, block(
		&ir.ScanStmt{Source: 0, Key: 3, Value: 4, Block: block(&ir.AssignVarStmt{Source: loc(4), Target: 5}, &ir.NotEqualStmt{A: loc(4), B: loc(4)})},
	), ret)
	vm, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	arr := make([]*ast.Term, 5*cancelEvery)
	for i := range arr {
		arr[i] = ast.InternedTerm(i % 100)
	}
	f, err := vm.Func("f")
	if err != nil {
		t.Fatal(err)
	}
	ev := vm.NewEval(ctx, ast.NewArray(arr...), ast.NewObject())
	defer ev.Release()
	if _, _, err := ev.Call(f); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// TestDeepCalls: calls deeper than the stack an evaluation starts with
// grow it, and every frame keeps its locals.
func TestDeepCalls(t *testing.T) {
	// g(n) calls itself stackSize times over frames of 40 locals, then
	// returns the count it was given.
	g := &ir.Func{Name: "g", Params: []ir.Local{0, 1, 2}, Return: 3, Blocks: []*ir.Block{
		block(
			&ir.MakeNumberIntStmt{Value: int64(stackSize), Target: 4},
			&ir.EqualStmt{A: loc(2), B: loc(4)},
			&ir.AssignVarStmt{Source: loc(2), Target: 3},
			&ir.ReturnLocalStmt{Source: 3},
		),
		block(
			&ir.MakeNumberIntStmt{Value: 1, Target: 5},
			&ir.CallStmt{Func: "plus", Args: []ir.Operand{loc(2), loc(5)}, Result: 6},
			&ir.CallStmt{Func: "g", Args: []ir.Operand{loc(0), loc(1), loc(6)}, Result: 3},
			&ir.AssignVarStmt{Source: loc(2), Target: 39},
			&ir.ReturnLocalStmt{Source: 3},
		),
	}}
	p := policy(nil, block(
		&ir.MakeNumberIntStmt{Value: 0, Target: 3},
		&ir.CallStmt{Func: "g", Args: []ir.Operand{loc(0), loc(1), loc(3)}, Result: 2},
	), ret)
	p.Funcs.Funcs = append(p.Funcs.Funcs, g)
	vm, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := vm.Func("f")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second evaluation starts with the grown stack
		ev := vm.NewEval(context.Background(), ast.NewObject(), ast.NewObject())
		v, ok, err := ev.Call(f)
		ev.Release()
		if err != nil || !ok || ast.Compare(v, ast.InternedTerm(stackSize).Value) != 0 {
			t.Fatalf("got %v (defined %v, error %v), want %d", v, ok, err, stackSize)
		}
	}
}
