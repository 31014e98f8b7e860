package template

import (
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// kind is the kind of an evaluated value.
type kind uint8

const (
	kNull kind = iota
	kScalar
	kList
	kMap
	kUnknown
)

// value is the result of evaluating a node: a scalar, a list, a mapping
// (whose entries are evaluated when read), null, or unknown with a reason.
type value struct {
	kind kind
	// s is the text of a scalar, exactly as the YAML parser read it.
	s string
	// tag is the YAML tag of a scalar (!!str, !!int, !!bool …).
	tag   string
	items []value
	// m is the mapping node of a kMap.
	m *yaml.Node
	// at is where the value is written, in the text that uses it: the
	// literal, or the function or Ref that computed it.
	at *yaml.Node
	// reason says why a kUnknown value is unknown.
	reason string
	// relocate, when set on a kMap, is where every value read from the
	// mapping is said to be written (a mapping that Fn::GetAtt fetched).
	relocate *yaml.Node
}

func scalar(s, tag string, at *yaml.Node) value { return value{kind: kScalar, s: s, tag: tag, at: at} }

func unknown(reason string, at *yaml.Node) value {
	return value{kind: kUnknown, reason: brief(reason), at: at}
}

// maxReason bounds the length of a reason: reasons nest (a condition that
// depends on a condition …), and a hostile template must not make them grow
// without bound.
const maxReason = 400

// brief shortens reason to maxReason bytes.
func brief(reason string) string {
	if len(reason) <= maxReason {
		return reason
	}
	cut := maxReason
	for cut > 0 && !utf8.RuneStart(reason[cut]) {
		cut--
	}
	return reason[:cut] + "…"
}

// relocated returns v as written at at: the value of a parameter or of
// another resource's property, used here.
func relocated(v value, at *yaml.Node) value {
	v.at = at
	switch v.kind {
	case kList:
		items := make([]value, len(v.items))
		for i, it := range v.items {
			items[i] = relocated(it, at)
		}
		v.items = items
	case kMap:
		v.relocate = at
	case kNull, kScalar, kUnknown:
	}
	return v
}

// reasons joins the distinct reasons of unknown values, sorted.
func reasons(vs ...value) string {
	var out []string
	for _, v := range vs {
		if v.kind == kUnknown && v.reason != "" && !slices.Contains(out, v.reason) {
			out = append(out, v.reason)
		}
	}
	slices.Sort(out)
	return brief(strings.Join(out, "; "))
}

// unknownIn returns the first unknown value among vs, deep in lists.
func unknownIn(vs ...value) (value, bool) {
	var all []value
	var walk func(v value)
	walk = func(v value) {
		switch v.kind {
		case kUnknown:
			all = append(all, v)
		case kList:
			for _, it := range v.items {
				walk(it)
			}
		case kNull, kScalar, kMap:
		}
	}
	for _, v := range vs {
		walk(v)
	}
	if len(all) == 0 {
		return value{}, false
	}
	return value{kind: kUnknown, reason: reasons(all...), at: all[0].at}, true
}

// describe names the kind of a value for messages.
func (v value) describe() string {
	switch v.kind {
	case kNull:
		return "null"
	case kList:
		return "a list"
	case kMap:
		return "a mapping"
	case kUnknown:
		return "an unknown value"
	case kScalar:
	}
	switch v.tag {
	case "!!bool":
		return "a bool"
	case "!!int", "!!float":
		return "a number"
	}
	return "a string"
}
