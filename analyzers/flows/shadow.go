package flows

import "slices"

// Shadow is a rule that can never match: earlier rules of its own list match
// all its flows first.
type Shadow struct {
	Rule *Rule
	// By are earlier rules that together cover it, in list order; when any
	// earlier rule with the opposite action overlaps it, one is included.
	By []*Rule
	// Opposite is true when one of By has the opposite action.
	Opposite bool
}

// Shadowed returns the rules of an ordered segment that can never match.
// Only certain matches hide a rule: an earlier rule with an unresolved value
// never does. Segments whose order is undefined have no shadowed rules.
func (seg Segment) Shadowed() []Shadow {
	if !seg.Ordered {
		return nil
	}
	var syms []string
	for _, r := range seg.Rules {
		syms = append(syms, r.Peer.Syms...)
	}
	slices.Sort(syms)
	universe := Universe(slices.Compact(syms)...)
	// Opaque peers are isolated: a group's members are its symbol, so that a
	// rule naming a group is hidden only by rules that cover that symbol.
	env := &Env{Isolated: true}
	var out []Shadow
	var earlier []*Rule
	var sizes []float64 // of the regions of earlier
	for _, r := range seg.Rules {
		if !r.Valid() {
			continue
		}
		own := r.region(universe, env)
		if !own.IsEmpty() && mayBeCovered(own, setHull(own), earlier, sizes) {
			if s, hidden := coverOf(r, own, earlier, env); hidden {
				out = append(out, s)
			}
		}
		earlier = append(earlier, r)
		sizes = append(sizes, own.Size())
	}
	return out
}

// mayBeCovered is a cheap test that rules out most broad rules that follow
// narrow ones (an ACCEPT of 10.0.0.0/8 after ACCEPTs of its /24s): the
// earlier rules that may touch own, within hull h, match at most their
// regions (of sizes), so when those hold fewer flows than own they cannot
// cover it, and own need not be cut by each in turn, which costs a
// fragmenting set per rule. The sizes are floats, so only a clear shortfall
// counts; own with symbols is left to coverOf, which may cover a symbol
// with rules that cover its bound.
func mayBeCovered(own Set, h hull, earlier []*Rule, sizes []float64) bool {
	for _, b := range own {
		if len(b.Addrs.Syms) > 0 {
			return true
		}
	}
	most := 0.0
	for i, e := range earlier {
		if e.hull.overlaps(h) {
			most += sizes[i]
		}
	}
	return most >= own.Size()*(1-1e-9)
}

// region returns every flow of u that r may match.
func (r *Rule) region(u Set, env *Env) Set {
	c, m := r.MatchSet(u, env)
	return append(c, m...).compact()
}

// coverOf reports whether earlier rules certainly match every flow of own,
// and which: the first ones in order that still match part of it, plus the
// first overlapping rule of the opposite action (an ACCEPT hidden by a DROP is
// what the user must see).
//
// An earlier rule whose services lie outside the hull of own cannot match
// any of it: most rules of a list are told apart that way, without a set
// being built, which keeps the pairs of rules of a 100-rule list cheap.
func coverOf(r *Rule, own Set, earlier []*Rule, env *Env) (Shadow, bool) {
	s := Shadow{Rule: r}
	h := setHull(own)
	left := own
	for _, e := range earlier {
		if !e.hull.overlaps(h) {
			continue
		}
		if c, _ := e.MatchSet(left, env); !c.IsEmpty() {
			s.By = append(s.By, e)
			if left = left.Subtract(c); left.IsEmpty() {
				break
			}
		}
	}
	if !left.IsEmpty() {
		by, ok := coverSymbols(left, earlier, h, env)
		if !ok {
			return s, false
		}
		for _, e := range by {
			if !slices.Contains(s.By, e) {
				s.By = append(s.By, e)
			}
		}
		slices.SortStableFunc(s.By, func(a, b *Rule) int { return a.Source.Position - b.Source.Position })
	}
	for _, e := range s.By {
		if e.Actions != r.Actions {
			s.Opposite = true
		}
	}
	if !s.Opposite {
		for _, e := range earlier {
			if e.Actions == r.Actions || !e.hull.overlaps(h) {
				continue
			}
			if c, _ := e.MatchSet(own, env); !c.IsEmpty() {
				s.By = append(s.By, e)
				s.Opposite = true
				slices.SortStableFunc(s.By, func(a, b *Rule) int { return a.Source.Position - b.Source.Position })
				break
			}
		}
	}
	return s, true
}

// coverSymbols decides the part of a rule's flows that comes from opaque
// peers: the members of a group lie inside its bound (the world unless the
// Env knows better), so they are covered when earlier rules cover the whole
// bound, by CIDRs (0.0.0.0/0 and ::/0 together, say) or by naming the same
// group. left holds boxes whose peers are symbols only, within hull h.
func coverSymbols(left Set, earlier []*Rule, h hull, env *Env) ([]*Rule, bool) {
	var by []*Rule
	for _, b := range left {
		if len(b.Addrs.Ranges) > 0 {
			return nil, false
		}
		for _, sym := range b.Addrs.Syms {
			bound := env.Bound(sym).Concrete()
			region := Possible(NewSet(b.Protos, b.Ports, bound))
			for _, e := range earlier {
				if region.IsEmpty() {
					break
				}
				if !e.hull.overlaps(h) {
					continue
				}
				m := e
				if e.Peer.HasSym(sym) {
					// A rule naming the group matches all its members.
					cp := *e
					cp.Peer = bound
					m = &cp
				}
				if c, _ := m.MatchSet(region, env); !c.IsEmpty() {
					by = append(by, e)
					region = region.Subtract(c)
				}
			}
			if !region.IsEmpty() {
				return nil, false
			}
		}
	}
	return by, true
}
