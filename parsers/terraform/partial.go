package terraform

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// walker evaluates an expression the way HCL does, keeping what Terraform's
// semantics decide beyond cty (see refined). Only the nodes on the way
// from a refined value (a merge, a for expression, a reference to a
// refined local, output, variable or resource) to the result are walked;
// every other subexpression is evaluated by HCL itself, and a walked node
// whose refinement does not matter is handed back to HCL with its children
// already evaluated, so that values and diagnostics are HCL's own.
type walker struct {
	s *scope
	// roots holds what the expression's traversals refer to: var, local,
	// module, data, resources, each, count, path, terraform, self.
	roots map[string]refined
	// bound holds the variables of enclosing for expressions and dynamic
	// blocks.
	bound map[string]refined
	ctx   *hcl.EvalContext
}

// evalRefined evaluates e in the scope, refined. Errors are reported once.
func (s *scope) evalRefined(e hcl.Expression) refined {
	if v, ok := literal(e); ok {
		return plain(v)
	}
	// Only pointer expressions are memoized. A node of the syntax tree is a
	// pointer, whose identity is its place in the source. Expressions of
	// other types are values made for one evaluation (dynblock's wrapper
	// around the expressions of one dynamic block instance, hcl.StaticExpr)
	// that can hold maps (the wrapper's marks, a marked cty value): a map
	// key of such a type panics when it is hashed.
	memo := reflect.TypeOf(e).Kind() == reflect.Pointer
	if memo {
		if r, ok := s.memo[e]; ok {
			return r
		}
	}
	var (
		r     refined
		diags hcl.Diagnostics
	)
	switch x := e.(type) {
	case hclsyntax.Expression:
		var ok bool
		if r, ok = s.evalReference(x); !ok {
			w := &walker{s: s, roots: s.rootValues(variablesOf(x))}
			r, diags = w.eval(x)
		}
	default:
		r, diags = s.evalWrapped(e)
	}
	s.addDiags(diags)
	if diags.HasErrors() && !r.v.IsKnown() && reasonOf(r.v) == "" {
		// Say which error left the value unknown, for the notes that name it.
		r.v = r.v.Mark(reasonMark{errorReason(diags)})
	}
	if memo {
		s.memo[e] = r
	}
	return r
}

