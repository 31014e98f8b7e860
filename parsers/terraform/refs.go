package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// noteReferences records which resource attributes e reads: the attribute
// that follows `T.N` (after any index or splat), and, when the expression
// goes on past a splat or a function call (`values(T.N)[*].id`), every
// attribute name its relative traversals use.
func (m *module) noteReferences(e hcl.Expression) {
	var relative []string
	collected := false
	for _, t := range variablesOf(e) {
		root := t.RootName()
		if root == "var" || root == "local" || root == "data" || root == "module" {
			continue
		}
		name, ok := stepName(t, 1)
		if !ok {
			continue
		}
		addr := root + "." + name
		if m.referenced[addr] == nil {
			m.referenced[addr] = map[string]bool{}
		}
		for i := 2; i < len(t); i++ {
			if a, ok := t[i].(hcl.TraverseAttr); ok {
				m.referenced[addr][a.Name] = true
				break
			}
		}
		if !collected {
			relative, collected = relativeAttributes(e), true
		}
		for _, a := range relative {
			m.referenced[addr][a] = true
		}
	}
}

// relativeAttributes lists the attribute names of every traversal of e:
// relative ones, splats, and those of for-expression variables.
func relativeAttributes(e hcl.Expression) []string {
	node, ok := e.(hclsyntax.Node)
	if !ok {
		return nil
	}
	var out []string
	_ = hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		var t hcl.Traversal
		switch x := n.(type) {
		case *hclsyntax.RelativeTraversalExpr:
			t = x.Traversal
		case *hclsyntax.ScopeTraversalExpr:
			t = x.Traversal
		}
		for _, st := range t {
			if a, ok := st.(hcl.TraverseAttr); ok {
				out = append(out, a.Name)
			}
		}
		return nil
	})
	return out
}
