package template

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// object is a mapping whose keys are known (the Properties of a resource,
// or an object nested in them), read into model values.
type object struct {
	b *builder
	// what names the object in messages: "the Properties of NodeSG
	// (TencentCloud::VPC::SecurityGroup)".
	what string
	// rng is where the object is written: where defaulted values point.
	rng    model.Range
	fields map[string]entry
	// why, when not empty, makes every value of the object unresolved:
	// the object itself is not known, or its resource may not exist.
	why      string
	relocate *yaml.Node
	read     map[string]bool
	// null is true when the object is absent or null.
	null bool
	// unknownKeys counts the keys reported as unknown properties.
	unknownKeys int
}

// has reports whether the object writes property name.
func (o *object) has(name string) bool {
	_, ok := o.fields[name]
	return ok
}

// object opens v, which should be a mapping with only the keys in keys.
// Null is an empty object; an unknown value gives an object whose values
// are all unresolved. at is where the object is said to be when v has no
// place of its own.
func (b *builder) object(v value, what string, at model.Range, keys []string) *object {
	o := &object{b: b, what: what, rng: at, fields: map[string]entry{}, read: map[string]bool{}, relocate: v.relocate}
	if v.at != nil {
		o.rng = b.src.rng(v.at)
	}
	if o.relocate != nil {
		o.rng = b.src.rng(o.relocate)
	}
	switch v.kind {
	case kNull:
		o.null = true
		return o
	case kUnknown:
		o.why = v.reason
		return o
	case kMap:
	case kScalar, kList:
		b.src.errorf(v.at, "incorrect value type", "%s must be a mapping, not %s", what, v.describe())
		o.why = what + " is not a mapping"
		return o
	}
	for _, en := range b.e.entries(v.m) {
		name := en.key.Value
		if !slices.Contains(keys, name) {
			b.src.errorf(en.key, "unknown property", "%s has no property %q; want one of %s", what, name, strings.Join(keys, ", "))
			o.unknownKeys++
			continue
		}
		o.fields[name] = en
	}
	return o
}

// value evaluates property name. present is false when it is absent.
func (o *object) value(name string) (v value, present bool) {
	en, ok := o.fields[name]
	o.read[name] = true
	if !ok {
		return value{kind: kNull}, false
	}
	if o.why != "" {
		return unknown(o.why, en.val), true
	}
	v = o.b.e.eval(en.val)
	if o.relocate != nil {
		v = relocated(v, o.relocate)
	}
	if v.at == nil {
		v.at = en.val
	}
	return v, true
}

// defaulted is the value of an absent property.
func defaulted[T any](o *object, def T) model.Value[T] {
	if o.why != "" {
		return model.UnresolvedValue[T](o.rng, o.why)
	}
	return model.DefaultedValue(def, o.rng)
}

// str reads a string property; def is its value when absent.
func (o *object) str(name, def string) model.String {
	v, ok := o.value(name)
	if !ok || v.kind == kNull {
		return defaulted(o, def)
	}
	return o.b.toString(v, name)
}

// optional reads a string property whose empty value means "not set", as
// the API writes unused template ids and peers (model.OmitEmpty).
func (o *object) optional(name string) model.String {
	return model.OmitEmpty(o.str(name, ""), "")
}

// optionalOr is optional with the default def.
func (o *object) optionalOr(name, def string) model.String {
	return model.OmitEmpty(o.str(name, def), def)
}

// list reads a list of strings.
func (o *object) list(name string) model.StringList {
	v, ok := o.value(name)
	if !ok || v.kind == kNull {
		return defaulted[[]model.String](o, nil)
	}
	return o.b.toList(v, name)
}

// boolean reads a bool property that defaults to false.
func (o *object) boolean(name string) model.Bool {
	v, ok := o.value(name)
	if !ok || v.kind == kNull {
		return defaulted(o, false)
	}
	return o.b.toBool(v, name)
}

// sub opens the nested object name.
func (o *object) sub(name, what string, keys ...string) *object {
	v, _ := o.value(name)
	sub := o.b.object(v, what, o.rng, keys)
	if o.why != "" && sub.why == "" {
		sub.why = o.why
	}
	return sub
}

// finish evaluates the properties that no mapping read, so that their
// errors (a Ref to nothing, say) are reported too.
func (o *object) finish() {
	if o.why != "" {
		return
	}
	for name, en := range o.fields {
		if !o.read[name] {
			o.b.e.eval(en.val)
		}
	}
}

// toString converts v into a model string. Scalars of any type are kept as
// written.
func (b *builder) toString(v value, name string) model.String {
	rng := b.src.rng(v.at)
	switch v.kind {
	case kScalar:
		return model.WrittenValue(v.s, rng)
	case kUnknown:
		return model.UnresolvedValue[string](rng, v.reason)
	case kNull:
		return model.DefaultedValue("", rng)
	case kList, kMap:
	}
	b.src.errorf(v.at, "incorrect value type", "%s must be a string, not %s", name, v.describe())
	return model.UnresolvedValue[string](rng, name+" is not a string")
}

// toList converts v into a list of strings, each element with its range.
func (b *builder) toList(v value, name string) model.StringList {
	rng := b.src.rng(v.at)
	switch v.kind {
	case kUnknown:
		return model.UnresolvedValue[[]model.String](rng, v.reason)
	case kList:
		out := make([]model.String, 0, len(v.items))
		for _, it := range v.items {
			if it.kind == kNull {
				b.src.errorf(it.at, "incorrect value type", "an element of %s is null; a string is required", name)
				out = append(out, model.UnresolvedValue[string](b.src.rng(it.at), "an element of "+name+" is null"))
				continue
			}
			out = append(out, b.toString(it, name+" element"))
		}
		return model.WrittenValue(out, rng)
	case kNull, kScalar, kMap:
	}
	b.src.errorf(v.at, "incorrect value type", "%s must be a list of strings, not %s", name, v.describe())
	return model.UnresolvedValue[[]model.String](rng, name+" is not a list of strings")
}

// toBool converts v into a bool: a YAML bool, or the string true or false
// (a --param value).
func (b *builder) toBool(v value, name string) model.Bool {
	rng := b.src.rng(v.at)
	switch v.kind {
	case kUnknown:
		return model.UnresolvedValue[bool](rng, v.reason)
	case kScalar:
		switch strings.ToLower(v.s) {
		case "true":
			return model.WrittenValue(true, rng)
		case "false":
			return model.WrittenValue(false, rng)
		}
	case kNull, kList, kMap:
	}
	b.src.errorf(v.at, "incorrect value type", "%s must be true or false, not %s", name, describeText(v))
	return model.UnresolvedValue[bool](rng, name+" is not a bool")
}

func describeText(v value) string {
	if v.kind == kScalar {
		return `"` + v.s + `"`
	}
	return v.describe()
}
