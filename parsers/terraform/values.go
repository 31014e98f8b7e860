package terraform

import (
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// block is one block (a resource, or a block nested in one) whose
// attributes are read into model values.
type block struct {
	s       *scope
	content *hcl.BodyContent
	// native, when set, is the native body whose attributes named in
	// wanted are the block's: content then holds its blocks alone
	// (nativeContent), and attr reads the attributes from it.
	native *hclsyntax.Body
	wanted []hcl.AttributeSchema
	// rng is the range of the whole block: where defaulted values point.
	rng model.Range
	// def is the block's header range.
	def hcl.Range
	// iters, when set, says what the iterators of the enclosing resource
	// stand for, so that origin can follow them.
	iters *iterSource
	// flaw, when set, says that the block has an argument its provider
	// schema does not have (see unsupportedArguments): any argument the
	// block leaves out may be what it was meant to be, so that an absent
	// attribute is unresolved, for this reason, rather than defaulted.
	flaw string
	// stray are the blocks of a resource that its schema does not have.
	stray []unknownArgument
}

// absent is the value of an attribute the block does not set: def, or
// unresolved when the block has a flaw.
func absent[T any](b *block, def T) model.Value[T] {
	if b.flaw != "" {
		return model.UnresolvedValue[T](b.rng, b.flaw)
	}
	return model.DefaultedValue(def, b.rng)
}

// schema lists the attributes and nested block types a mapping reads.
func schema(attrs []string, blocks ...string) *hcl.BodySchema {
	sc := &hcl.BodySchema{}
	for _, a := range attrs {
		sc.Attributes = append(sc.Attributes, hcl.AttributeSchema{Name: a})
	}
	for _, b := range blocks {
		sc.Blocks = append(sc.Blocks, hcl.BlockHeaderSchema{Type: b})
	}
	return sc
}

// open reads the attributes and blocks of b that sc names.
func (s *scope) open(b *hcl.Block, sc *hcl.BodySchema) *block { return s.openBody(b, b.Body, sc) }

// openBody is open with the content read from body, which holds what b's
// body holds (b's native body, when dynblock would pass it as it is).
func (s *scope) openBody(b *hcl.Block, body hcl.Body, sc *hcl.BodySchema) *block {
	blk := &block{s: s}
	ok := false
	if sb, native := body.(*hclsyntax.Body); native && !s.u.t.opts.general {
		if blk.content, ok = nativeContent(sb, sc); ok {
			blk.native, blk.wanted = sb, sc.Attributes
		}
	}
	if !ok {
		var diags hcl.Diagnostics
		blk.content, _, diags = body.PartialContent(sc)
		s.addDiags(diags)
	}
	if blk.content == nil {
		blk.content = &hcl.BodyContent{Attributes: hcl.Attributes{}}
	}
	blk.rng, blk.def = s.pos.rng(s.wholeRange(b)), b.DefRange
	return blk
}

// nativeContent is sb.PartialContent(sc) when that has nothing to report,
// without its attributes, which the block reads from the body (block.attr,
// block.expr): what PartialContent builds beside (a map of the attributes,
// the maps of hidden names, the body that remains), which nobody here
// reads, made extracting a rule's content cost more than evaluating it. ok
// is false when PartialContent may report something (a required argument, a block with
// another number of labels than its schema's): PartialContent then does
// it. Every native body read here is one the parser made, never a remain
// body with names hidden.
func nativeContent(sb *hclsyntax.Body, sc *hcl.BodySchema) (*hcl.BodyContent, bool) {
	for _, as := range sc.Attributes {
		if as.Required {
			return nil, false
		}
	}
	c := &hcl.BodyContent{MissingItemRange: sb.MissingItemRange()}
	for _, nb := range sb.Blocks {
		bs, wanted := blockSchema(sc, nb.Type)
		if !wanted {
			continue
		}
		if len(nb.Labels) != len(bs.LabelNames) {
			return nil, false
		}
		c.Blocks = append(c.Blocks, nb.AsHCLBlock())
	}
	return c, true
}

// blockSchema is the schema of block type typ in sc; the last one wins, as
// in hclsyntax.
func blockSchema(sc *hcl.BodySchema, typ string) (hcl.BlockHeaderSchema, bool) {
	for _, bs := range slices.Backward(sc.Blocks) {
		if bs.Type == typ {
			return bs, true
		}
	}
	return hcl.BlockHeaderSchema{}, false
}

// blocks returns the nested blocks of one type, in source order.
func (b *block) blocks(typ string) []*hcl.Block {
	var out []*hcl.Block
	for _, nb := range b.content.Blocks {
		if nb.Type == typ {
			out = append(out, nb)
		}
	}
	return out
}

// attr returns the attribute name, or nil.
func (b *block) attr(name string) *hcl.Attribute {
	if b.native == nil {
		return b.content.Attributes[name]
	}
	if a := b.native.Attributes[name]; a != nil && b.wants(name) {
		return a.AsHCLAttribute()
	}
	return nil
}

// value evaluates attribute name. ok is false when the attribute is absent
// or null: the value is then the default.
func (b *block) value(name string) (e hcl.Expression, v cty.Value, ok bool) {
	e = b.expr(name)
	if e == nil {
		return nil, cty.NilVal, false
	}
	v = b.s.eval(e)
	if v.IsKnown() && v.IsNull() {
		return e, v, false
	}
	return e, v, true
}

// expr is the expression of attribute name, or nil: attr's, without
// making the hcl.Attribute that a native body's attribute is read as.
func (b *block) expr(name string) hcl.Expression {
	if b.native == nil {
		if a := b.content.Attributes[name]; a != nil {
			return a.Expr
		}
		return nil
	}
	if a := b.native.Attributes[name]; a != nil && b.wants(name) {
		return a.Expr
	}
	return nil
}

// wants reports whether the schema the block was opened with names
// attribute name.
func (b *block) wants(name string) bool {
	for _, as := range b.wanted {
		if as.Name == name {
			return true
		}
	}
	return false
}

// str reads a string attribute; def is the value when it is absent.
func (b *block) str(name, def string) model.String {
	e, v, ok := b.value(name)
	if !ok {
		return absent(b, def)
	}
	return b.s.stringOf(e, v, b.s.pos.rng(e.Range()), name)
}

// optional reads an optional string attribute: set to "", it is left
// out, as Terraform does (model.OmitEmpty).
func (b *block) optional(name, def string) model.String {
	return model.OmitEmpty(b.str(name, def), def)
}

// boolean reads a bool attribute that defaults to false.
func (b *block) boolean(name string) model.Bool {
	e, v, ok := b.value(name)
	if !ok {
		return absent(b, false)
	}
	rng := b.s.pos.rng(e.Range())
	if !v.IsWhollyKnown() {
		return model.UnresolvedValue[bool](rng, b.s.unknownReason(e, v))
	}
	v = unmarkDeep(v)
	cv, err := convert.Convert(v, cty.Bool)
	if err != nil {
		b.s.wrongType(e, name, "a bool", v)
		return model.UnresolvedValue[bool](rng, name+" is not a bool")
	}
	return model.WrittenValue(cv.True(), rng)
}

// integer reads a whole-number attribute.
func (b *block) integer(name string, def int) model.Int {
	e, v, ok := b.value(name)
	if !ok {
		return absent(b, def)
	}
	rng := b.s.pos.rng(e.Range())
	if !v.IsWhollyKnown() {
		return model.UnresolvedValue[int](rng, b.s.unknownReason(e, v))
	}
	v = unmarkDeep(v)
	cv, err := convert.Convert(v, cty.Number)
	if err == nil {
		if bf := cv.AsBigFloat(); bf.IsInt() {
			if n, acc := bf.Int64(); acc == 0 && n == int64(int(n)) {
				return model.WrittenValue(int(n), rng)
			}
		}
	}
	b.s.wrongType(e, name, "a whole number", v)
	return model.UnresolvedValue[int](rng, name+" is not a whole number")
}

// list reads a list or set of strings, each element with its own range
// when the list is written literally.
func (b *block) list(name string) model.StringList {
	e, v, ok := b.value(name)
	if !ok {
		return absent[[]model.String](b, nil)
	}
	return b.s.listOf(e, v, name)
}

// listOf converts v, the value of e, into a list of strings.
func (s *scope) listOf(e hcl.Expression, v cty.Value, name string) model.StringList {
	rng := s.pos.rng(e.Range())
	if !v.IsKnown() {
		return model.UnresolvedValue[[]model.String](rng, s.unknownReason(e, v))
	}
	uv, _ := v.Unmark()
	ty := uv.Type()
	if !ty.IsListType() && !ty.IsTupleType() && !ty.IsSetType() {
		s.wrongType(e, name, "a list of strings", uv)
		return model.UnresolvedValue[[]model.String](rng, name+" is not a list of strings")
	}
	elems, diags := hcl.ExprList(e)
	if diags.HasErrors() || len(elems) != uv.LengthInt() {
		elems = nil
	}
	out := make([]model.String, 0, uv.LengthInt())
	i := 0
	for it := uv.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		ee := e
		if elems != nil {
			ee = elems[i]
		}
		erng := s.pos.rng(ee.Range())
		if ev.IsKnown() && ev.IsNull() {
			s.errorf(ee.Range(), "invalid value", "An element of %s is null; a string is required.", name)
			out = append(out, model.UnresolvedValue[string](erng, "an element of "+name+" is null"))
			continue
		}
		out = append(out, s.stringOf(ee, ev, erng, name+" element"))
	}
	return model.WrittenValue(out, rng)
}

