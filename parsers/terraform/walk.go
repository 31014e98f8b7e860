package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// bodyAttributes returns the attributes written directly in body, in source
// order. In native syntax nested blocks are left out; in JSON, which cannot
// tell them apart without a schema, they are attributes too.
func bodyAttributes(body hcl.Body) []*hcl.Attribute {
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
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		for _, a := range bodyAttributes(body) {
			fn(a.Expr)
		}
		return
	}
	for _, a := range sb.Attributes {
		fn(a.Expr)
	}
	for _, b := range sb.Blocks {
		allExpressions(b.Body, fn)
	}
}

// indexBlocks records the whole range of every native-syntax block of body
// by its header range, for blocks that dynblock generates: they keep the
// header but lose the body's range.
func indexBlocks(body hcl.Body, index map[hcl.Range]hcl.Range) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, b := range sb.Blocks {
		index[b.AsHCLBlock().DefRange] = b.Range()
		indexBlocks(b.Body, index)
	}
}

// wholeRange is the range of a block from its header to its end.
func (m *module) wholeRange(b *hcl.Block) hcl.Range {
	if r, ok := m.blockRanges[b.DefRange]; ok {
		return r
	}
	if _, native := b.Body.(*hclsyntax.Body); native {
		return hcl.RangeBetween(b.DefRange, blockEnd(b))
	}
	return hcl.RangeBetween(jsonStart(b), blockEnd(b))
}

// declRange is the header of a block. A JSON block's DefRange is only its
// opening brace, so its header starts at the key that names it.
func (m *module) declRange(b *hcl.Block) hcl.Range {
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
	if sb, ok := body.(*hclsyntax.Body); ok {
		walk(sb)
	}
	return names
}