// evalReference evaluates a lone reference to an attribute of a variable,
// a local or a resource (var.x, local.x.y, aws_x.y.id): what the walker
// does, reading the referenced value where it would read it from the
// object of its root name, without building that object and its context.
// ok is false for any other expression, and when the traversal has
// something to report (the general path reports it, as HCL words it).
func (s *scope) evalReference(e hclsyntax.Expression) (refined, bool) {
	st, isTraversal := e.(*hclsyntax.ScopeTraversalExpr)
	if !isTraversal || len(st.Traversal) < 2 || s.u.t.opts.general {
		return refined{}, false
	}
	t := st.Traversal
	attr, isAttr := t[1].(hcl.TraverseAttr)
	if !isAttr || !isASCII(attr.Name) {
		// An object normalizes its attribute names (NFC), which an
		// ASCII name needs not.
		return refined{}, false
	}
	var v refined
	switch root := t.RootName(); root {
	case "var":
		v = s.variableRef(t, attr.Name)
	case "local":
		v = s.localRef(t, attr.Name)
	case "module", "data", "path", "terraform", "count", "each", "self":
		return refined{}, false
	default:
		var ok bool
		if v, ok = s.resourceRef(t, root, attr.Name); !ok {
			return refined{}, false
		}
	}
	r, diags := v.traverse(t[2:])
	if len(diags) > 0 {
		return refined{}, false
	}
	return r, true
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// evalWrapped evaluates an expression that is not a node of the syntax
// tree: most often an attribute of a block that a dynamic block generated,
// which dynblock wraps with the block's iterators. Those the walker
// evaluates like any other expression, with the iterators bound. The
// iterators do not depend on the context the wrapper is given (see
// unwrapDynamic), so they are found first, and the expression's variables
// once: the wrapper's own are the inner expression's but the iterators.
func (s *scope) evalWrapped(e hcl.Expression) (refined, hcl.Diagnostics) {
	if s.u.t.opts.general {
		w := &walker{s: s, roots: s.rootValues(e.Variables())}
		if inner, bound, marks, ok := unwrapDynamic(e, w.context()); ok && w.with(bound).knowsAll(inner) {
			r, diags := w.with(bound).eval(inner)
			r.v = r.v.WithMarks(marks)
			return r, diags
		}
		v, diags := e.Value(w.context())
		return plain(v), diags
	}
	inner, bound, marks, ok := unwrapDynamic(e, &hcl.EvalContext{})
	if !ok {
		w := &walker{s: s, roots: s.rootValues(e.Variables())}
		v, diags := e.Value(w.context())
		return plain(v), diags
	}
	innerVars := inner.Variables()
	var outer []hcl.Traversal
	for _, t := range innerVars {
		if _, iterator := bound[t.RootName()]; !iterator {
			outer = append(outer, t)
		}
	}
	w := &walker{s: s, roots: s.rootValues(outer)}
	bw := w.with(bound)
	for _, t := range innerVars {
		if _, ok := bw.lookup(t.RootName()); !ok {
			v, diags := e.Value(w.context())
			return plain(v), diags
		}
	}
	r, diags := bw.eval(inner)
	r.v = r.v.WithMarks(marks)
	return r, diags
}

// literal returns the value of a literal number, bool or quoted string
// without interpolation, which needs no context: most attributes of rules
// are literals, and evaluating them as any other expression (finding their
// variables, building a context) was a tenth of a run's time.
func literal(e hcl.Expression) (cty.Value, bool) {
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return x.Val, true
	case *hclsyntax.TemplateExpr:
		if len(x.Parts) == 1 {
			if l, ok := x.Parts[0].(*hclsyntax.LiteralValueExpr); ok && l.Val.Type() == cty.String && l.Val.IsKnown() && !l.Val.IsNull() {
				return l.Val, true
			}
		}
	}
	return cty.NilVal, false
}

// variablesOf returns e.Variables(), without walking a literal: finding
// the variables of an expression allocates for every node it visits, and
// most attributes of rules are literals, which refer to nothing.
func variablesOf(e hcl.Expression) []hcl.Traversal {
	if _, ok := literal(e); ok {
		return nil
	}
	if st, ok := e.(*hclsyntax.ScopeTraversalExpr); ok {
		// What hclsyntax.Variables finds in a lone traversal, without its
		// walker.
		return []hcl.Traversal{st.Traversal}
	}
	return e.Variables()
}

// context is the evaluation context of HCL for the walker's variables,
// lowered to cty.
func (w *walker) context() *hcl.EvalContext {
	if w.ctx != nil {
		return w.ctx
	}
	vars := make(map[string]cty.Value, len(w.roots))
	for name, r := range w.roots {
		vars[name] = r.v
	}
	w.ctx = &hcl.EvalContext{Variables: vars, Functions: w.s.funcs}
	if len(w.bound) > 0 {
		child := w.ctx.NewChild()
		child.Variables = make(map[string]cty.Value, len(w.bound))
		for name, r := range w.bound {
			child.Variables[name] = r.v
		}
		w.ctx = child
	}
	return w.ctx
}

// with returns a walker that also knows the variables vars.
func (w *walker) with(vars map[string]refined) *walker {
	bound := make(map[string]refined, len(w.bound)+len(vars))
	maps.Copy(bound, w.bound)
	maps.Copy(bound, vars)
	return &walker{s: w.s, roots: w.roots, bound: bound}
}

// knowsAll reports whether the walker has a value for every variable that
// e refers to.
func (w *walker) knowsAll(e hclsyntax.Expression) bool {
	for _, t := range e.Variables() {
		if _, ok := w.lookup(t.RootName()); !ok {
			return false
		}
	}
	return true
}