// stringOf converts v, the value of e, into a string the way Terraform
// converts numbers and bools.
func (s *scope) stringOf(e hcl.Expression, v cty.Value, rng model.Range, what string) model.String {
	if !v.IsWhollyKnown() {
		return model.UnresolvedValue[string](rng, s.unknownReason(e, v))
	}
	v = unmarkDeep(v)
	if text, ok := wholeNumberText(v); ok {
		return model.WrittenValue(text, rng)
	}
	if v.Type() == cty.Number && !v.IsNull() {
		// A number made at run time (--var, "5e5000000" * 1) would be
		// written out in its millions of digits.
		if d := boundNumber(v.AsBigFloat(), e.Range()); d != nil {
			s.addDiags(hcl.Diagnostics{d})
			return model.UnresolvedValue[string](rng, what+" is out of range")
		}
	}
	cv, err := convert.Convert(v, cty.String)
	if err != nil || cv.IsNull() {
		s.wrongType(e, what, "a string", v)
		return model.UnresolvedValue[string](rng, what+" is not a string")
	}
	return model.WrittenValue(cv.AsString(), rng)
}

// unmarkDeep is v.UnmarkDeep() without its marks: for a primitive value,
// which holds no nested value, Unmark, which allocates nothing when v has
// no mark (UnmarkDeep always builds a set of marks and walks the value).
func unmarkDeep(v cty.Value) cty.Value {
	if v.Type().IsPrimitiveType() {
		v, _ = v.Unmark()
		return v
	}
	v, _ = v.UnmarkDeep()
	return v
}

// wrongType reports a value whose type cannot be what the attribute needs.
func (s *scope) wrongType(e hcl.Expression, name, want string, v cty.Value) {
	s.errorf(e.Range(), "incorrect attribute value type",
		"%s must be %s, not %s.", name, want, friendlyType(v))
}

func friendlyType(v cty.Value) string {
	if v.IsNull() {
		return "null"
	}
	return v.Type().FriendlyName()
}
