package terraform

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// refinedCall evaluates one call of a built-in function, refined.
type refinedCall func(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics)

// refinedFunction returns how the walker evaluates a call of the function
// name when Terraform's semantics decide more of its result than cty
// holds; nil for any other function, which HCL evaluates.
func refinedFunction(name string) refinedCall {
	switch name {
	case "merge":
		return refineMerge
	case "lookup":
		return refineLookup
	case "try":
		return refineTry
	case "can":
		return refineCan
	case "coalesce":
		return refineCoalesce
	case "concat":
		return refineConcat
	case "flatten":
		return refineFlatten
	}
	return nil
}

// callArgs walks the arguments of a call. It returns the call with its
// arguments evaluated, for HCL to finish, and the refined arguments, with
// the last one expanded for `f(xs...)`; ok is false when that expansion is
// not known.
func (w *walker) callArgs(e *hclsyntax.FunctionCallExpr) (call *hclsyntax.FunctionCallExpr, args []refined, ok bool) {
	c := *e
	c.Args = make([]hclsyntax.Expression, len(e.Args))
	args = make([]refined, 0, len(e.Args))
	for i, a := range e.Args {
		r, diags := w.eval(a)
		if !r.v.IsKnown() {
			// Functions drop the reason of an unknown argument: keep it
			// here, where the expression that lacked a value is at hand.
			r.v = w.markReason(a, r.v)
		}
		c.Args[i] = evaluatedAs(a, r.v, diags)
		args = append(args, r)
	}
	if e.ExpandFinal && len(args) > 0 {
		last := args[len(args)-1]
		ul, _ := last.v.Unmark()
		if !ul.IsKnown() || ul.IsNull() || !ul.CanIterateElements() {
			return &c, nil, false
		}
		_, items := last.elements()
		args = append(args[:len(args)-1], items...)
	}
	return &c, args, true
}

// refineMerge is merge: later arguments win, so a key that a known later
// argument holds is decided whatever an unknown earlier one holds, while a
// key that no known argument after the last unknown one holds stays
// unknown.
func refineMerge(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics) {
	call, args, ok := w.callArgs(e)
	v, diags := call.Value(w.context())
	if !ok || diags.HasErrors() {
		return plain(v), diags
	}
	entries := map[string]refined{}
	// overridable holds, for a key that a known argument sets, the reasons
	// of the unknown arguments after it, which may overwrite it.
	overridable := map[string]cty.ValueMarks{}
	override := func(k string, m cty.ValueMarks) {
		if overridable[k] == nil {
			overridable[k] = cty.ValueMarks{}
		}
		maps.Copy(overridable[k], m)
	}
	var marks []cty.ValueMarks
	for _, a := range args {
		ua, m := a.v.Unmark()
		switch {
		case ua.IsKnown() && ua.IsNull():
			continue
		case ua.IsKnown():
			keys, items := a.elements()
			for i, k := range keys {
				entries[k.AsString()] = items[i]
				delete(overridable, k.AsString())
			}
			continue
		}
		marks = append(marks, m)
		m = reasonMarks(a.v)
		if ua.Type().IsObjectType() {
			// An unknown object still has the attributes of its type:
			// those are overwritten, the others stand.
			for name := range ua.Type().AttributeTypes() {
				if _, set := entries[name]; set {
					override(name, m)
				}
				delete(entries, name)
			}
		} else {
			// Any key may be overwritten, except those known to be
			// present in this argument.
			for k := range entries {
				if _, present := a.elems[k]; !present {
					override(k, m)
				}
			}
			for k := range overridable {
				override(k, m)
			}
			entries = map[string]refined{}
		}
		for k, x := range a.elems {
			entries[k] = x
			delete(overridable, k)
		}
	}
	if uv, _ := v.Unmark(); uv.IsKnown() {
		return withElems(v, entries), diags
	}
	r := open(v.WithMarks(marks...), entries)
	if !r.isPlain() || len(overridable) > 0 {
		r.overridable = overridable
	}
	return r, diags
}

