package terraform

import (
	"encoding/json"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// planBody serves the planned values of one resource instance (or of one
// nested block) as an hcl.Body, so that the plan goes through the same
// mapping as the .tf files. Each value is located at the attribute of the
// .tf block it came from when the configuration is in the tree (ref), else
// at the value in the plan file.
type planBody struct {
	pr      *planResource
	val     cty.Value
	unknown cty.Value
	conf    map[string]json.RawMessage
	// path is the JSON path of val, for positions in the plan file.
	path string
	// ref is the .tf body the values came from, or nil; mod is the module
	// of its file, which locates its nested blocks whatever other modules
	// are dropped meanwhile.
	ref hcl.Body
	mod *module
	// whole is the range of the block; fallback where values point when
	// nothing better is known.
	whole, fallback hcl.Range
}

// body returns the planned values of pr; ref is the .tf body, expanded,
// or nil, and mod the module of its file.
func (pr *planResource) body(mod *module, ref hcl.Body, whole, fallback hcl.Range) *planBody {
	return &planBody{pr: pr, val: pr.val, unknown: pr.unknown, conf: pr.conf, path: pr.path, ref: ref, mod: mod, whole: whole, fallback: fallback}
}

// Content implements hcl.Body.
func (b *planBody) Content(sc *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, _, diags := b.PartialContent(sc)
	return c, diags
}

// PartialContent implements hcl.Body.
func (b *planBody) PartialContent(sc *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	out := &hcl.BodyContent{Attributes: hcl.Attributes{}, MissingItemRange: b.fallback}
	var ref *hcl.BodyContent
	if b.ref != nil {
		ref, _, _ = b.ref.PartialContent(sc)
	}
	for _, as := range sc.Attributes {
		if v, ok := b.attr(as.Name); ok {
			rng := b.rangeOf(as.Name, ref)
			out.Attributes[as.Name] = &hcl.Attribute{Name: as.Name, Expr: b.expr(as.Name, v, rng), Range: rng, NameRange: rng}
		}
	}
	for _, bs := range sc.Blocks {
		out.Blocks = append(out.Blocks, b.blocks(bs.Type, ref)...)
	}
	return out, hcl.EmptyBody(), nil
}

// JustAttributes implements hcl.Body.
func (b *planBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	out := hcl.Attributes{}
	if !isObject(b.val) {
		return out, nil
	}
	for name := range b.val.Type().AttributeTypes() {
		if v, ok := b.attr(name); ok {
			rng := b.rangeOf(name, nil)
			out[name] = &hcl.Attribute{Name: name, Expr: b.expr(name, v, rng), Range: rng, NameRange: rng}
		}
	}
	return out, nil
}

// MissingItemRange implements hcl.Body.
func (b *planBody) MissingItemRange() hcl.Range { return b.fallback }

// attr returns the planned value of attribute name; ok is false when it
// is absent or null and known to be so.
func (b *planBody) attr(name string) (cty.Value, bool) {
	if isObject(b.val) && b.val.Type().HasAttribute(name) {
		// The provider stores unset strings as "": they are absent.
		if v := b.val.GetAttr(name); !v.IsNull() && (v.Type() != cty.String || !v.IsKnown() || v.AsString() != "") {
			return v, true
		}
	}
	if isTrue(b.unknown, name) {
		return b.pr.resolve(name, b.conf[name]), true
	}
	return cty.NilVal, false
}

// rangeOf locates attribute name: the .tf attribute, else the plan's
// value, else the fallback.
func (b *planBody) rangeOf(name string, ref *hcl.BodyContent) hcl.Range {
	if ref != nil {
		if a := ref.Attributes[name]; a != nil {
			return a.Expr.Range()
		}
		return b.fallback
	}
	if b.ref == nil {
		if s, ok := b.pr.spans[b.path+"/"+name]; ok {
			return s
		}
	}
	return b.fallback
}

// blocks returns the nested blocks of one type, from a planned list of
// objects. The i-th block is located at the i-th .tf block of that type
// when the .tf body has as many.
func (b *planBody) blocks(typ string, ref *hcl.BodyContent) []*hcl.Block {
	if !isObject(b.val) || !b.val.Type().HasAttribute(typ) {
		return nil
	}
	list := b.val.GetAttr(typ)
	if list.IsNull() || !list.IsKnown() || !isSequence(list.Type()) {
		return nil
	}
	refBlocks, unknowns, confs := blocksOf(ref, typ), b.nestedUnknowns(typ), b.nestedConfs(typ)
	n := list.LengthInt()
	var out []*hcl.Block
	i := 0
	for it := list.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		if !isObject(ev) {
			continue
		}
		nb := &planBody{pr: b.pr, mod: b.mod, val: ev, path: b.path + "/" + typ + "/" + strconv.Itoa(i), fallback: b.fallback, whole: b.fallback}
		if i < len(unknowns) {
			nb.unknown = unknowns[i]
		}
		if i < len(confs) {
			nb.conf = confs[i]
		}
		def := b.fallback
		switch {
		case len(refBlocks) == n:
			def = refBlocks[i].DefRange
			nb.ref = refBlocks[i].Body
			nb.fallback = b.pr.p.t.blockRange(b.mod, refBlocks[i])
			nb.whole = nb.fallback
		case b.ref == nil:
			if s, ok := b.pr.spans[nb.path]; ok {
				nb.whole = s
				nb.fallback, def = nb.whole, nb.whole
			}
		}
		if b.ref != nil && len(refBlocks) != n {
			nb.ref = hcl.EmptyBody()
		}
		out = append(out, &hcl.Block{Type: typ, DefRange: def, TypeRange: def, Body: nb})
	}
	return out
}

