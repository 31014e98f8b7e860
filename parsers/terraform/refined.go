package terraform

import (
	"maps"
	"math/big"
	"slices"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// refined is a value with what Terraform's semantics decide of it beyond
// what a cty value can hold. cty's unknowns are all or nothing for a
// collection: `merge(unknown_map, {a = x})` is a map whose keys are
// unknown, yet Terraform gives later arguments precedence, so its "a" is x
// whatever the unknown map holds. A refined value keeps such decided
// entries, at any depth, so that an index, a lookup or a module output
// reads them.
//
// v is always what HCL itself would compute (with the reasons of its
// unknowns as marks): every refinement is an addition, and dropping it is
// always sound.
type refined struct {
	v cty.Value
	// elems holds, by key (a decimal index for a list or tuple), elements
	// known beyond v. When v is known they are the elements that are
	// refined themselves; when v is unknown (a map or object whose key set
	// is unknown) they are the entries known to be present, with their
	// values.
	elems map[string]refined
	// each, when v is an unknown list, is what every one of its elements
	// is: a for expression over a collection that is not known, whose body
	// does not depend on the element.
	each *refined
	// overridable gives, for a key of an unknown map that a merge argument
	// set and a later unknown argument may overwrite, the reasons of those
	// later arguments alone: the precise reason of an undecided key.
	overridable map[string]cty.ValueMarks
}

// plain returns a value cty holds wholly.
func plain(v cty.Value) refined { return refined{v: v} }

// isPlain reports whether r is no more than its cty value.
func (r refined) isPlain() bool {
	return len(r.elems) == 0 && r.each == nil && len(r.overridable) == 0
}

// record builds a known object from its attribute values.
func record(attrs map[string]refined) refined {
	vals := make(map[string]cty.Value, len(attrs))
	var elems map[string]refined
	for k, a := range attrs {
		vals[k] = a.v
		if !a.isPlain() {
			if elems == nil {
				elems = map[string]refined{}
			}
			elems[k] = a
		}
	}
	return refined{v: cty.ObjectVal(vals), elems: elems}
}

// tuple builds a known tuple from its elements.
func tuple(items []refined) refined {
	if len(items) == 0 {
		return plain(cty.EmptyTupleVal)
	}
	vals := make([]cty.Value, len(items))
	var elems map[string]refined
	for i, it := range items {
		vals[i] = it.v
		if !it.isPlain() {
			if elems == nil {
				elems = map[string]refined{}
			}
			elems[strconv.Itoa(i)] = it
		}
	}
	return refined{v: cty.TupleVal(vals), elems: elems}
}

// withElems returns v refined by the elements of items that are refined,
// by key. v must be the known collection the items are the elements of;
// an item that v holds converted to another type is left out.
func withElems(v cty.Value, items map[string]refined) refined {
	out := plain(v)
	uv, _ := v.Unmark()
	for k, it := range items {
		if it.isPlain() || !holds(uv, k, it) {
			continue
		}
		if out.elems == nil {
			out.elems = map[string]refined{}
		}
		out.elems[k] = it
	}
	return out
}

// holds reports whether the element k of the known collection v is the
// lowered value of it, unconverted.
func holds(v cty.Value, k string, it refined) bool {
	var ev cty.Value
	switch ty := v.Type(); {
	case ty.IsObjectType():
		if !ty.HasAttribute(k) {
			return false
		}
		ev = v.GetAttr(k)
	case ty.IsMapType():
		key := cty.StringVal(k)
		if !v.HasIndex(key).True() {
			return false
		}
		ev = v.Index(key)
	case ty.IsListType() || ty.IsTupleType():
		n, err := strconv.Atoi(k)
		key := cty.NumberIntVal(int64(n))
		if err != nil || !v.HasIndex(key).True() {
			return false
		}
		ev = v.Index(key)
	default:
		return false
	}
	ev, _ = ev.Unmark()
	iv, _ := it.v.Unmark()
	return ev.Type().Equals(iv.Type())
}

// open returns an unknown map or object of which the entries are known to
// be present. v is the unknown value HCL computes, marked with why.
func open(v cty.Value, entries map[string]refined) refined {
	if len(entries) == 0 {
		return plain(v)
	}
	return refined{v: v, elems: entries}
}

// isOpen reports whether r is a map or object whose key set is unknown but
// some of whose entries are decided.
func (r refined) isOpen() bool { return !r.v.IsKnown() && len(r.elems) > 0 }

// whollyKnown reports whether r is known down to its last element.
func (r refined) whollyKnown() bool { return r.v.IsWhollyKnown() }

// elementKey is the key by which elems holds the element that key selects;
// ok is false when key cannot select one (unknown, null, of another type).
func elementKey(coll cty.Type, key cty.Value) (string, bool) {
	key, _ = key.Unmark()
	if !key.IsKnown() || key.IsNull() {
		return "", false
	}
	if coll.IsListType() || coll.IsTupleType() {
		n, err := convert.Convert(key, cty.Number)
		if err != nil || n.IsNull() {
			return "", false
		}
		i, acc := n.AsBigFloat().Int64()
		if acc != big.Exact || i < 0 {
			return "", false
		}
		return strconv.FormatInt(i, 10), true
	}
	s, err := convert.Convert(key, cty.String)
	if err != nil || s.IsNull() {
		return "", false
	}
	return s.AsString(), true
}

// index is r[key], as hcl.Index computes it, refined.
func (r refined) index(key cty.Value, rng *hcl.Range) (refined, hcl.Diagnostics) {
	v, diags := hcl.Index(r.v, key, rng)
	if r.isPlain() || diags.HasErrors() {
		return plain(v), diags
	}
	if r.each != nil {
		// Every element is *each; an index out of range is an error, so
		// whatever the index selects, if anything, is *each.
		if _, ok := elementKey(cty.List(cty.DynamicPseudoType), key); ok {
			return *r.each, nil
		}
		return plain(v), nil
	}
	ty := r.v.Type()
	if !r.v.IsKnown() {
		ty = cty.Map(cty.DynamicPseudoType)
	}
	if k, ok := elementKey(ty, key); ok {
		if e, ok := r.elems[k]; ok {
			return e, nil
		}
		if m, ok := r.overridable[k]; ok && !r.v.IsKnown() {
			// Unknown for these reasons only.
			uv, _ := v.Unmark()
			return plain(uv.WithMarks(m)), nil
		}
	}
	return plain(v), nil
}

// attr is r.name, as hcl.GetAttr computes it, refined.
func (r refined) attr(name string, rng *hcl.Range) (refined, hcl.Diagnostics) {
	v, diags := hcl.GetAttr(r.v, name, rng)
	if r.isPlain() || r.each != nil || diags.HasErrors() {
		return plain(v), diags
	}
	if e, ok := r.elems[name]; ok {
		return e, nil
	}
	return plain(v), nil
}

// step applies one attribute or index step to r.
func (r refined) step(st hcl.Traverser) (refined, hcl.Diagnostics) {
	if a, ok := st.(hcl.TraverseAttr); ok {
		return r.attr(a.Name, &a.SrcRange)
	}
	ix, _ := st.(hcl.TraverseIndex)
	return r.index(ix.Key, &ix.SrcRange)
}

// traverse applies the relative traversal t to r, refining as long as
// there is something to refine and leaving the rest to HCL.
func (r refined) traverse(t hcl.Traversal) (refined, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	for i, st := range t {
		_, attr := st.(hcl.TraverseAttr)
		_, index := st.(hcl.TraverseIndex)
		if r.isPlain() || !attr && !index {
			v, more := t[i:].TraverseRel(r.v)
			return plain(v), append(diags, more...)
		}
		var more hcl.Diagnostics
		r, more = r.step(st)
		diags = append(diags, more...)
		if more.HasErrors() {
			return r, diags
		}
	}
	return r, diags
}

// elements returns the elements of a known list, tuple, map or object in
// cty's iteration order, refined, with their keys.
func (r refined) elements() (keys []cty.Value, items []refined) {
	uv, _ := r.v.Unmark()
	ty := uv.Type()
	i := 0
	for it := uv.ElementIterator(); it.Next(); i++ {
		k, ev := it.Element()
		item := plain(ev)
		if !r.isPlain() && !ty.IsSetType() {
			if ek, ok := elementKey(ty, k); ok {
				if e, ok := r.elems[ek]; ok {
					item = e
				}
			}
		}
		keys = append(keys, k)
		items = append(items, item)
	}
	return keys, items
}

// convertTo converts r to type ty the way Terraform converts a value to a
// type constraint, keeping the refinements that the conversion keeps. A
// refinement it cannot carry over is dropped, which is always sound.
func (r refined) convertTo(ty cty.Type) (refined, error) {
	if ty == cty.DynamicPseudoType {
		return r, nil
	}
	cv, err := convert.Convert(r.v, ty)
	if err != nil {
		return plain(cv), err
	}
	if r.isPlain() {
		return plain(cv), nil
	}
	return r.carriedTo(cv), nil
}

// carriedTo gives cv, r converted to another type, the refinements of r
// that the conversion keeps.
func (r refined) carriedTo(cv cty.Value) refined {
	ucv, _ := cv.Unmark()
	ct := ucv.Type()
	if r.each != nil {
		if !ct.IsListType() {
			return plain(cv)
		}
		each, err := r.each.convertTo(ct.ElementType())
		if err != nil {
			return plain(cv)
		}
		return refined{v: cv, each: &each}
	}
	entries := map[string]refined{}
	for _, k := range slices.Sorted(maps.Keys(r.elems)) {
		et, ok := elementType(ct, k, r.v.IsKnown())
		if !ok {
			continue
		}
		if ce, err := r.elems[k].convertTo(et); err == nil {
			entries[k] = ce
		}
	}
	if !ucv.IsKnown() {
		out := open(cv, entries)
		out.overridable = r.overridable
		return out
	}
	return withElems(cv, entries)
}

// elementType is the type of the element k of a collection of type ct;
// ok is false when the type does not say (an object or tuple whose keys
// are not known to be those of the value).
func elementType(ct cty.Type, k string, keysKnown bool) (cty.Type, bool) {
	switch {
	case ct.IsMapType() || ct.IsListType():
		return ct.ElementType(), true
	case ct.IsObjectType() && keysKnown && ct.HasAttribute(k):
		return ct.AttributeType(k), true
	case ct.IsTupleType() && keysKnown:
		i, err := strconv.Atoi(k)
		if err == nil && i >= 0 && i < len(ct.TupleElementTypes()) {
			return ct.TupleElementTypes()[i], true
		}
	}
	return cty.NilType, false
}