// refineLookup is lookup: a key decided in a refined map is its value.
func refineLookup(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics) {
	call, args, ok := w.callArgs(e)
	v, diags := call.Value(w.context())
	if !ok || diags.HasErrors() || len(args) < 2 || (args[0].isPlain() && len(args) < 3) {
		return plain(v), diags
	}
	m := args[0]
	um, _ := m.v.Unmark()
	k, ok := elementKey(cty.Map(cty.DynamicPseudoType), args[1].v)
	switch {
	case !ok:
	case hasElem(m, k):
		return m.elems[k], diags
	case um.IsKnown() && len(args) == 3 && !hasKey(um, k):
		return args[2], diags
	}
	return plain(v), diags
}

// hasElem reports whether r holds a refined element under key k.
func hasElem(r refined, k string) bool {
	_, ok := r.elems[k]
	return ok
}

// hasKey reports whether the known map or object m has key k.
func hasKey(m cty.Value, k string) bool {
	ty := m.Type()
	switch {
	case m.IsNull():
		return false
	case ty.IsObjectType():
		return ty.HasAttribute(k)
	case ty.IsMapType():
		return m.HasIndex(cty.StringVal(k)).True()
	}
	return false
}

// refineTry is try: the first argument that evaluates without an error,
// when it is wholly known; an argument that is not wholly known could
// still fail once known, so the result is then unknown (Terraform's own
// rule), with its reasons.
func refineTry(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics) {
	if len(e.Args) == 0 || e.ExpandFinal {
		return w.native(e)
	}
	var failed hcl.Diagnostics
	for _, a := range e.Args {
		r, diags := w.eval(a)
		if diags.HasErrors() {
			failed = append(failed, diags...)
			continue
		}
		if !r.whollyKnown() {
			return plain(unknownWithReasons(w.markReason(a, r.v))), nil
		}
		return r, nil
	}
	if v, diags := w.native(e); diags.HasErrors() {
		return v, diags
	}
	return plain(cty.DynamicVal), hcl.Diagnostics{noneSucceeded(e, failed)}
}

// noneSucceeded is the error of a try whose arguments all failed, worded
// as HCL words it.
func noneSucceeded(e *hclsyntax.FunctionCallExpr, failed hcl.Diagnostics) *hcl.Diagnostic {
	rng := e.Range()
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Error in function call",
		Detail:   fmt.Sprintf("Call to function %q failed: %s.", e.Name, noneSucceededText(failed)),
		Subject:  &rng,
	}
}

// noneSucceededText is the message of HCL's try when no argument succeeds.
func noneSucceededText(failed hcl.Diagnostics) string {
	var b strings.Builder
	b.WriteString("no expression succeeded:\n")
	for _, d := range failed {
		if d.Subject != nil {
			fmt.Fprintf(&b, "- %s (at %s)\n  %s\n", d.Summary, d.Subject, d.Detail)
		} else {
			fmt.Fprintf(&b, "- %s\n  %s\n", d.Summary, d.Detail)
		}
	}
	b.WriteString("\nAt least one expression must produce a successful result")
	return b.String()
}

// refineCan is can: true for an argument that evaluates without an error
// and is wholly known.
func refineCan(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics) {
	if len(e.Args) != 1 || e.ExpandFinal {
		return w.native(e)
	}
	r, diags := w.eval(e.Args[0])
	switch {
	case diags.HasErrors():
		return plain(cty.False), nil
	case !r.whollyKnown():
		return plain(cty.UnknownVal(cty.Bool).WithMarks(reasonMarks(r.v))), nil
	}
	return plain(cty.True), nil
}

