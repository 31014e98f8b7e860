package terraform

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// maxOriginSteps bounds how many variables and locals origin follows.
const maxOriginSteps = 64

// origin returns where the value of e, evaluated in s, was chosen when e
// only passes on an input variable of its module: the argument that the
// calling module gives that variable, followed up through every module that
// passes it on in turn (locals on the way are followed too). ok is false
// when e chooses the value itself, reads more than one value, or its
// variable is not set by a caller: the value is then chosen where e is
// written.
func (s *scope) origin(e hcl.Expression) (model.Range, bool) {
	var at model.Range
	found := false
	for range maxOriginSteps {
		root, name, ok := passedOn(e)
		if !ok {
			break
		}
		if root == "local" {
			l, declared := s.module.locals[name]
			if !declared {
				break
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
		s = s.caller.frame
		e = a.Expr
		at, found = s.pos.rng(e.Range()), true
	}
	return at, found
}

// passedOn reports whether e reads exactly one value, var.name or
// local.name (instance keys and indexes aside), and which: such an
// expression passes a value on rather than choosing it.
func passedOn(e hcl.Expression) (root, name string, ok bool) {
	for _, t := range e.Variables() {
		r := t.RootName()
		switch r {
		case "count", "each", "path", "terraform":
			continue
		case "var", "local":
		default:
			return "", "", false
		}
		n, hasName := stepName(t, 1)
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
	at, ok := b.s.origin(a.Expr)
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