// lookup returns the value of a variable by its root name.
func (w *walker) lookup(name string) (refined, bool) {
	if r, ok := w.bound[name]; ok {
		return r, true
	}
	r, ok := w.roots[name]
	return r, ok
}

// needsWalk reports whether e holds something that a refinement may come
// from: a merge, flatten or for expression, or a reference to a refined
// value. Everything else HCL evaluates alone.
func (w *walker) needsWalk(e hclsyntax.Expression) bool {
	if !w.s.u.t.opts.general {
		switch x := e.(type) {
		case *hclsyntax.LiteralValueExpr:
			return false
		case *hclsyntax.ScopeTraversalExpr:
			// A node with no children: what VisitAll would find, without it.
			r, ok := w.lookup(x.Traversal.RootName())
			return ok && !r.isPlain()
		}
	}
	found := false
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if found {
			return nil
		}
		switch n := n.(type) {
		case *hclsyntax.FunctionCallExpr:
			found = refinedFunction(n.Name) != nil
		case *hclsyntax.ForExpr:
			found = true
		case *hclsyntax.ScopeTraversalExpr:
			if r, ok := w.lookup(n.Traversal.RootName()); ok && !r.isPlain() {
				found = true
			}
		}
		return nil
	})
	return found
}

// reasonFor says why v, the value of e, is not wholly known, from the
// reasons that the values e refers to carry; "" when none does (HCL's own
// placeholders carry none: the reason is then found where the whole
// expression is evaluated).
func (w *walker) reasonFor(e hclsyntax.Expression, v cty.Value) string {
	if r := reasonOf(v); r != "" {
		return r
	}
	var out []string
	for _, t := range e.Variables() {
		root, ok := w.lookup(t.RootName())
		if !ok {
			continue
		}
		tv, diags := root.traverse(t[1:])
		if diags.HasErrors() || tv.v.IsWhollyKnown() {
			continue
		}
		if r := reasonOf(tv.v); r != "" {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), "; ")
}

// markReason gives v, the value of e, the reasons of its unknowns when it
// has lost them (functions drop them).
func (w *walker) markReason(e hclsyntax.Expression, v cty.Value) cty.Value {
	if v.IsWhollyKnown() || reasonOf(v) != "" {
		return v
	}
	if r := w.reasonFor(e, v); r != "" {
		return v.Mark(reasonMark{r})
	}
	return v
}

// native evaluates e with HCL alone.
func (w *walker) native(e hclsyntax.Expression) (refined, hcl.Diagnostics) {
	if st, ok := e.(*hclsyntax.ScopeTraversalExpr); ok && !w.s.u.t.opts.general {
		// HCL would look the root up in the context, bound names first,
		// and traverse the rest: done here without building the context.
		// A traversal that fails goes to HCL, for its diagnostics.
		if root, ok := w.lookup(st.Traversal.RootName()); ok {
			if v, diags := st.Traversal[1:].TraverseRel(root.v); len(diags) == 0 {
				return plain(v), nil
			}
		}
	}
	v, diags := e.Value(w.context())
	return plain(v), diags
}

