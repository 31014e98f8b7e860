package flows

// Conflict is a flow that a rule of one group certainly accepts and a rule
// of another certainly drops, each group evaluated on its own: bound in an
// order that is not known, which of them applies is not known either.
type Conflict struct {
	Witness      Flow
	Accept, Drop *Rule
}

// FindConflict returns a conflict between the groups of segs, when there
// is one (TKESG303). Opaque peers are isolated: a rule that names a group
// conflicts only with rules that name it too or cover every address.
func FindConflict(segs []Segment) (Conflict, bool) {
	var syms []string
	for _, seg := range segs {
		for _, r := range seg.Rules {
			syms = append(syms, r.Peer.Syms...)
		}
	}
	u := Universe(syms...)
	env := &Env{Isolated: true}
	accepted := make([][]Part, len(segs))
	dropped := make([][]Part, len(segs))
	for i, seg := range segs {
		for _, p := range (List{seg}).Evaluate(u, env) {
			switch {
			case p.Verdict == Accepted && p.Rule != nil:
				accepted[i] = append(accepted[i], p)
			case p.Verdict == Dropped && p.Rule != nil:
				dropped[i] = append(dropped[i], p)
			}
		}
	}
	for i := range segs {
		for j := range segs {
			if i == j {
				continue
			}
			for _, a := range accepted[i] {
				for _, dp := range dropped[j] {
					if both := a.Flows.Intersect(dp.Flows); !both.IsEmpty() {
						w, _ := both.Witness()
						return Conflict{Witness: w, Accept: a.Rule, Drop: dp.Rule}, true
					}
				}
			}
		}
	}
	return Conflict{}, false
}
