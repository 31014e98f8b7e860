package terraform

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// repetition says how a block with count or for_each repeats.
type repetition uint8

const (
	once repetition = iota
	byCount
	byForEach
)

// instanceKey is what a frame knows of its instance: count.index, or
// each.key and each.value. When the count or for_each is not known, the
// block is read once with an unknown key, and reason says why.
type instanceKey struct {
	kind   repetition
	key    cty.Value // a number for count, a string for for_each
	value  refined   // each.value
	reason string
}

// suffix is the instance part of an address: `[0]`, `["a"]`; empty for an
// unknown key.
func (k *instanceKey) suffix() string {
	if k == nil || k.kind == once || k.reason != "" {
		return ""
	}
	return indexString(k.key)
}

// maxInstances bounds the instances of one block: beyond it the block is
// read once, with unknown keys, rather than exhausting memory.
const maxInstances = 4096

// expansion is the result of evaluating count or for_each.
type expansion struct {
	kind repetition
	keys []*instanceKey
	// unknown is the reason when the number of instances is not known; keys
	// then holds one instance with unknown keys.
	unknown string
}

// expand evaluates the count and for_each of a block in the module-level
// scope. what names the block in messages.
func (s *scope) expand(what string, count, forEach hcl.Expression) expansion {
	switch {
	case count != nil && forEach != nil:
		s.errorf(count.Range(), "invalid combination of \"count\" and \"for_each\"",
			"%s sets both count and for_each; only one may be set.", what)
		return s.unknownExpansion(byCount, what+" sets both count and for_each")
	case count != nil:
		return s.expandCount(what, count)
	case forEach != nil:
		return s.expandForEach(what, forEach)
	}
	return expansion{kind: once, keys: []*instanceKey{{kind: once}}}
}

func (s *scope) unknownExpansion(kind repetition, reason string) expansion {
	k := &instanceKey{kind: kind, key: unknownBecause(reason), value: plain(unknownBecause(reason)), reason: reason}
	return expansion{kind: kind, keys: []*instanceKey{k}, unknown: reason}
}

func (s *scope) expandCount(what string, e hcl.Expression) expansion {
	v := s.base.eval(e)
	if !v.IsWhollyKnown() {
		return s.unknownExpansion(byCount, fmt.Sprintf("the count of %s is not known (%s)", what, s.unknownReason(e, v)))
	}
	v, _ = v.UnmarkDeep()
	n, err := convert.Convert(v, cty.Number)
	count, acc := 0, false
	if err == nil && !n.IsNull() {
		if bf := n.AsBigFloat(); bf.IsInt() {
			i, a := bf.Int64()
			count, acc = int(i), a == 0 && i >= 0
		}
	}
	if !acc {
		s.errorf(e.Range(), "invalid count argument", "The count of %s must be a whole number from 0 up, not %s.", what, friendlyValue(v))
		return s.unknownExpansion(byCount, "the count of "+what+" is invalid")
	}
	if count > maxInstances {
		return s.unknownExpansion(byCount, fmt.Sprintf("the count of %s is %d, more than the %d instances tkesglint reads", what, count, maxInstances))
	}
	x := expansion{kind: byCount}
	for i := range count {
		x.keys = append(x.keys, &instanceKey{kind: byCount, key: cty.NumberIntVal(int64(i))})
	}
	return x
}

func (s *scope) expandForEach(what string, e hcl.Expression) expansion {
	r := s.base.evalRefined(e)
	v := r.v
	uv, _ := v.Unmark()
	if !uv.IsKnown() {
		return s.unknownExpansion(byForEach, fmt.Sprintf("the for_each of %s is not known (%s)", what, s.unknownReason(e, v)))
	}
	ty := uv.Type()
	if !uv.IsNull() && uv.CanIterateElements() && uv.LengthInt() > maxInstances {
		return s.unknownExpansion(byForEach, fmt.Sprintf("the for_each of %s has more than the %d instances tkesglint reads", what, maxInstances))
	}
	switch {
	case uv.IsNull():
		s.errorf(e.Range(), "invalid for_each argument", "The for_each of %s is null; a map or a set of strings is required.", what)
		return s.unknownExpansion(byForEach, "the for_each of "+what+" is null")
	case ty.IsMapType() || ty.IsObjectType():
		x := expansion{kind: byForEach}
		keys, items := r.elements()
		for i, k := range keys {
			x.keys = append(x.keys, &instanceKey{kind: byForEach, key: k, value: items[i]})
		}
		return x
	case ty.IsSetType():
		if !uv.IsWhollyKnown() {
			return s.unknownExpansion(byForEach, fmt.Sprintf("the for_each of %s is not known (%s)", what, s.unknownReason(e, v)))
		}
		x := expansion{kind: byForEach}
		for it := uv.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			sv, err := convert.Convert(ev, cty.String)
			if err != nil || sv.IsNull() {
				s.errorf(e.Range(), "invalid for_each argument",
					"The for_each of %s is a set of %s; a set of strings is required.", what, ty.ElementType().FriendlyName())
				return s.unknownExpansion(byForEach, "the for_each of "+what+" is invalid")
			}
			x.keys = append(x.keys, &instanceKey{kind: byForEach, key: sv, value: plain(sv)})
		}
		sort.SliceStable(x.keys, func(i, j int) bool { return x.keys[i].key.AsString() < x.keys[j].key.AsString() })
		return x
	}
	s.errorf(e.Range(), "invalid for_each argument",
		"The for_each of %s is %s; a map, or a set of strings (toset(...)), is required.", what, ty.FriendlyName())
	return s.unknownExpansion(byForEach, "the for_each of "+what+" is invalid")
}

// instanceRef is the value of `count` or `each` in the current frame.
func (s *scope) instanceRef(t hcl.Traversal, root string) refined {
	k := s.each
	switch {
	case root == "count" && k != nil && k.kind == byCount:
		return plain(cty.ObjectVal(map[string]cty.Value{"index": k.key}))
	case root == "each" && k != nil && k.kind == byForEach:
		return record(map[string]refined{"key": plain(k.key), "value": k.value})
	}
	what := map[string]string{"count": "count", "each": "for_each"}[root]
	s.errorf(t.SourceRange(), "reference to \""+root+"\" in a context without "+what,
		"%s can only be used in a block that sets %s.", traversalString(t, 2), what)
	return plain(unknownBecause(traversalString(t, 2) + " is used outside a block with " + what))
}

// collection assembles the values of the instances of a block the way
// Terraform shows them: the object itself, a tuple for count, an object
// keyed by each.key for for_each, or an unknown value.
func collection(x expansion, vals []refined) refined {
	switch {
	case x.unknown != "":
		return plain(unknownBecause(x.unknown))
	case x.kind == byCount:
		return tuple(vals)
	case x.kind == byForEach:
		m := make(map[string]refined, len(vals))
		for i, k := range x.keys {
			m[k.key.AsString()] = vals[i]
		}
		return record(m)
	}
	if len(vals) == 0 {
		return plain(cty.NullVal(cty.DynamicPseudoType))
	}
	return vals[0]
}

// friendlyValue names v for a message: a number by its value, else its type.
func friendlyValue(v cty.Value) string {
	switch {
	case v.IsNull():
		return "null"
	case v.IsKnown() && !v.IsMarked() && v.Type() == cty.Number:
		return v.AsBigFloat().Text('g', -1)
	}
	return v.Type().FriendlyName()
}
