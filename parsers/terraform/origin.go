package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// maxOriginSteps bounds how many variables, locals and iterators origin
// follows.
const maxOriginSteps = 64

// iterSource is what the instance and dynamic-block iterators of one
// resource instance stand for: the expressions their elements come from.
type iterSource struct {
	// forEach is the resource's for_each, whose elements each.value reads.
	forEach hcl.Expression
	// body is the resource's body as written, with its dynamic blocks.
	body hcl.Body
}

// iterSourceOf returns the iterators of resource r.
func iterSourceOf(r *resource) *iterSource {
	src := &iterSource{body: r.block.Body}
	if rb := r.s.resources[r.typ+"."+r.name]; rb != nil {
		src.forEach = rb.forEachExpr
	}
	return src
}

// dynamicForEach returns the for_each of the dynamic block whose iterator
// is name, or nil.
func (it *iterSource) dynamicForEach(name string) hcl.Expression {
	sb, ok := it.body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	var found hcl.Expression
	var walk func(*hclsyntax.Body)
	walk = func(sb *hclsyntax.Body) {
		for _, b := range sb.Blocks {
			if found != nil {
				return
			}
			if b.Type == "dynamic" && len(b.Labels) == 1 {
				iter := b.Labels[0]
				if a, ok := b.Body.Attributes["iterator"]; ok {
					iter = hcl.ExprAsKeyword(a.Expr)
				}
				if fe, ok := b.Body.Attributes["for_each"]; ok && iter == name {
					found = fe.Expr
					return
				}
			}
			walk(b.Body)
		}
	}
	walk(sb)
	return found
}

// origin returns where the value of e, evaluated in s, was chosen when e
// only passes on a value from a calling module: the argument the caller
// gives the input variable e reads, followed up through every module that
// passes it on in turn. Locals on the way are followed, and so are the
// iterators of it (each.value, a dynamic block's element) to the for_each
// they come from. ok is false when e chooses the value itself, reads more
// than one value, or its variable is not set by a caller.
func (s *scope) origin(e hcl.Expression, it *iterSource) (model.Range, bool) {
	var at model.Range
	found := false
	for range maxOriginSteps {
		root, name, ok := passedOn(e, it)
		if !ok {
			break
		}
		switch root {
		case "each":
			e = it.forEach
			continue
		case "iterator":
			e = it.dynamicForEach(name)
			continue
		case "local":
			l, declared := s.module.locals[name]
			if !declared {
				return at, found
			}
			e = l.expr
			continue
		}
		if s.caller == nil {
			break
		}
		a := s.caller.call.args[name]
		if a == nil {
			break
		}
		// The caller's expressions know neither this resource's iterators
		// nor its locals.
		s, e, it = s.caller.frame, a.Expr, nil
		at, found = s.pos.rng(e.Range()), true
	}
	return at, found
}

// passedOn reports whether e reads exactly one value, and which: var.name,
// local.name, each (the resource's for_each element) or a dynamic block's
// iterator ("iterator", name). Such an expression passes a value on rather
// than choosing it; count.index and the like are ignored.
func passedOn(e hcl.Expression, it *iterSource) (root, name string, ok bool) {
	if e == nil {
		return "", "", false
	}
	for _, t := range e.Variables() {
		r := t.RootName()
		n, hasName := stepName(t, 1)
		switch {
		case r == "count" || r == "path" || r == "terraform":
			continue
		case r == "each":
			if it == nil || it.forEach == nil {
				return "", "", false
			}
			n, hasName = "", true
		case r == "var" || r == "local":
		case it != nil && it.dynamicForEach(r) != nil:
			r, n, hasName = "iterator", r, true
		default:
			return "", "", false
		}
		if !hasName || root != "" && (r != root || n != name) {
			return "", "", false
		}
		root, name = r, n
	}
	return root, name, root != ""
}

// origin is where the value of attribute name of b was chosen, when that
// is in a calling module (see scope.origin); zero otherwise.
func (b *block) origin(name string) model.Range {
	a := b.attr(name)
	if a == nil {
		return model.Range{}
	}
	at, ok := b.s.origin(hcl.UnwrapExpression(a.Expr), b.iters)
	if !ok {
		return model.Range{}
	}
	return at
}

// binding reads attribute name of b as the security groups a binding
// named field binds, with where they were chosen.
func (b *block) binding(field, name string, ordered bool) model.Binding {
	return model.Binding{Field: field, Groups: b.list(name), Ordered: ordered, Origin: b.origin(name)}
}
