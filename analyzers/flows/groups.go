package flows

import (
	"cmp"
	"slices"
)

// region is a piece of a pending set, with what the groups bound in an
// undefined order, each on its own, may do to it.
type region struct {
	set Set
	// out is what the groups that may match the flows may do with them,
	// and outs the same per group.
	out  Outcome
	outs []Outcome
	// causes are the rules that may match, group after group; decides
	// the rule of each group that certainly matches, in binding order.
	causes  []*Rule
	decides []*Rule
	// matched and orders come from groups whose own rules have an
	// undefined order (Part.matched, Part.Order).
	matched []*Rule
	orders  []string
	// through is set while every group may let the flows through.
	through bool
}

// stepGroups runs pending flows through groups bound in an order that is
// not known (seg.Members). Each group decides as its own rules do, and any
// group that may match a flow may come first: its fate is any of theirs,
// or no match when every group may let it through. (This is the union over
// every order of the groups; the order of each group's own rules is kept.)
// When the groups that may match a flow may decide it differently, its
// fate depends on their order: the part says so (Order, seg.Why), with the
// rules of the other groups that certainly match it as causes.
func stepGroups(seg Segment, pend []pending, env *Env) ([]Part, []pending) {
	var parts []Part
	var rest []pending
	for _, p := range pend {
		regions := []region{{set: p.set, through: true}}
		for _, m := range seg.Members {
			decided, through := step(m, []pending{{set: p.set}}, env)
			regions = refine(regions, decided, through)
		}
		for _, r := range regions {
			order := ""
			if orderDecides(r.outs) {
				order = seg.Why
			}
			causes := slices.Concat(p.causes, r.causes)
			if r.through {
				rest = append(rest, pending{set: r.set, out: p.out | r.out, causes: causes, order: cmp.Or(order, p.order)})
				continue
			}
			matched := r.matched
			if order != "" {
				causes = append(causes, r.decides[1:]...)
				matched = append(slices.Clip(matched), r.decides[1:]...)
			}
			parts = append(parts, Part{
				Flows: r.set, Outcomes: p.out | r.out, Rule: r.decides[0], Causes: causes,
				matched: matched, Order: cmp.Or(order, p.order), Reasons: r.orders,
			})
		}
	}
	return parts, mergePending(rest, nil)
}

// refine splits regions by what one more group does with their flows: the
// parts it decides, and the flows it may let through.
func refine(regions []region, decided []Part, through []pending) []region {
	var out []region
	for _, r := range regions {
		for _, d := range decided {
			inter := r.set.Intersect(d.Flows)
			if inter.IsEmpty() {
				continue
			}
			n := r.with(inter, d.Outcomes, d.Causes)
			n.through = false
			n.decides = append(slices.Clip(r.decides), d.Rule)
			n.matched = append(slices.Clip(r.matched), d.matched...)
			if d.Order != "" {
				n.orders = append(slices.Clip(r.orders), d.Order)
			}
			out = addRegion(out, n)
		}
		for _, t := range through {
			if inter := r.set.Intersect(t.set); !inter.IsEmpty() {
				out = addRegion(out, r.with(inter, t.out, t.causes))
			}
		}
	}
	return out
}

// with returns r narrowed to set, where one more group may do out with
// the flows, because of causes.
func (r region) with(set Set, out Outcome, causes []*Rule) region {
	n := r
	n.set = set
	n.out |= out
	if out != 0 {
		n.outs = append(slices.Clip(r.outs), out)
	}
	n.causes = slices.Concat(r.causes, causes)
	return n
}

// addRegion adds n to rs, into a region of the same state when there is
// one, so that regions do not multiply with every group.
func addRegion(rs []region, n region) []region {
	for i := range rs {
		q := &rs[i]
		if q.out == n.out && q.through == n.through && slices.Equal(q.outs, n.outs) && slices.Equal(q.causes, n.causes) &&
			slices.Equal(q.decides, n.decides) && slices.Equal(q.matched, n.matched) && slices.Equal(q.orders, n.orders) {
			q.set = q.set.Union(n.set)
			return rs
		}
	}
	return append(rs, n)
}

// orderDecides reports whether the order of groups that may do outs with
// some flows may decide their fate: two of them may, and not all of them
// surely do one same thing.
func orderDecides(outs []Outcome) bool {
	if len(outs) < 2 {
		return false
	}
	if outs[0] != Accept && outs[0] != Drop {
		return true
	}
	for _, o := range outs[1:] {
		if o != outs[0] {
			return true
		}
	}
	return false
}
