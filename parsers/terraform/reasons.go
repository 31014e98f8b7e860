package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// reasonMark is the cty mark that an unknown value carries to say why it is
// unknown. Marks follow values through operators and function calls, so a
// value computed from an unknown one still knows what was missing.
type reasonMark struct{ text string }

// unknownBecause returns an unknown value of any type that says why.
func unknownBecause(reason string) cty.Value {
	return cty.DynamicVal.Mark(reasonMark{reason})
}

// reasonOf collects the reasons that v and its elements carry, sorted and
// joined.
func reasonOf(v cty.Value) string {
	_, pvm := v.UnmarkDeepWithPaths()
	set := map[string]bool{}
	for _, pm := range pvm {
		for m := range pm.Marks {
			if r, ok := m.(reasonMark); ok {
				set[r.text] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// unknownReason says why v, the value of e, is not wholly known.
func (s *scope) unknownReason(e hcl.Expression, v cty.Value) string {
	if r := reasonOf(v); r != "" {
		return r
	}
	ctx := s.contextFor(e.Variables())
	var out []string
	for _, t := range e.Variables() {
		tv, diags := t.TraverseAbs(ctx)
		if diags.HasErrors() || tv.IsWhollyKnown() {
			continue
		}
		r := reasonOf(tv)
		if r == "" {
			r = traversalString(t, len(t)) + " is not known statically"
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return "the value is not known statically"
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// dataRefs collects the data source attributes that one expression reads,
// to give each of them an unknown value that names it.
type dataRefs map[string]map[string]map[string]bool // type → name → attribute ("" for the whole object)

func (d dataRefs) add(t hcl.Traversal) {
	typ, ok := stepName(t, 1)
	if !ok {
		return
	}
	name, ok := stepName(t, 2)
	if !ok {
		return
	}
	attr, _ := stepName(t, 3)
	if d[typ] == nil {
		d[typ] = map[string]map[string]bool{}
	}
	if d[typ][name] == nil {
		d[typ][name] = map[string]bool{}
	}
	d[typ][name][attr] = true
}

// value is the data object that holds an unknown value for each data
// source attribute read; prefix is the module instance's address prefix.
func (d dataRefs) value(prefix string) cty.Value {
	types := map[string]cty.Value{}
	for typ, names := range d {
		objs := map[string]cty.Value{}
		for name, attrs := range names {
			addr := fmt.Sprintf("%sdata.%s.%s", prefix, typ, name)
			if attrs[""] {
				objs[name] = unknownBecause(addr + " is known only after apply")
				continue
			}
			vals := map[string]cty.Value{}
			for a := range attrs {
				vals[a] = unknownBecause(addr + "." + a + " is known only after apply")
			}
			objs[name] = cty.ObjectVal(vals)
		}
		types[typ] = cty.ObjectVal(objs)
	}
	return cty.ObjectVal(types)
}
