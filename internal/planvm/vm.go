// Package planvm executes OPA's intermediate representation (the plans
// `opa build -t plan` writes, package ir) directly on ast values.
//
// OPA's own evaluator, topdown, unifies terms through binding maps and
// continuations; a plan is already ordered, straight-line code over numbered
// locals, so running it costs a fraction of that. The rule catalogue runs
// here on every spec. OPA still compiles and type-checks the rules, its
// tester (on topdown) runs their tests, and the engine falls back to
// topdown for a policy this package cannot run (New reports why).
//
// Semantics follow package ir's documentation: a block runs its statements
// in order and stops at the first that is undefined; a break leaves the
// given number of enclosing blocks; a function returns its return local.
// Built-in functions are OPA's own (topdown.GetBuiltin), called as topdown
// calls them when built-in errors are not strict: an error makes the call
// undefined, a halt error stops the evaluation.
package planvm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
)

// VM holds a loaded plan. It is immutable after New and safe for concurrent
// use.
type VM struct {
	strings []*ast.Term
	numbers map[int]*ast.Term
	funcs   map[string]*function
	nfuncs  int
	evals   sync.Pool
}

// function is a planned function: its blocks and the size of its frame.
type function struct {
	name   string
	params []ir.Local
	ret    ir.Local
	blocks []*ir.Block
	size   int
	// memo: a function of input and data alone (a complete rule) is
	// evaluated once per evaluation, as topdown caches virtual documents.
	memo bool
	id   int
}

// resolvedCall replaces a CallStmt in the loaded plan: the callee found
// once, when the plan is loaded, rather than looked up on every call.
type resolvedCall struct {
	*ir.CallStmt
	callee
}

// callee is what a CallStmt calls: a planned function or a built-in.
type callee struct {
	fn      *function
	builtin topdown.BuiltinFunc
	name    string
	// memo: the call passes the caller's input and data to a complete
	// rule, whose value is then computed once per evaluation.
	memo bool
	// relation: a built-in with many values (walk), which the plan takes
	// as one array of them all.
	relation bool
}

// ErrUnsupported wraps what New cannot run.
var ErrUnsupported = errors.New("plan not supported")

// New loads a policy plan. It fails, wrapping ErrUnsupported, on a
// statement or built-in this package does not run, so that a caller can
// fall back to topdown for the whole policy. The VM runs p's functions
// (each rule's documents), not its plans (the query planned with them).
// It takes p over: it replaces p's call statements with resolved ones.
func New(p *ir.Policy) (*VM, error) {
	vm := &VM{funcs: map[string]*function{}, numbers: map[int]*ast.Term{}}
	if p.Static != nil {
		for _, s := range p.Static.Strings {
			vm.strings = append(vm.strings, ast.StringTerm(s.Value))
		}
	}
	id := 0
	if p.Funcs != nil {
		for _, f := range p.Funcs.Funcs {
			fn := &function{name: f.Name, params: f.Params, ret: f.Return, blocks: f.Blocks, memo: len(f.Params) == 2, id: id}
			id++
			vm.funcs[f.Name] = fn
		}
	}
	vm.nfuncs = id
	decls := map[string]*ast.Builtin{}
	for name, b := range ast.BuiltinMap {
		decls[name] = b
	}
	for _, f := range vm.funcs {
		size := int(ir.Data) + 1
		for _, l := range f.params {
			size = max(size, int(l)+1)
		}
		size = max(size, int(f.ret)+1)
		for _, b := range f.blocks {
			if err := vm.check(b, &size, decls); err != nil {
				return nil, fmt.Errorf("%s: %w", f.name, err)
			}
		}
		f.size = size
	}
	return vm, nil
}

