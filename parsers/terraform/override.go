package terraform

import (
	"maps"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// mergedBody is a block of a module's files with the same block of an
// override file merged over it, the way Terraform merges them: each
// attribute of the override replaces the one of the same name, and nested
// blocks of a type the override writes (plainly or as `dynamic`) replace
// every nested block of that type.
type mergedBody struct {
	base, over hcl.Body
}

// mergeBodies merges over onto base.
func mergeBodies(base, over hcl.Body) hcl.Body { return &mergedBody{base: base, over: over} }

// Content implements hcl.Body.
func (m *mergedBody) Content(sc *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, _, diags := m.PartialContent(sc)
	return c, diags
}

// PartialContent implements hcl.Body.
func (m *mergedBody) PartialContent(sc *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	bc, brest, diags := m.base.PartialContent(sc)
	oc, orest, odiags := m.over.PartialContent(sc)
	diags = append(diags, odiags...)
	out := &hcl.BodyContent{Attributes: hcl.Attributes{}, MissingItemRange: m.base.MissingItemRange()}
	if bc != nil {
		maps.Copy(out.Attributes, bc.Attributes)
	}
	replaced := overriddenTypes(m.over)
	if oc != nil {
		maps.Copy(out.Attributes, oc.Attributes)
		for _, b := range oc.Blocks {
			replaced[effectiveType(b.Type, b.Labels)] = true
		}
	}
	if bc != nil {
		for _, b := range bc.Blocks {
			if !replaced[effectiveType(b.Type, b.Labels)] {
				out.Blocks = append(out.Blocks, b)
			}
		}
	}
	if oc != nil {
		out.Blocks = append(out.Blocks, oc.Blocks...)
	}
	return out, &mergedBody{base: brest, over: orest}, diags
}

// JustAttributes implements hcl.Body.
func (m *mergedBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	out := hcl.Attributes{}
	for _, a := range bodyAttributes(m.base) {
		out[a.Name] = a
	}
	for _, a := range bodyAttributes(m.over) {
		out[a.Name] = a
	}
	return out, nil
}

// MissingItemRange implements hcl.Body.
func (m *mergedBody) MissingItemRange() hcl.Range { return m.base.MissingItemRange() }

// overriddenTypes lists the nested block types a native-syntax override
// body writes.
func overriddenTypes(over hcl.Body) map[string]bool {
	out := map[string]bool{}
	if sb, ok := over.(*hclsyntax.Body); ok {
		for _, b := range sb.Blocks {
			out[effectiveType(b.Type, b.Labels)] = true
		}
	}
	return out
}

// effectiveType is the type of the blocks a block stands for: its own, or
// the label of a dynamic block.
func effectiveType(typ string, labels []string) string {
	if typ == "dynamic" && len(labels) == 1 {
		return labels[0]
	}
	return typ
}
