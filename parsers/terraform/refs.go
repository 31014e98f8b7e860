package terraform

import (
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// noteReferences records which resource attributes e reads: the attribute
// that follows `T.N` (after any index or splat), and, when the expression
// goes on past a splat or a function call (`values(T.N)[*].id`), every
// attribute name its relative traversals use.
func (m *module) noteReferences(e hcl.Expression) { noteReferences(m.referenced, e) }

// noteReferences is module.noteReferences into referenced (by resource
// address, the attribute names read).
func noteReferences(referenced map[string]map[string]bool, e hcl.Expression) {
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
		if referenced[addr] == nil {
			referenced[addr] = map[string]bool{}
		}
		for i := 2; i < len(t); i++ {
			if a, ok := t[i].(hcl.TraverseAttr); ok {
				referenced[addr][a.Name] = true
				break
			}
		}
		if !collected {
			relative, collected = relativeAttributes(e), true
		}
		for _, a := range relative {
			referenced[addr][a] = true
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

// fileRefs is what noteReferences finds in the expressions of one file,
// kept with the file's syntax in a ParseCache: a language server builds the
// module again after each edit, and walking every expression of every file
// for their references was a sixth of its run in a module of 300 files.
type fileRefs struct {
	once       sync.Once
	referenced map[string]map[string]bool
}

// addReferences records the references of the expressions of body, a
// file's, finding them once per file when refs is not nil.
func (m *module) addReferences(body hcl.Body, refs *fileRefs) {
	if refs == nil {
		allExpressions(body, m.noteReferences)
		return
	}
	refs.once.Do(func() {
		refs.referenced = map[string]map[string]bool{}
		allExpressions(body, func(e hcl.Expression) { noteReferences(refs.referenced, e) })
	})
	for addr, names := range refs.referenced {
		if m.referenced[addr] == nil {
			m.referenced[addr] = map[string]bool{}
		}
		for name := range names {
			m.referenced[addr][name] = true
		}
	}
}