// eval evaluates e, refined.
func (w *walker) eval(e hclsyntax.Expression) (refined, hcl.Diagnostics) {
	if !w.needsWalk(e) {
		return w.native(e)
	}
	switch e := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		r, ok := w.lookup(e.Traversal.RootName())
		if !ok {
			return w.native(e)
		}
		return r.traverse(e.Traversal[1:])
	case *hclsyntax.RelativeTraversalExpr:
		src, diags := w.eval(e.Source)
		r, more := src.traverse(e.Traversal)
		return r, append(diags, more...)
	case *hclsyntax.IndexExpr:
		coll, diags := w.eval(e.Collection)
		key, more := w.eval(e.Key)
		diags = append(diags, more...)
		r, more := coll.index(key.v, &e.BracketRange)
		return r, append(diags, more...)
	case *hclsyntax.ParenthesesExpr:
		return w.eval(e.Expression)
	case *hclsyntax.TemplateWrapExpr:
		return w.eval(e.Wrapped)
	case *hclsyntax.ObjectConsKeyExpr:
		// A bare name is the key itself (HCL rejects a bare multi-step
		// traversal); anything else is evaluated.
		if _, trav := e.Wrapped.(*hclsyntax.ScopeTraversalExpr); trav && !e.ForceNonLiteral || hcl.ExprAsKeyword(e.Wrapped) != "" && !e.ForceNonLiteral {
			return w.native(e)
		}
		return w.eval(e.Wrapped)
	case *hclsyntax.FunctionCallExpr:
		if f := refinedFunction(e.Name); f != nil {
			return f(w, e)
		}
	case *hclsyntax.ConditionalExpr:
		return w.conditional(e)
	case *hclsyntax.ForExpr:
		return w.forExpr(e)
	case *hclsyntax.ObjectConsExpr:
		return w.object(e)
	case *hclsyntax.TupleConsExpr:
		return w.tuple(e)
	}
	return w.generic(e)
}

// evaluated is an expression whose value and diagnostics are already
// known: it stands for a walked child when a node goes back to HCL.
type evaluated struct {
	*hclsyntax.LiteralValueExpr
	diags hcl.Diagnostics
}

func (e evaluated) Value(*hcl.EvalContext) (cty.Value, hcl.Diagnostics) { return e.Val, e.diags }

// evaluate walks e and wraps its value for HCL; r is the refined value.
func (w *walker) evaluate(e hclsyntax.Expression) (hclsyntax.Expression, refined) {
	r, diags := w.eval(e)
	return evaluatedAs(e, r.v, diags), r
}

// evaluatedAs stands for e, whose value is v, with its diagnostics.
func evaluatedAs(e hclsyntax.Expression, v cty.Value, diags hcl.Diagnostics) evaluated {
	return evaluated{LiteralValueExpr: &hclsyntax.LiteralValueExpr{Val: v, SrcRange: e.Range()}, diags: diags}
}

// generic walks the children of e and lets HCL evaluate e itself on their
// values, refinements dropped.
func (w *walker) generic(e hclsyntax.Expression) (refined, hcl.Diagnostics) {
	ev := func(c hclsyntax.Expression) hclsyntax.Expression {
		x, _ := w.evaluate(c)
		return x
	}
	var n hclsyntax.Expression
	switch e := e.(type) {
	case *hclsyntax.BinaryOpExpr:
		c := *e
		c.LHS, c.RHS = ev(e.LHS), ev(e.RHS)
		n = &c
	case *hclsyntax.UnaryOpExpr:
		c := *e
		c.Val = ev(e.Val)
		n = &c
	case *hclsyntax.TemplateExpr:
		c := *e
		c.Parts = make([]hclsyntax.Expression, len(e.Parts))
		for i, p := range e.Parts {
			c.Parts[i] = ev(p)
		}
		n = &c
	case *hclsyntax.TemplateJoinExpr:
		c := *e
		c.Tuple = ev(e.Tuple)
		n = &c
	case *hclsyntax.SplatExpr:
		c := *e
		c.Source = ev(e.Source)
		n = &c
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "try" || e.Name == "can" {
			// Their arguments are expressions, evaluated by the function.
			return w.native(e)
		}
		c := *e
		c.Args = make([]hclsyntax.Expression, len(e.Args))
		for i, a := range e.Args {
			c.Args[i] = ev(a)
		}
		n = &c
	default:
		return w.native(e)
	}
	v, diags := n.Value(w.context())
	return plain(v), diags
}

