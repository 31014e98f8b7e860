package terraform

import (
	"cmp"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// bodyAttributes returns the attributes written directly in body, in source
// order. In native syntax nested blocks are left out; in JSON, which cannot
// tell them apart without a schema, they are attributes too.
func bodyAttributes(body hcl.Body) []*hcl.Attribute {
	if mb, ok := body.(*mergedBody); ok {
		attrs, _ := mb.JustAttributes()
		return sortedAttributes(attrs)
	}
	if sb, ok := body.(*hclsyntax.Body); ok {
		attrs := make(hcl.Attributes, len(sb.Attributes))
		for name, a := range sb.Attributes {
			attrs[name] = a.AsHCLAttribute()
		}
		return sortedAttributes(attrs)
	}
	attrs, _ := body.JustAttributes()
	return sortedAttributes(attrs)
}

// allExpressions calls fn for every expression of body and of its nested
// blocks.
func allExpressions(body hcl.Body, fn func(hcl.Expression)) {
	if mb, ok := body.(*mergedBody); ok {
		allExpressions(mb.base, fn)
		allExpressions(mb.over, fn)
		return
	}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		for _, a := range bodyAttributes(body) {
			fn(a.Expr)
		}
		return
	}
	for _, a := range inSourceOrder(sb.Attributes) {
		fn(a.Expr)
	}
	for _, b := range sb.Blocks {
		allExpressions(b.Body, fn)
	}
}

// inSourceOrder gives a body's attributes in the order they are written:
// hclsyntax keeps them in a map, and the order in which their references
// are evaluated decides which one a dependency cycle is reported from.
func inSourceOrder(attrs hclsyntax.Attributes) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *hclsyntax.Attribute) int {
		return cmp.Compare(a.SrcRange.Start.Byte, b.SrcRange.Start.Byte)
	})
	return out
}

// indexBlocks records the whole range of every native-syntax block of body
// by its header range, and for every dynamic block the range of its
// content block: the blocks that dynblock generates keep the header of
// the dynamic block but lose the body's range.
func indexBlocks(body hcl.Body, index, content map[hcl.Range]hcl.Range) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, b := range sb.Blocks {
		def := b.AsHCLBlock().DefRange
		index[def] = b.Range()
		if b.Type == "dynamic" {
			for _, cb := range b.Body.Blocks {
				if cb.Type == "content" {
					content[def] = cb.Range()
				}
			}
		}
		indexBlocks(b.Body, index, content)
	}
}

// blockRange is the range of a block from its header to its end; for a
// block that a dynamic block generated, the range of its content block. It
// looks the block up first in the ranges of
// module m (when not nil), which its blocks mostly come from, then in those
// of the module of its file.
func (t *tree) blockRange(m *module, b *hcl.Block) hcl.Range {
	if pb, ok := b.Body.(*planBody); ok {
		return pb.whole
	}
	if r, ok := m.indexedRange(b); ok {
		return r
	}
	if owner, ok := t.byFile.Load(b.DefRange.Filename); ok {
		if om, ok := owner.(*module); ok && om != m {
			if r, ok := om.indexedRange(b); ok {
				return r
			}
		}
	}
	if _, native := b.Body.(*hclsyntax.Body); native {
		return hcl.RangeBetween(b.DefRange, blockEnd(b))
	}
	return hcl.RangeBetween(jsonStart(b), blockEnd(b))
}

// indexedRange is the range of b that m recorded, if any.
func (m *module) indexedRange(b *hcl.Block) (hcl.Range, bool) {
	if m == nil {
		return hcl.Range{}, false
	}
	if b.Type != "dynamic" {
		if r, ok := m.contentRanges[b.DefRange]; ok {
			return r, true
		}
	}
	r, ok := m.blockRanges[b.DefRange]
	return r, ok
}

// declRange is the header of a block. A JSON block's DefRange is only its
// opening brace, so its header starts at the key that names it.
func (t *tree) declRange(b *hcl.Block) hcl.Range {
	if _, native := b.Body.(*hclsyntax.Body); native || len(b.LabelRanges) == 0 {
		return b.DefRange
	}
	return hcl.RangeBetween(b.LabelRanges[len(b.LabelRanges)-1], b.DefRange)
}

// jsonStart is where a JSON block starts: the key that names it for a
// labeled block; for an element of an array of blocks, whose DefRange is
// the array's bracket, its first attribute.
func jsonStart(b *hcl.Block) hcl.Range {
	if len(b.LabelRanges) > 0 {
		return b.LabelRanges[len(b.LabelRanges)-1]
	}
	start := b.DefRange
	attrs := bodyAttributes(b.Body)
	if len(attrs) > 0 && attrs[0].Range.Start.Byte > start.Start.Byte {
		start = attrs[0].Range
	}
	return start
}

// iteratorNames returns the names by which the dynamic blocks of body refer
// to their current element: the block label, or its iterator argument.
func iteratorNames(body hcl.Body) map[string]bool {
	names := map[string]bool{}
	var walk func(*hclsyntax.Body)
	walk = func(sb *hclsyntax.Body) {
		for _, b := range sb.Blocks {
			if b.Type == "dynamic" && len(b.Labels) == 1 {
				names[b.Labels[0]] = true
				if it, ok := b.Body.Attributes["iterator"]; ok {
					if name := hcl.ExprAsKeyword(it.Expr); name != "" {
						names[name] = true
					}
				}
			}
			walk(b.Body)
		}
	}
	switch b := body.(type) {
	case *hclsyntax.Body:
		walk(b)
	case *mergedBody:
		for _, part := range []hcl.Body{b.base, b.over} {
			for n := range iteratorNames(part) {
				names[n] = true
			}
		}
	default:
		c, _, _ := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "dynamic", LabelNames: []string{"type"}}}})
		if c != nil {
			for _, d := range c.Blocks {
				names[d.Labels[0]] = true
			}
		}
	}
	return names
}

// blockEnd is the range of the end of a block: its closing brace in native
// syntax, the end of its body otherwise.
func blockEnd(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(interface{ Range() hcl.Range }); ok {
		return sb.Range()
	}
	return b.Body.MissingItemRange()
}