// isSequence reports whether ty is a list, tuple or set type.
func isSequence(ty cty.Type) bool { return ty.IsListType() || ty.IsTupleType() || ty.IsSetType() }

// blocksOf returns the blocks of one type of ref, which may be nil.
func blocksOf(ref *hcl.BodyContent, typ string) []*hcl.Block {
	if ref == nil {
		return nil
	}
	var out []*hcl.Block
	for _, rb := range ref.Blocks {
		if rb.Type == typ {
			out = append(out, rb)
		}
	}
	return out
}

// nestedUnknowns returns the after_unknown objects of the nested blocks
// of one type.
func (b *planBody) nestedUnknowns(typ string) []cty.Value {
	if !isObject(b.unknown) || !b.unknown.Type().HasAttribute(typ) {
		return nil
	}
	u := b.unknown.GetAttr(typ)
	if !u.CanIterateElements() {
		return nil
	}
	var out []cty.Value
	for it := u.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		out = append(out, ev)
	}
	return out
}

// nestedConfs returns the configuration expressions of the nested blocks
// of one type.
func (b *planBody) nestedConfs(typ string) []map[string]json.RawMessage {
	var out []map[string]json.RawMessage
	if raw, ok := b.conf[typ]; ok {
		_ = json.Unmarshal(raw, &out)
	}
	return out
}

func isObject(v cty.Value) bool {
	return v != cty.NilVal && v.IsKnown() && !v.IsNull() && v.Type().IsObjectType()
}

// planExpr is a planned value as an expression. A list written in the
// plan file keeps the range of each element, as a literal list does.
type planExpr struct {
	v     cty.Value
	rng   hcl.Range
	elems []hcl.Expression
}

// Value implements hcl.Expression.
func (e *planExpr) Value(*hcl.EvalContext) (cty.Value, hcl.Diagnostics) { return e.v, nil }

// Variables implements hcl.Expression.
func (e *planExpr) Variables() []hcl.Traversal { return nil }

// Range implements hcl.Expression.
func (e *planExpr) Range() hcl.Range { return e.rng }

// StartRange implements hcl.Expression.
func (e *planExpr) StartRange() hcl.Range { return e.rng }

// ExprList returns the elements of a planned list, for hcl.ExprList.
func (e *planExpr) ExprList() []hcl.Expression { return e.elems }

// expr makes the expression of attribute name with value v at rng; in a
// plan read alone, list elements get their own ranges.
func (b *planBody) expr(name string, v cty.Value, rng hcl.Range) hcl.Expression {
	e := &planExpr{v: v, rng: rng}
	if b.ref != nil || !v.IsKnown() || v.IsNull() || !isSequence(v.Type()) || v.Type().IsSetType() {
		return e
	}
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		s, ok := b.pr.spans[b.path+"/"+name+"/"+strconv.Itoa(i)]
		if !ok {
			return &planExpr{v: v, rng: rng}
		}
		e.elems = append(e.elems, &planExpr{v: ev, rng: s})
	}
	return e
}