// object evaluates an object constructor, keeping refined attribute values.
func (w *walker) object(e *hclsyntax.ObjectConsExpr) (refined, hcl.Diagnostics) {
	c := *e
	c.Items = make([]hclsyntax.ObjectConsItem, len(e.Items))
	keys := make([]cty.Value, len(e.Items))
	vals := make([]refined, len(e.Items))
	for i, item := range e.Items {
		var k refined
		c.Items[i].KeyExpr, k = w.evaluate(item.KeyExpr)
		keys[i] = k.v
		c.Items[i].ValueExpr, vals[i] = w.evaluate(item.ValueExpr)
	}
	v, diags := c.Value(w.context())
	if !v.IsKnown() || diags.HasErrors() {
		return plain(v), diags
	}
	items := map[string]refined{}
	for i := range keys {
		if k, ok := elementKey(cty.EmptyObject, keys[i]); ok {
			items[k] = vals[i]
		}
	}
	return withElems(v, items), diags
}

// tuple evaluates a tuple constructor, keeping refined elements.
func (w *walker) tuple(e *hclsyntax.TupleConsExpr) (refined, hcl.Diagnostics) {
	c := *e
	c.Exprs = make([]hclsyntax.Expression, len(e.Exprs))
	items := map[string]refined{}
	for i, x := range e.Exprs {
		var r refined
		c.Exprs[i], r = w.evaluate(x)
		items[strconv.Itoa(i)] = r
	}
	v, diags := c.Value(w.context())
	if !v.IsKnown() || diags.HasErrors() {
		return plain(v), diags
	}
	return withElems(v, items), diags
}

// conditional evaluates `c ? a : b`: the chosen result keeps its
// refinement when the condition is known.
func (w *walker) conditional(e *hclsyntax.ConditionalExpr) (refined, hcl.Diagnostics) {
	c := *e
	var cond, t, f refined
	c.Condition, cond = w.evaluate(e.Condition)
	c.TrueResult, t = w.evaluate(e.TrueResult)
	c.FalseResult, f = w.evaluate(e.FalseResult)
	v, diags := c.Value(w.context())
	uc, _ := cond.v.Unmark()
	if diags.HasErrors() || !uc.IsKnown() || uc.IsNull() || !uc.Type().Equals(cty.Bool) {
		return plain(v), diags
	}
	chosen := f
	if uc.True() {
		chosen = t
	}
	if chosen.isPlain() {
		return plain(v), diags
	}
	uv, _ := v.Unmark()
	r, err := chosen.convertTo(uv.Type())
	if err != nil {
		return plain(v), diags
	}
	return r, diags
}

// unwrapDynamic returns the expression that a dynamic block's generated
// attribute wraps, with the values of the block's iterators, so that the
// walker evaluates it like any other. ok is false for any other
// expression.
//
// dynblock keeps the iterators in an unexported field; the wrapper is
// asked to evaluate a probe instead of the expression, which hands over
// the context the wrapper builds.
func unwrapDynamic(e hcl.Expression, ctx *hcl.EvalContext) (inner hclsyntax.Expression, bound map[string]refined, marks cty.ValueMarks, ok bool) {
	wrapper, isWrapper := e.(interface{ UnwrapExpression() hcl.Expression })
	if !isWrapper {
		return nil, nil, nil, false
	}
	inner, ok = wrapper.UnwrapExpression().(hclsyntax.Expression)
	if !ok {
		return nil, nil, nil, false
	}
	rv := reflect.ValueOf(e)
	if rv.Kind() != reflect.Struct {
		return nil, nil, nil, false
	}
	field, found := rv.Type().FieldByName("Expression")
	if !found || !field.Anonymous || field.Type != reflect.TypeFor[hcl.Expression]() {
		return nil, nil, nil, false
	}
	cp := reflect.New(rv.Type()).Elem()
	cp.Set(rv)
	p := &probe{Expression: inner}
	cp.FieldByIndex(field.Index).Set(reflect.ValueOf(hcl.Expression(p)))
	wrapped, isExpr := reflect.TypeAssert[hcl.Expression](cp)
	if !isExpr {
		return nil, nil, nil, false
	}
	got, _ := wrapped.Value(ctx)
	if p.ctx == nil {
		return nil, nil, nil, false
	}
	_, marks = got.Unmark()
	bound = map[string]refined{}
	for c := p.ctx; c != nil && c != ctx; c = c.Parent() {
		for name, v := range c.Variables {
			if _, seen := bound[name]; !seen {
				bound[name] = plain(v)
			}
		}
	}
	return inner, bound, marks, true
}