// check walks a block: it resolves calls, notes the largest local and
// refuses what the VM does not run.
func (vm *VM) check(b *ir.Block, size *int, decls map[string]*ast.Builtin) error {
	local := func(l ir.Local) { *size = max(*size, int(l)+1) }
	op := func(o ir.Operand) error {
		switch v := o.Value.(type) {
		case ir.Local:
			local(v)
		case ir.StringIndex:
			if int(v) < 0 || int(v) >= len(vm.strings) {
				return fmt.Errorf("%w: string constant %d out of range", ErrUnsupported, v)
			}
		case ir.Bool:
		default:
			return fmt.Errorf("%w: operand %T", ErrUnsupported, o.Value)
		}
		return nil
	}
	for i, s := range b.Stmts {
		if rc, ok := s.(*resolvedCall); ok {
			// A plan loaded before: resolve its calls again.
			s = rc.CallStmt
		}
		var err error
		switch s := s.(type) {
		case *ir.CallStmt:
			local(s.Result)
			for _, a := range s.Args {
				if err = op(a); err != nil {
					return err
				}
			}
			if fn, ok := vm.funcs[s.Func]; ok {
				if len(fn.params) != len(s.Args) {
					return fmt.Errorf("%w: call of %s with %d arguments", ErrUnsupported, s.Func, len(s.Args))
				}
				b.Stmts[i] = &resolvedCall{s, callee{fn: fn, name: s.Func, memo: fn.memo && passesGlobals(s.Args)}}
				continue
			}
			bf := topdown.GetBuiltin(s.Func)
			decl := decls[s.Func]
			if bf == nil || decl == nil {
				return fmt.Errorf("%w: built-in %s", ErrUnsupported, s.Func)
			}
			if decl.Decl.Result() == nil {
				return fmt.Errorf("%w: void built-in %s", ErrUnsupported, s.Func)
			}
			if decl.Nondeterministic {
				// time.now_ns, http.send, rand: topdown gives them
				// the clock, caches and limits an evaluation needs.
				return fmt.Errorf("%w: non-deterministic built-in %s", ErrUnsupported, s.Func)
			}
			b.Stmts[i] = &resolvedCall{s, callee{builtin: bf, name: s.Func, relation: decl.Relation}}
		case *ir.ReturnLocalStmt:
			local(s.Source)
		case *ir.BlockStmt:
			for _, bb := range s.Blocks {
				if err = vm.check(bb, size, decls); err != nil {
					return err
				}
			}
		case *ir.BreakStmt, *ir.NopStmt:
		case *ir.DotStmt:
			local(s.Target)
			if err = op(s.Source); err == nil {
				err = op(s.Key)
			}
		case *ir.LenStmt:
			local(s.Target)
			err = op(s.Source)
		case *ir.ScanStmt:
			local(s.Source)
			local(s.Key)
			local(s.Value)
			err = vm.check(s.Block, size, decls)
		case *ir.NotStmt:
			err = vm.check(s.Block, size, decls)
		case *ir.AssignIntStmt:
			local(s.Target)
		case *ir.AssignVarStmt:
			local(s.Target)
			err = op(s.Source)
		case *ir.AssignVarOnceStmt:
			local(s.Target)
			err = op(s.Source)
		case *ir.ResetLocalStmt:
			local(s.Target)
		case *ir.MakeNullStmt:
			local(s.Target)
		case *ir.MakeNumberIntStmt:
			local(s.Target)
		case *ir.MakeNumberRefStmt:
			local(s.Target)
			if s.Index < 0 || s.Index >= len(vm.strings) {
				return fmt.Errorf("%w: number constant %d out of range", ErrUnsupported, s.Index)
			}
			text := string(vm.strings[s.Index].Value.(ast.String))
			if _, err := json.Number(text).Float64(); err != nil {
				return fmt.Errorf("%w: number constant %q", ErrUnsupported, text)
			}
			vm.numbers[s.Index] = ast.NumberTerm(json.Number(text))
		case *ir.MakeArrayStmt:
			local(s.Target)
		case *ir.MakeObjectStmt:
			local(s.Target)
		case *ir.MakeSetStmt:
			local(s.Target)
		case *ir.EqualStmt:
			if err = op(s.A); err == nil {
				err = op(s.B)
			}
		case *ir.NotEqualStmt:
			if err = op(s.A); err == nil {
				err = op(s.B)
			}
		case *ir.IsArrayStmt:
			err = op(s.Source)
		case *ir.IsObjectStmt:
			err = op(s.Source)
		case *ir.IsSetStmt:
			err = op(s.Source)
		case *ir.IsDefinedStmt:
			local(s.Source)
		case *ir.IsUndefinedStmt:
			local(s.Source)
		case *ir.ArrayAppendStmt:
			local(s.Array)
			err = op(s.Value)
		case *ir.ObjectInsertStmt:
			local(s.Object)
			if err = op(s.Key); err == nil {
				err = op(s.Value)
			}
		case *ir.ObjectInsertOnceStmt:
			local(s.Object)
			if err = op(s.Key); err == nil {
				err = op(s.Value)
			}
		case *ir.ObjectMergeStmt:
			local(s.A)
			local(s.B)
			local(s.Target)
		case *ir.SetAddStmt:
			local(s.Set)
			err = op(s.Value)
		default:
			// WithStmt and CallDynamicStmt: the built-in rules use
			// neither; a policy that does runs on topdown.
			return fmt.Errorf("%w: statement %T", ErrUnsupported, s)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Func is a planned function of input and data, found once by name.
type Func struct{ fn *function }

// Func returns the planned function of input and data of this name (a
// rule's document, such as "g0.data.rungate.rules.privileged.deny").
func (vm *VM) Func(name string) (Func, error) {
	fn, ok := vm.funcs[name]
	if !ok {
		return Func{}, fmt.Errorf("no planned function %s", name)
	}
	if len(fn.params) != 2 {
		return Func{}, fmt.Errorf("%s takes %d arguments, not input and data", name, len(fn.params))
	}
	return Func{fn}, nil
}

// Eval is one evaluation: the input and data every function receives, the
// memory of complete rules and the context built-ins are called with. Get
// one with NewEval and give it back with Release once nothing refers to the
// values it returned.
type Eval struct {
	vm   *VM
	ctx  context.Context
	bctx topdown.BuiltinContext
	// stop unhooks the evaluation's cancel from its context.
	stop  func() bool
	cache builtins.Cache
	// memo holds the values of complete rules computed so far, by
	// function id; memoSet says which are computed (a value may be
	// undefined).
	memo    []*ast.Term
	memoSet []bool
	// stack holds the frames of the functions being called: a frame is a
	// window of it, as wide as the function's locals.
	stack []*ast.Term
	sp    int
	// grow is the stack size the next evaluation starts with, when this
	// one needed more than it had.
	grow int
	// args is scratch space for built-in operands.
	args []*ast.Term
	// out is where onOutput leaves a built-in's value; output is
	// onOutput as a func value, made once rather than per call.
	out    *ast.Term
	output func(*ast.Term) error
	input  *ast.Term
	data   *ast.Term
	steps  int
}

// stackSize is the number of locals an evaluation starts with; a deeper
// one grows it.
const stackSize = 1024

// NewEval starts an evaluation on input and data (the whole data document,
// rooted at data).
func (vm *VM) NewEval(ctx context.Context, input, data ast.Value) *Eval {
	ev, _ := vm.evals.Get().(*Eval)
	if ev == nil {
		ev = &Eval{vm: vm, stack: make([]*ast.Term, stackSize), memo: make([]*ast.Term, vm.nfuncs), memoSet: make([]bool, vm.nfuncs), cache: builtins.Cache{}}
		ev.output = ev.onOutput
	}
	ev.ctx = ctx
	// Built-ins that loop (numbers.range, concat) stop on the cancel, not
	// on the context: a deadline must reach them too.
	cancel := topdown.NewCancel()
	ev.stop = context.AfterFunc(ctx, cancel.Cancel)
	ev.bctx = topdown.BuiltinContext{Context: ctx, Cancel: cancel, Cache: ev.cache}
	ev.input, ev.data = ast.NewTerm(input), ast.NewTerm(data)
	return ev
}

// Release returns the evaluation for reuse.
func (ev *Eval) Release() {
	ev.stop()
	clear(ev.cache)
	clear(ev.stack[:ev.sp])
	if ev.grow > len(ev.stack) {
		ev.stack, ev.grow = make([]*ast.Term, ev.grow), 0
	}
	clear(ev.memo)
	clear(ev.memoSet)
	clear(ev.args)
	ev.sp, ev.steps = 0, 0
	ev.ctx, ev.bctx, ev.input, ev.data, ev.stop = nil, topdown.BuiltinContext{}, nil, nil, nil
	ev.vm.evals.Put(ev)
}

// Call calls a planned function of input and data. ok is false when the
// document is undefined.
func (ev *Eval) Call(f Func) (v ast.Value, ok bool, err error) {
	t, err := ev.call(f.fn, nil, nil, true)
	if t == nil || err != nil {
		return nil, false, err
	}
	return t.Value, true, nil
}

// errConflict is OPA's error for a complete rule or object key with two
// values.
type errConflict struct{ what string }

func (e errConflict) Error() string { return "eval_conflict_error: " + e.what }

// passesGlobals reports whether a call's arguments are the input and data
// locals, as every call of a complete rule's function is.
func passesGlobals(args []ir.Operand) bool {
	if len(args) != 2 {
		return false
	}
	in, ok1 := args[0].Value.(ir.Local)
	data, ok2 := args[1].Value.(ir.Local)
	return ok1 && ok2 && in == ir.Input && data == ir.Data
}

// push returns a cleared frame of n locals.
func (ev *Eval) push(n int) []*ast.Term {
	if ev.sp+n > len(ev.stack) {
		// Frames below keep the old stack; only new ones use the new,
		// and the caller's frame is found again on return. Release
		// keeps the larger size for the next evaluation.
		size := max(2*len(ev.stack), n)
		ev.grow = max(ev.grow, ev.sp+size)
		ev.stack, ev.sp = make([]*ast.Term, size), 0
	}
	f := ev.stack[ev.sp : ev.sp+n : ev.sp+n]
	ev.sp += n
	return f
}

// call runs a function with its arguments given by operands of the
// caller's frame (nil: input and data); nil is undefined. memo caches the
// value of a function of the evaluation's input and data.
func (ev *Eval) call(fn *function, args []ir.Operand, caller []*ast.Term, memo bool) (*ast.Term, error) {
	if memo && ev.memoSet[fn.id] {
		return ev.memo[fn.id], nil
	}
	stack, sp := ev.stack, ev.sp
	locals := ev.push(fn.size)
	defer func() {
		clear(locals)
		ev.stack, ev.sp = stack, sp
	}()
	if args == nil {
		locals[ir.Input], locals[ir.Data] = ev.input, ev.data
	} else {
		for i, a := range args {
			v := ev.operand(a, caller)
			if v == nil {
				return nil, nil
			}
			locals[fn.params[i]] = v
		}
	}
	var result *ast.Term
	for _, b := range fn.blocks {
		brk, ret, err := ev.block(b, locals)
		if err != nil {
			return nil, err
		}
		if ret {
			result = locals[fn.ret]
			break
		}
		if brk > 0 {
			return nil, fmt.Errorf("%s: break out of the function", fn.name)
		}
	}
	if memo {
		ev.memo[fn.id], ev.memoSet[fn.id] = result, true
	}
	return result, nil
}

// cancelEvery is how many statements run between checks of the context.
const cancelEvery = 1024

// emptySet stands for every set a plan makes until something is added to
// it: most rules' deny sets stay empty, and an ast set costs several
// allocations. SetAddStmt replaces it in the set's term with a set of its
// own before adding; nothing else changes a set.
var emptySet = ast.NewSet()

var (
	trueTerm  = ast.InternedTerm(true)
	falseTerm = ast.InternedTerm(false)
	nullTerm  = ast.NullTerm()
)

// block runs a block. brk is how many enclosing blocks to leave after this
// one (0: go on after it; -1: it ran to its end); ret is true when a return
// statement ran.
func (ev *Eval) block(b *ir.Block, locals []*ast.Term) (brk int, ret bool, err error) {
	for _, s := range b.Stmts {
		ev.steps++
		if ev.steps%cancelEvery == 0 {
			if err := ev.ctx.Err(); err != nil {
				return 0, false, err
			}
		}
		switch s := s.(type) {
		case *ir.AssignVarStmt:
			locals[s.Target] = ev.operand(s.Source, locals)
		case *ir.DotStmt:
			v := dot(ev.operand(s.Source, locals), ev.operand(s.Key, locals))
			if v == nil {
				return 0, false, nil
			}
			locals[s.Target] = v
		case *resolvedCall:
			v, err := ev.callStmt(s, locals)
			if err != nil {
				return 0, false, err
			}
			if v == nil {
				return 0, false, nil
			}
			locals[s.Result] = v
		case *ir.AssignVarOnceStmt:
			src := ev.operand(s.Source, locals)
			if cur := locals[s.Target]; cur != nil && src != nil && ast.Compare(cur.Value, src.Value) != 0 {
				return 0, false, errConflict{"complete rules must not produce multiple outputs"}
			}
			locals[s.Target] = src
		case *ir.ArrayAppendStmt:
			// Arrays, objects and sets are built in place, as OPA's Wasm
			// runtime builds them: the planner appends only before it
			// hands a collection on.
			at := locals[s.Array]
			v := ev.operand(s.Value, locals)
			arr, ok := termValue[*ast.Array](at)
			if !ok || v == nil {
				return 0, false, nil
			}
			at.Value = arr.Append(v)
		case *ir.ObjectInsertStmt:
			obj, ok := termValue[ast.Object](locals[s.Object])
			k, v := ev.operand(s.Key, locals), ev.operand(s.Value, locals)
			if !ok || k == nil || v == nil {
				return 0, false, nil
			}
			obj.Insert(k, v)
		case *ir.ObjectInsertOnceStmt:
			obj, ok := termValue[ast.Object](locals[s.Object])
			k, v := ev.operand(s.Key, locals), ev.operand(s.Value, locals)
			if !ok || k == nil || v == nil {
				return 0, false, nil
			}
			if cur := obj.Get(k); cur != nil {
				if ast.Compare(cur.Value, v.Value) != 0 {
					return 0, false, errConflict{"object keys must be unique"}
				}
				continue
			}
			obj.Insert(k, v)
		case *ir.ResetLocalStmt:
			locals[s.Target] = nil
		case *ir.NotEqualStmt:
			a, b := ev.operand(s.A, locals), ev.operand(s.B, locals)
			if a == nil || b == nil || ast.Compare(a.Value, b.Value) == 0 {
				return 0, false, nil
			}
		case *ir.EqualStmt:
			a, b := ev.operand(s.A, locals), ev.operand(s.B, locals)
			if a == nil || b == nil || ast.Compare(a.Value, b.Value) != 0 {
				return 0, false, nil
			}
		case *ir.ReturnLocalStmt:
			return 0, true, nil
		case *ir.MakeObjectStmt:
			locals[s.Target] = ast.NewTerm(ast.NewObject())
		case *ir.BlockStmt:
			for _, bb := range s.Blocks {
				n, ret, err := ev.block(bb, locals)
				if err != nil || ret {
					return 0, ret, err
				}
				if n > 0 {
					return n - 1, false, nil
				}
			}
		case *ir.MakeArrayStmt:
			locals[s.Target] = ast.NewTerm(ast.NewArrayWithCapacity(int(s.Capacity)))
		case *ir.IsDefinedStmt:
			if locals[s.Source] == nil {
				return 0, false, nil
			}
		case *ir.IsUndefinedStmt:
			if locals[s.Source] != nil {
				return 0, false, nil
			}
		case *ir.SetAddStmt:
			st := locals[s.Set]
			set, ok := termValue[ast.Set](st)
			v := ev.operand(s.Value, locals)
			if !ok || v == nil {
				return 0, false, nil
			}
			if set == emptySet {
				set = ast.NewSet()
				st.Value = set
			}
			set.Add(v)
		case *ir.BreakStmt:
			return int(s.Index), false, nil
		case *ir.MakeSetStmt:
			locals[s.Target] = ast.NewTerm(emptySet)
		case *ir.ScanStmt:
			n, ret, err := ev.scan(s, locals)
			if err != nil || ret {
				return 0, ret, err
			}
			if n > 0 {
				return n - 1, false, nil
			}
		case *ir.NotStmt:
			// The negated block ran to its end: the negation is undefined.
			n, ret, err := ev.block(s.Block, locals)
			if err != nil || ret {
				return 0, ret, err
			}
			if n > 0 {
				return n - 1, false, nil
			}
			if n < 0 {
				return 0, false, nil
			}
		case *ir.MakeNumberRefStmt:
			locals[s.Target] = ev.vm.numbers[s.Index]
		case *ir.MakeNumberIntStmt:
			locals[s.Target] = intTerm(s.Value)
		case *ir.AssignIntStmt:
			locals[s.Target] = intTerm(s.Value)
		case *ir.MakeNullStmt:
			locals[s.Target] = nullTerm
		case *ir.LenStmt:
			var n int
			t := ev.operand(s.Source, locals)
			if t == nil {
				return 0, false, nil
			}
			switch v := t.Value.(type) {
			case *ast.Array:
				n = v.Len()
			case ast.Object:
				n = v.Len()
			case ast.Set:
				n = v.Len()
			default:
				return 0, false, nil
			}
			locals[s.Target] = intTerm(int64(n))
		case *ir.IsArrayStmt:
			if _, ok := termValue[*ast.Array](ev.operand(s.Source, locals)); !ok {
				return 0, false, nil
			}
		case *ir.IsObjectStmt:
			if _, ok := termValue[ast.Object](ev.operand(s.Source, locals)); !ok {
				return 0, false, nil
			}
		case *ir.IsSetStmt:
			if _, ok := termValue[ast.Set](ev.operand(s.Source, locals)); !ok {
				return 0, false, nil
			}
		case *ir.ObjectMergeStmt:
			a, okA := termValue[ast.Object](locals[s.A])
			b, okB := termValue[ast.Object](locals[s.B])
			if !okA || !okB {
				return 0, false, errConflict{"object merge of non-objects"}
			}
			merged, ok := a.Merge(b)
			if !ok {
				return 0, false, errConflict{"object keys must be unique"}
			}
			locals[s.Target] = ast.NewTerm(merged)
		case *ir.NopStmt:
		default:
			return 0, false, fmt.Errorf("statement %T not supported", s)
		}
	}
	return -1, false, nil
}

// termValue returns a term's value as a T.
func termValue[T ast.Value](t *ast.Term) (T, bool) {
	var zero T
	if t == nil {
		return zero, false
	}
	v, ok := t.Value.(T)
	return v, ok
}

func intTerm(i int64) *ast.Term {
	return ast.InternedTerm(int(i))
}

// scan runs a scan's block for each element of its source, in the order
// topdown iterates (arrays by index, objects and sets by sorted key).
func (ev *Eval) scan(s *ir.ScanStmt, locals []*ast.Term) (brk int, ret bool, err error) {
	src := locals[s.Source]
	if src == nil {
		return 0, false, nil
	}
	switch v := src.Value.(type) {
	case *ast.Array:
		for i := range v.Len() {
			if stop, brk, ret, err := ev.scanOne(s, locals, intTerm(int64(i)), v.Elem(i)); stop {
				return brk, ret, err
			}
		}
	case ast.Object:
		for _, k := range v.Keys() {
			if stop, brk, ret, err := ev.scanOne(s, locals, k, v.Get(k)); stop {
				return brk, ret, err
			}
		}
	case ast.Set:
		for _, t := range v.Slice() {
			if stop, brk, ret, err := ev.scanOne(s, locals, t, t); stop {
				return brk, ret, err
			}
		}
	}
	return 0, false, nil
}

// scanOne runs a scan's block for one element; stop ends the scan.
func (ev *Eval) scanOne(s *ir.ScanStmt, locals []*ast.Term, k, v *ast.Term) (stop bool, brk int, ret bool, err error) {
	locals[s.Key], locals[s.Value] = k, v
	n, ret, err := ev.block(s.Block, locals)
	if err != nil || ret {
		return true, 0, ret, err
	}
	if n > 0 {
		return true, n, false, nil
	}
	return false, 0, false, nil
}

// operand resolves an operand to its term; nil is undefined.
func (ev *Eval) operand(o ir.Operand, locals []*ast.Term) *ast.Term {
	switch v := o.Value.(type) {
	case ir.Local:
		return locals[v]
	case ir.StringIndex:
		return ev.vm.strings[v]
	case ir.Bool:
		if v {
			return trueTerm
		}
		return falseTerm
	}
	return nil
}

// dot looks key up in an object, array or set; nil when it is not there.
func dot(src, key *ast.Term) *ast.Term {
	if src == nil || key == nil {
		return nil
	}
	switch s := src.Value.(type) {
	case ast.Object:
		return s.Get(key)
	case *ast.Array:
		n, ok := key.Value.(ast.Number)
		if !ok {
			return nil
		}
		i, ok := n.Int()
		if !ok || i < 0 || i >= s.Len() {
			return nil
		}
		return s.Elem(i)
	case ast.Set:
		if s.Contains(key) {
			return key
		}
	}
	return nil
}

// onOutput takes a built-in's value. The built-ins the VM calls have one
// value or none.
func (ev *Eval) onOutput(t *ast.Term) error {
	ev.out = t
	return nil
}

// callStmt calls a planned function or a built-in; nil is undefined.
func (ev *Eval) callStmt(s *resolvedCall, locals []*ast.Term) (*ast.Term, error) {
	c := &s.callee
	if c.fn != nil {
		if c.memo {
			return ev.call(c.fn, nil, nil, true)
		}
		return ev.call(c.fn, s.Args, locals, false)
	}
	base := len(ev.args)
	defer func() {
		clear(ev.args[base:])
		ev.args = ev.args[:base]
	}()
	for _, a := range s.Args {
		v := ev.operand(a, locals)
		if v == nil {
			return nil, nil
		}
		ev.args = append(ev.args, v)
	}
	var out *ast.Term
	var err error
	if c.relation {
		var all []*ast.Term
		err = c.builtin(ev.bctx, ev.args[base:], func(t *ast.Term) error {
			all = append(all, t)
			return nil
		})
		out = ast.NewTerm(ast.NewArray(all...))
	} else {
		ev.out = nil
		err = c.builtin(ev.bctx, ev.args[base:], ev.output)
		out, ev.out = ev.out, nil
	}
	if err != nil {
		var halt topdown.Halt
		if errors.As(err, &halt) {
			return nil, fmt.Errorf("%s: %w", c.name, halt.Err)
		}
		if err := ev.ctx.Err(); err != nil {
			return nil, err
		}
		// Not strict: an error is an undefined call, as in topdown.
		return nil, nil
	}
	// A test (x > 1) is planned as a call whose boolean result the next
	// statement compares with false: the value passes as it is.
	return out, nil
}
