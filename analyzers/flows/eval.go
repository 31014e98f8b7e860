package flows

import (
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Segment is the rules of one direction of one security group, as they take
// part in an evaluation, or of several groups bound in an order that is
// not known.
type Segment struct {
	Group *model.SecurityGroup
	Rules []*Rule
	// Complete and Ordered mirror model.RuleList.
	Complete, Ordered bool
	Why               string
	// Members, when set, are the segments of groups bound in an order that
	// is not known (a set-typed binding field): each keeps the order of its
	// own rules, Rules holds theirs in binding order, and Why says why the
	// order of the groups is not known.
	Members []Segment
}

// segments returns the segments of single groups that s is made of.
func (seg Segment) segments() []Segment {
	if len(seg.Members) > 0 {
		return seg.Members
	}
	return []Segment{seg}
}

// List is the ordered concatenation of the segments of the security groups
// bound to an instance, first-bound first.
type List []Segment

// Complete reports whether every rule of every segment is known, so that "no
// rule matches" means DROP.
func (l List) Complete() bool {
	for _, s := range l {
		if !s.Complete {
			return false
		}
	}
	return true
}

// Verdict is the three-valued answer for a part of a query.
type Verdict uint8

// The verdicts.
const (
	Accepted Verdict = iota
	Dropped
	Unknown
)

func (v Verdict) String() string {
	switch v {
	case Accepted:
		return "accepted"
	case Dropped:
		return "dropped"
	case Unknown:
	}
	return "unknown"
}

// Part is a piece of a query with its fate.
type Part struct {
	Flows   Set
	Verdict Verdict
	// Outcomes are the results the flows may have.
	Outcomes Outcome
	// Rule is the rule that certainly matches the flows; nil when no rule
	// does (the flows fall through the whole list).
	Rule *Rule
	// Causes are earlier rules that may match the flows, which is what makes
	// an Unknown verdict unknown (with Reasons), in the order they are
	// evaluated unless Order is set.
	Causes []*Rule
	// Order, when set, says why the order of the rules that decide the
	// part is not known; Causes are then in no particular order.
	Order string
	// matched are the Causes that certainly match the flows, in one of
	// the orders: the order, not their values, makes them causes.
	matched []*Rule
	// Reasons say, for an Unknown verdict, what is missing: only what could
	// decide the part (a rule that may match, but whose match would change
	// nothing, is not a reason).
	Reasons []string
}

// NoMatch reports whether no rule certainly matches the part.
func (p Part) NoMatch() bool { return p.Rule == nil }

type pending struct {
	set    Set
	out    Outcome
	causes []*Rule
	// order is set when the causes may match in an order that is not
	// known, and says why (Part.Order).
	order string
	// compact is set when set is what compaction returns: cutting it
	// then only needs to merge the pieces cut (Set.subtract).
	compact bool
}

// Evaluate partitions the query q by fate under the first-match semantics of
// l. env bounds the opaque peers.
func (l List) Evaluate(q Set, env *Env) []Part {
	pend := []pending{{set: q}}
	var parts []Part
	for _, seg := range l {
		var decided []Part
		if len(seg.Members) > 0 {
			decided, pend = stepGroups(seg, pend, env)
		} else {
			decided, pend = step(seg, pend, env)
		}
		parts = append(parts, decided...)
	}
	var incomplete []string
	for _, seg := range l {
		for _, s := range seg.segments() {
			if !s.Complete {
				incomplete = append(incomplete, s.Why)
			}
		}
	}
	for _, p := range pend {
		parts = append(parts, Part{Flows: p.set, Outcomes: p.out | NoMatch, Causes: p.causes, Order: p.order})
	}
	for i := range parts {
		parts[i].settle(incomplete)
	}
	return mergeParts(parts)
}

// settle computes the verdict from the possible outcomes.
func (p *Part) settle(incomplete []string) {
	out := p.Outcomes
	if out&NoMatch != 0 && len(incomplete) > 0 {
		p.Verdict = Unknown
		p.Reasons = append(p.Reasons, incomplete...)
	}
	switch {
	case p.Verdict == Unknown:
	case out == Accept:
		p.Verdict = Accepted
	case out&Accept == 0:
		p.Verdict = Dropped
	default:
		p.Verdict = Unknown
	}
	if p.Verdict == Unknown {
		for i, c := range p.Causes {
			if p.Order != "" && !slices.Contains(p.matched, c) || p.Order == "" && p.changes(i, len(incomplete) > 0) {
				p.Reasons = append(p.Reasons, c.uncertainty())
			}
		}
		if p.Order != "" {
			p.Reasons = append(p.Reasons, p.Order)
		}
		if p.Rule != nil && !p.Rule.Certain() && p.Rule.Actions == Accept|Drop {
			p.Reasons = append(p.Reasons, p.Rule.uncertainty())
		}
	}
	slices.Sort(p.Reasons)
	p.Reasons = slices.Compact(p.Reasons)
}

// uncertain reports whether what decides the part lacks something of r:
// r may match it, or its action is not known.
func (p Part) uncertain(r *Rule) bool {
	return r.Actions == Accept|Drop || slices.Contains(p.Causes, r) && !slices.Contains(p.matched, r)
}

// changes reports whether the match of cause i could change the fate of
// the part's flows: what it does differs from what may happen to them
// without it (the later causes, then the rule that matches them or the end
// of the list, which is unknown when the list is incomplete).
func (p *Part) changes(i int, incomplete bool) bool {
	own := p.Causes[i].Actions
	if own != Accept && own != Drop {
		return true
	}
	var later Outcome
	for _, c := range p.Causes[i+1:] {
		later |= c.Actions
	}
	switch {
	case p.Rule != nil:
		later |= p.Rule.Actions
	case incomplete:
		later |= Accept | Drop
	default:
		later |= Drop
	}
	return later != own
}

// ReasonsFor returns, for an undecided part, what decides whether rule r
// (its Rule or one of its Causes) gets the part's flows: what r lacks
// itself, and what the rules that may match them before r lack, when they
// may drop them (a rule that can only accept them takes them from r but
// leaves them accepted, and is noted in its own place). Later rules and
// rules missing from the list decide only what r does not take, so they
// are not reasons here. When the order is undefined, every other rule that
// may drop the flows may come first.
func (p Part) ReasonsFor(r *Rule) []string {
	var out []string
	mayDropFirst := false
	before := true
	for _, c := range append(slices.Clip(p.Causes), p.Rule) {
		switch {
		case c == nil:
		case c == r:
			before = false
			if p.uncertain(r) {
				out = append(out, r.uncertainty())
			}
		case (before || p.Order != "") && c.Actions&Drop != 0:
			mayDropFirst = true
			if p.uncertain(c) {
				out = append(out, c.uncertainty())
			}
		}
	}
	if p.Order != "" && mayDropFirst {
		out = append(out, p.Order)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// step runs the pending flows through the rules of one group.
func step(seg Segment, pend []pending, env *Env) ([]Part, []pending) {
	if seg.Ordered {
		return stepOrdered(seg.Rules, pend, env)
	}
	return stepUnordered(seg, pend, env)
}

// stepOrdered runs the pending flows through rules in order.
func stepOrdered(rules []*Rule, pend []pending, env *Env) ([]Part, []pending) {
	var parts []Part
	for _, r := range rules {
		if !r.Valid() {
			continue
		}
		var next []pending
		// added marks the sets of next this rule made: only they can
		// join the others (pend's were joined already).
		var added []bool
		changed := false
		for i, p := range pend {
			certain, maybe := r.MatchSet(p.set, env)
			if certain.IsEmpty() && maybe.IsEmpty() {
				if changed {
					next, added = append(next, p), append(added, false)
				}
				continue
			}
			if !changed {
				next = append(make([]pending, 0, len(pend)+2), pend[:i]...)
				added = make([]bool, i, len(pend)+2)
				changed = true
			}
			if !certain.IsEmpty() {
				parts = append(parts, Part{Flows: certain, Outcomes: p.out | r.Actions, Rule: r, Causes: p.causes, Order: p.order})
			}
			if !maybe.IsEmpty() {
				next = append(next, pending{maybe, p.out | r.Actions, append(slices.Clip(p.causes), r), p.order, true})
				added = append(added, true)
			}
			rest := p.set.subtract(certain, p.compact)
			if !maybe.IsEmpty() {
				rest = rest.subtract(maybe, true)
			}
			if !rest.IsEmpty() {
				next = append(next, pending{rest, p.out, p.causes, p.order, true})
				added = append(added, true)
			}
		}
		if changed {
			pend = mergePending(next, added)
		}
	}
	return parts, pend
}

// stepUnordered runs pending flows through a segment whose order is
// undefined: a flow is accepted only if it is accepted with every DROP first,
// and dropped only if it is dropped with every ACCEPT first (these two orders
// bound every other).
func stepUnordered(seg Segment, pend []pending, env *Env) ([]Part, []pending) {
	dropFirst := slices.Clone(seg.Rules)
	slices.SortStableFunc(dropFirst, func(a, b *Rule) int { return int(b.Actions&Drop) - int(a.Actions&Drop) })
	acceptFirst := slices.Clone(seg.Rules)
	slices.SortStableFunc(acceptFirst, func(a, b *Rule) int { return int(b.Actions&Accept) - int(a.Actions&Accept) })
	d, rest := stepOrdered(dropFirst, pend, env)
	a, _ := stepOrdered(acceptFirst, pend, env)
	var parts []Part
	for _, pd := range d {
		for _, pa := range a {
			inter := pd.Flows.Intersect(pa.Flows)
			if inter.IsEmpty() {
				continue
			}
			switch {
			case pd.Outcomes == Accept:
				parts = append(parts, Part{Flows: inter, Outcomes: Accept, Rule: pd.Rule, Causes: pd.Causes})
			case pa.Outcomes&Accept == 0:
				parts = append(parts, Part{Flows: inter, Outcomes: pa.Outcomes, Rule: pa.Rule, Causes: pa.Causes})
			default:
				causes := slices.Concat(pd.Causes, pa.Causes)
				var matched []*Rule
				for _, r := range []*Rule{pa.Rule, pd.Rule} {
					if r != nil && !slices.Contains(causes, r) {
						causes = append(causes, r)
						matched = append(matched, r)
					}
				}
				parts = append(parts, Part{
					Flows: inter, Outcomes: pd.Outcomes | pa.Outcomes, Rule: pd.Rule, Causes: causes, matched: matched,
					Order: "the order of the rules of " + seg.Group.DisplayName() + " is undefined: " + seg.Why,
				})
			}
		}
	}
	return parts, rest
}

// MatchSet is Match over every box of s.
func (r *Rule) MatchSet(s Set, env *Env) (certain, maybe Set) {
	for _, b := range s {
		c, m := r.Match(b, env)
		certain = append(certain, c...)
		maybe = append(maybe, m...)
	}
	return certain.compact(), maybe.compact()
}

// mergePending joins the pending sets with the same outcomes, order and
// causes, in place (ps is the caller's own); the first of each keeps its
// place. added marks the sets that may join others: those it does not
// mark must differ pairwise (they were joined before), and are then only
// compared with the marked ones. Sets past its end are marked (nil marks
// every set).
func mergePending(ps []pending, added []bool) []pending {
	out := ps[:0]
	// marked are the places in out of sets added marks.
	var marked []int
	for k, p := range ps {
		isAdded := k >= len(added) || added[k]
		into := -1
		if isAdded {
			into = slices.IndexFunc(out, p.joins)
		} else {
			for _, i := range marked {
				if out[i].joins(p) {
					into = i
					break
				}
			}
		}
		if into >= 0 {
			out[into].set = joinCompact(out[into].set, p.set, out[into].compact && p.compact)
			out[into].compact = true
			continue
		}
		if isAdded {
			marked = append(marked, len(out))
		}
		out = append(out, p)
	}
	clear(ps[len(out):])
	return out
}

// joins reports whether the sets of p and q, with the same outcomes, order
// and causes, are one pending set.
func (p pending) joins(q pending) bool {
	return p.out == q.out && p.order == q.order && sameCauses(p.causes, q.causes)
}

// sameCauses is slices.Equal, last cause first: lists of causes grow by
// one rule at a time, so those that differ mostly differ last.
func sameCauses(a, b []*Rule) bool {
	n := len(a)
	return n == len(b) && (n == 0 || a[n-1] == b[n-1]) && slices.Equal(a[:max(n-1, 0)], b[:max(n-1, 0)])
}

func mergeParts(ps []Part) []Part {
	var out []Part
	for _, p := range ps {
		if p.Flows.IsEmpty() {
			continue
		}
		merged := false
		for i := range out {
			q := &out[i]
			if q.Rule == p.Rule && q.Outcomes == p.Outcomes && q.Verdict == p.Verdict && q.Order == p.Order &&
				slices.Equal(q.Causes, p.Causes) && slices.Equal(q.Reasons, p.Reasons) {
				q.Flows = append(q.Flows, p.Flows...).compact()
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, p)
		}
	}
	return out
}