// probe records the context it is evaluated in.
type probe struct {
	hcl.Expression
	ctx *hcl.EvalContext
}

func (p *probe) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	p.ctx = ctx
	return cty.DynamicVal, nil
}

// forExpr evaluates a for expression. Over a known collection whose
// elements are refined, or whose body reads refined values, it iterates
// as HCL does, keeping refinements. Over a collection that is not known,
// the result is unknown, but each element of a tuple is the body, whatever
// element it was computed from: when the body does not depend on the
// element, the result is a list of unknown length of known elements. Over
// a map whose key set is unknown, the entries known to be present give
// entries known to be present.
func (w *walker) forExpr(e *hclsyntax.ForExpr) (refined, hcl.Diagnostics) {
	c := *e
	var coll refined
	c.CollExpr, coll = w.evaluate(e.CollExpr)
	v, diags := c.Value(w.context())
	uc, _ := coll.v.Unmark()
	if diags.HasErrors() || uc.IsNull() {
		return plain(v), diags
	}
	if !uc.IsKnown() {
		return w.forUnknown(e, coll, v), diags
	}
	body := []hclsyntax.Expression{e.ValExpr}
	if e.KeyExpr != nil {
		body = append(body, e.KeyExpr)
	}
	if e.CondExpr != nil {
		body = append(body, e.CondExpr)
	}
	if coll.isPlain() && !slices.ContainsFunc(body, w.needsWalk) {
		return plain(v), diags
	}
	if r, ok := w.iterate(e, coll); ok {
		return r, diags
	}
	return plain(v), diags
}

// forUnknown refines v, the value HCL gives a for expression over coll, a
// collection that is not known.
func (w *walker) forUnknown(e *hclsyntax.ForExpr, coll refined, v cty.Value) refined {
	uc, _ := coll.v.Unmark()
	if e.KeyExpr != nil {
		if !coll.isOpen() || e.Group {
			return plain(v)
		}
		// Each entry known to be present gives its entry; another entry
		// giving the same key would be an error.
		keys := slices.Sorted(maps.Keys(coll.elems))
		entries := map[string]refined{}
		for _, k := range keys {
			vars := map[string]refined{e.ValVar: coll.elems[k]}
			if e.KeyVar != "" {
				vars[e.KeyVar] = plain(cty.StringVal(k))
			}
			key, val, include, ok := w.with(vars).forItem(e)
			if ok && include {
				entries[key] = val
			}
		}
		return open(v, entries)
	}
	elem := plain(cty.DynamicVal.WithMarks(reasonMarks(coll.v)))
	key := plain(cty.DynamicVal)
	switch ty := uc.Type(); {
	case coll.each != nil:
		elem, key = *coll.each, plain(cty.UnknownVal(cty.Number))
	case ty.IsListType() || ty.IsSetType():
		elem = plain(cty.UnknownVal(ty.ElementType()).WithMarks(reasonMarks(coll.v)))
		key = plain(cty.UnknownVal(cty.Number))
	case ty.IsMapType():
		elem = plain(cty.UnknownVal(ty.ElementType()).WithMarks(reasonMarks(coll.v)))
		key = plain(cty.UnknownVal(cty.String))
	}
	vars := map[string]refined{e.ValVar: elem}
	if e.KeyVar != "" {
		vars[e.KeyVar] = key
	}
	val, diags := w.with(vars).eval(e.ValExpr)
	if diags.HasErrors() || (val.isPlain() && !val.v.IsKnown()) {
		return plain(v)
	}
	return refined{v: v, each: &val}
}

