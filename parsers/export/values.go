package export

import (
	"strconv"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// str reads key of obj as a string. A missing key, null and "" are absent:
// the value is def, defaulted, with obj's range. A number or boolean is kept
// as its literal. An object or array is an error, and the value is
// unresolved.
func (p *parser) str(obj *node, key, def string) model.String {
	return p.strOf(obj.get(key), key, def, obj.rng)
}

// optionalOf reads n, the value of key, as an optional string: the API
// writes "" for a field that does not apply (model.OmitEmpty).
func (p *parser) optionalOf(n *node, key, def string, outer model.Range) model.String {
	return model.OmitEmpty(p.strOf(n, key, def, outer), def)
}

// strOf reads n, the value of key, as a string; outer is the range of what
// encloses it.
func (p *parser) strOf(n *node, key, def string, outer model.Range) model.String {
	switch {
	case n.empty():
		return model.DefaultedValue(def, outer)
	case n.kind == kindString, n.kind == kindNumber, n.kind == kindBool:
		return model.WrittenValue(n.text, n.rng)
	}
	p.errorf(n.rng, "invalid value", "%s must be a string, not %s.", key, n.kind)
	return model.UnresolvedValue[string](n.rng, key+" is "+n.kind.String()+", not a string")
}

// list reads key of obj as a list of strings. A missing key and null are an
// absent list (defaulted, empty); null and "" items are skipped.
func (p *parser) list(obj *node, key string) model.StringList {
	n := obj.get(key)
	switch {
	case n.empty():
		return model.DefaultedValue[[]model.String](nil, obj.rng)
	case n.kind != kindArray:
		p.errorf(n.rng, "invalid value", "%s must be an array of strings, not %s.", key, n.kind)
		return model.UnresolvedValue[[]model.String](n.rng, key+" is "+n.kind.String()+", not an array")
	}
	out := make([]model.String, 0, len(n.elems))
	for _, e := range n.elems {
		if e.empty() {
			continue
		}
		out = append(out, p.strOf(e, "an item of "+key, "", n.rng))
	}
	return model.WrittenValue(out, n.rng)
}

// objectList reads key of obj as a list of objects and reads field of each
// (AssistantCidrSet[].CidrBlock). Plain strings are taken as they are.
func (p *parser) objectList(obj *node, key, fieldName string) model.StringList {
	n := obj.get(key)
	switch {
	case n.empty():
		return model.DefaultedValue[[]model.String](nil, obj.rng)
	case n.kind != kindArray:
		p.errorf(n.rng, "invalid value", "%s must be an array, not %s.", key, n.kind)
		return model.UnresolvedValue[[]model.String](n.rng, key+" is "+n.kind.String()+", not an array")
	}
	var out []model.String
	for _, e := range n.elems {
		v := e
		if e.kind == kindObject {
			v = e.get(fieldName)
		}
		if v.empty() {
			continue
		}
		out = append(out, p.strOf(v, key+"[]."+fieldName, "", e.rng))
	}
	return model.WrittenValue(out, n.rng)
}

// integerOf reads n, the value of key of obj, as an integer; absent or not
// a number, it is defaulted to 0.
func (p *parser) integerOf(n, obj *node, key string) model.Int {
	if n == nil || n.kind == kindNull {
		return model.DefaultedValue(0, obj.rng)
	}
	text := n.text
	if n.kind == kindNumber || n.kind == kindString && text != "" {
		if v, err := strconv.Atoi(text); err == nil {
			return model.WrittenValue(v, n.rng)
		}
	}
	if n.kind == kindString && text == "" {
		return model.DefaultedValue(0, obj.rng)
	}
	p.errorf(n.rng, "invalid value", "%s must be an integer, not %s.", key, describe(n))
	return model.DefaultedValue(0, obj.rng)
}

// describe names a value in a message.
func describe(n *node) string {
	switch n.kind {
	case kindString:
		return strconv.Quote(n.text)
	case kindNumber, kindBool:
		return n.text
	case kindNull, kindObject, kindArray:
		// Named by their type, below.
	}
	return n.kind.String()
}

// object returns key of obj when it is an object; null and missing give
// nil, another type an error.
func (p *parser) object(obj *node, key string) *node {
	return p.objectOf(obj.get(key), key)
}

// objectOf returns n, the value of key, as object does.
func (p *parser) objectOf(n *node, key string) *node {
	switch {
	case n.empty():
		return nil
	case n.kind != kindObject:
		p.errorf(n.rng, "invalid value", "%s must be an object, not %s.", key, n.kind)
		return nil
	}
	return n
}

// idOf reads the id key of an item of a set; an item without one is
// reported in a note and skipped.
func (p *parser) idOf(obj *node, key, what string) (model.String, bool) {
	id := p.str(obj, key, "")
	if id.State() != model.Written {
		if id.State() == model.Defaulted {
			p.notef(obj.rng, "this item of %s has no %s; it was skipped", what, key)
		}
		return id, false
	}
	return id, true
}

// noList is an absent list at r.
func noList(r model.Range) model.StringList { return model.DefaultedValue[[]model.String](nil, r) }

// none is an absent string at r.
func none(r model.Range) model.String { return model.DefaultedValue("", r) }