// refineCoalesce is coalesce: the first argument that is not null (nor
// an empty string, when the result is a string), when every argument
// before it is known. It mirrors go-cty-funcs' coalesce, which Terraform
// uses, on the refined arguments.
func refineCoalesce(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics) {
	call, args, ok := w.callArgs(e)
	v, diags := call.Value(w.context())
	if !ok || diags.HasErrors() {
		return plain(v), diags
	}
	uv, _ := v.Unmark()
	retType := uv.Type()
	for _, a := range args {
		cv, err := convert.Convert(a.v, retType)
		if err != nil {
			return plain(v), diags
		}
		cv, _ = cv.Unmark()
		switch {
		case !cv.IsKnown() && a.isPlain():
			// An unknown argument may be null: it decides nothing.
			return plain(v), diags
		case !cv.IsKnown():
			// A refined unknown is a merge or a for expression: never null.
		case cv.IsNull(), retType == cty.String && cv.RawEquals(cty.StringVal("")):
			continue
		}
		if a.isPlain() {
			return plain(v), diags
		}
		r, err := a.convertTo(retType)
		if err != nil {
			return plain(v), diags
		}
		return r, diags
	}
	return plain(v), diags
}

// refineConcat is concat of lists whose lengths are known: each element
// keeps its refinement.
func refineConcat(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics) {
	call, args, ok := w.callArgs(e)
	v, diags := call.Value(w.context())
	if uv, _ := v.Unmark(); !ok || diags.HasErrors() || !uv.IsKnown() {
		return plain(v), diags
	}
	items := map[string]refined{}
	off := 0
	for _, a := range args {
		if ua, _ := a.v.Unmark(); !ua.IsKnown() || ua.IsNull() {
			return plain(v), diags
		}
		_, elems := a.elements()
		for i, x := range elems {
			items[strconv.Itoa(off+i)] = x
		}
		off += len(elems)
	}
	return withElems(v, items), diags
}

// refineFlatten is flatten: a list of unknown length whose every element
// flattens to nothing (`[for x in unknown : []]`) flattens to nothing.
func refineFlatten(w *walker, e *hclsyntax.FunctionCallExpr) (refined, hcl.Diagnostics) {
	call, args, ok := w.callArgs(e)
	if ok && len(args) == 1 && len(call.Args) == 1 && !e.ExpandFinal {
		if sub, changed := flattenable(args[0]); changed {
			if arg, isEvaluated := call.Args[0].(evaluated); isEvaluated {
				call.Args[0] = evaluatedAs(e.Args[0], sub, arg.diags)
			}
		}
	}
	v, diags := call.Value(w.context())
	return plain(v), diags
}

// flattenable returns r with every list of unknown length whose elements
// all flatten to nothing replaced by an empty tuple, which flattens the
// same; changed is false when there is none.
func flattenable(r refined) (v cty.Value, changed bool) {
	if r.each != nil && flattensToNothing(*r.each) {
		return cty.EmptyTupleVal, true
	}
	ur, _ := r.v.Unmark()
	if r.isPlain() || !ur.IsKnown() || ur.IsNull() || !ur.Type().IsListType() && !ur.Type().IsTupleType() {
		return r.v, false
	}
	_, items := r.elements()
	vals := make([]cty.Value, len(items))
	for i, it := range items {
		var c bool
		vals[i], c = flattenable(it)
		changed = changed || c
	}
	if !changed {
		return r.v, false
	}
	return cty.TupleVal(vals), true
}

// flattensToNothing reports whether flatten gives an empty list for every
// value r may stand for.
func flattensToNothing(r refined) bool {
	if r.each != nil {
		return flattensToNothing(*r.each)
	}
	ur, _ := r.v.Unmark()
	ty := ur.Type()
	if !ur.IsKnown() || ur.IsNull() || !ty.IsListType() && !ty.IsTupleType() && !ty.IsSetType() {
		return false
	}
	_, items := r.elements()
	return !slices.ContainsFunc(items, func(it refined) bool { return !flattensToNothing(it) })
}

// reasonMarks returns the reason marks that v holds at any depth.
func reasonMarks(v cty.Value) cty.ValueMarks {
	_, pvm := v.UnmarkDeepWithPaths()
	out := cty.ValueMarks{}
	for _, pm := range pvm {
		for m := range pm.Marks {
			if _, ok := m.(reasonMark); ok {
				out[m] = struct{}{}
			}
		}
	}
	return out
}

// unknownWithReasons is an unknown value of any type that keeps the
// reasons of v, a value that is not wholly known.
func unknownWithReasons(v cty.Value) cty.Value {
	return cty.DynamicVal.WithMarks(reasonMarks(v))
}