// iterate evaluates a for expression over a known collection element by
// element, as HCL does. ok is false when an element gives an error or an
// unknown key or condition: HCL's own value then stands.
func (w *walker) iterate(e *hclsyntax.ForExpr, coll refined) (refined, bool) {
	keys, items := coll.elements()
	var (
		list   []refined
		attrs  = map[string]refined{}
		groups = map[string][]refined{}
	)
	for i, item := range items {
		vars := map[string]refined{e.ValVar: item}
		if e.KeyVar != "" {
			vars[e.KeyVar] = plain(keys[i])
		}
		key, val, include, ok := w.with(vars).forItem(e)
		switch {
		case !ok:
			return refined{}, false
		case !include:
			continue
		case e.KeyExpr == nil:
			list = append(list, val)
		case e.Group:
			groups[key] = append(groups[key], val)
		default:
			if _, dup := attrs[key]; dup {
				return refined{}, false
			}
			attrs[key] = val
		}
	}
	_, marks := coll.v.Unmark()
	var r refined
	switch {
	case e.KeyExpr == nil:
		r = tuple(list)
	case e.Group:
		for k, g := range groups {
			attrs[k] = tuple(g)
		}
		r = record(attrs)
	default:
		r = record(attrs)
	}
	r.v = r.v.WithMarks(marks)
	return r, true
}

// forItem evaluates the condition, key and value of a for expression for
// one element (the walker knows its variables). ok is false when any of
// them has an error or is not known.
func (w *walker) forItem(e *hclsyntax.ForExpr) (key string, val refined, include, ok bool) {
	if e.CondExpr != nil {
		b, ok := w.evalKnown(e.CondExpr, cty.Bool)
		if !ok {
			return "", refined{}, false, false
		}
		if b.False() {
			return "", refined{}, false, true
		}
	}
	if e.KeyExpr != nil {
		k, ok := w.evalKnown(e.KeyExpr, cty.String)
		if !ok {
			return "", refined{}, false, false
		}
		key = k.AsString()
	}
	val, diags := w.eval(e.ValExpr)
	if diags.HasErrors() {
		return "", refined{}, false, false
	}
	return key, val, true, true
}

// evalKnown evaluates e and converts its value, unmarked, to ty; ok is
// false when e has an error, or its value is not known, null or of no
// such type.
func (w *walker) evalKnown(e hclsyntax.Expression, ty cty.Type) (cty.Value, bool) {
	r, diags := w.eval(e)
	v, _ := r.v.UnmarkDeep()
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() {
		return cty.NilVal, false
	}
	v, err := convert.Convert(v, ty)
	return v, err == nil
}

// dynamicForEach is the for_each of a dynamic block, handed to dynblock:
// it evaluates with the walker, so that a collection Terraform decides
// (`flatten([for x in unknown : []])`, empty) is known to dynblock too.
type dynamicForEach struct {
	hclsyntax.Expression
	s *scope
}

func (e dynamicForEach) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	// dynblock evaluates the for_each in the context it was given, or in
	// a child that holds the iterators of enclosing dynamic blocks.
	bound := map[string]refined{}
	for c := ctx; c != nil && c.Parent() != nil; c = c.Parent() {
		for name, v := range c.Variables {
			if _, seen := bound[name]; !seen {
				bound[name] = plain(v)
			}
		}
	}
	var travs []hcl.Traversal
	for _, t := range e.Variables() {
		if _, ok := bound[t.RootName()]; !ok {
			travs = append(travs, t)
		}
	}
	w := (&walker{s: e.s, roots: e.s.rootValues(travs)}).with(bound)
	if !w.knowsAll(e.Expression) {
		v, diags := e.Expression.Value(ctx)
		return oneUnknownElement(v), diags
	}
	r, diags := w.eval(e.Expression)
	return oneUnknownElement(r.v), diags
}

// oneUnknownElement stands for a collection that is not known: a known set
// of one unknown element of the collection's element type, marked as the
// collection was (with why it is unknown). Given an unknown for_each,
// dynblock would generate one block whose every value is unknown; given
// this, it generates one block whose content is evaluated with the
// iterator's key and value unknown and everything else as written, which
// is what every block the collection can generate has in common
// (ruleSet reads it as the rules of the dynamic block, however many). Any
// other value is returned as it is.
func oneUnknownElement(v cty.Value) cty.Value {
	uv, marks := v.Unmark()
	if uv.IsKnown() {
		return v
	}
	ty := uv.Type()
	elem := cty.DynamicPseudoType
	switch {
	case ty.IsCollectionType():
		elem = ty.ElementType()
	case ty.IsTupleType(), ty.IsObjectType(), ty.Equals(cty.DynamicPseudoType):
	default:
		return v // not a collection: dynblock says so
	}
	return cty.SetVal([]cty.Value{cty.UnknownVal(elem)}).WithMarks(marks)
}

// forEachBody is a body of another syntax than HCL's native one (.tf.json)
// whose dynamic blocks, at any depth, read their for_each through
// oneUnknownElement, as withDynamicForEach makes native bodies do.
type forEachBody struct {
	hcl.Body
	dynamic bool // the body of a dynamic block
}

func (b forEachBody) Content(sc *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, diags := b.Body.Content(sc)
	return b.wrap(c), diags
}

func (b forEachBody) PartialContent(sc *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	c, rest, diags := b.Body.PartialContent(sc)
	return b.wrap(c), forEachBody{Body: rest, dynamic: b.dynamic}, diags
}

// wrap returns c with its for_each read by oneUnknownElement in the body of
// a dynamic block, and its blocks' bodies wrapped in turn.
func (b forEachBody) wrap(c *hcl.BodyContent) *hcl.BodyContent {
	if c == nil {
		return nil
	}
	out := *c
	if fe := c.Attributes["for_each"]; b.dynamic && fe != nil {
		out.Attributes = maps.Clone(c.Attributes)
		a := *fe
		a.Expr = oneUnknownForEach{Expression: fe.Expr}
		out.Attributes["for_each"] = &a
	}
	out.Blocks = make(hcl.Blocks, len(c.Blocks))
	for i, blk := range c.Blocks {
		nb := *blk
		nb.Body = forEachBody{Body: blk.Body, dynamic: blk.Type == "dynamic"}
		out.Blocks[i] = &nb
	}
	return &out
}

// oneUnknownForEach is the for_each of a dynamic block of a forEachBody.
type oneUnknownForEach struct{ hcl.Expression }

func (e oneUnknownForEach) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	v, diags := e.Expression.Value(ctx)
	return oneUnknownElement(v), diags
}

// withDynamicForEach returns body with the for_each of every dynamic block,
// at any depth, evaluated by the walker; body itself when it has none.
func (s *scope) withDynamicForEach(body *hclsyntax.Body) *hclsyntax.Body {
	changed := false
	blocks := make(hclsyntax.Blocks, len(body.Blocks))
	for i, b := range body.Blocks {
		blocks[i] = b
		inner := s.withDynamicForEach(b.Body)
		fe := b.Body.Attributes["for_each"]
		dynamic := b.Type == "dynamic" && fe != nil
		if inner == b.Body && !dynamic {
			continue
		}
		if dynamic {
			if inner == b.Body {
				cp := *inner
				inner = &cp
			}
			inner.Attributes = maps.Clone(inner.Attributes)
			a := *fe
			a.Expr = dynamicForEach{Expression: fe.Expr, s: s}
			inner.Attributes["for_each"] = &a
		}
		nb := *b
		nb.Body = inner
		blocks[i] = &nb
		changed = true
	}
	if !changed {
		return body
	}
	cp := *body
	cp.Blocks = blocks
	return &cp
}
