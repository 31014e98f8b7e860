package binding

import (
	"fmt"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// checkConflict reports groups bound through a set, by at (at rng within
// it, when not zero), when their rules conflict: some flow one group
// accepts is dropped by a rule of another, so the result depends on an
// order Terraform does not keep.
func checkConflict(pass *analysis.Pass, comp *flows.Compiler, at analysis.Object, rng model.Range, bd model.Binding, sgs []*model.SecurityGroup, bound []model.Bound) {
	if len(sgs) < 2 {
		return
	}
	for _, d := range []model.Direction{model.Ingress, model.Egress} {
		if msg, ok := conflict(comp, sgs, d); ok {
			diag := analysis.Diagnostic{
				Check: "TKESG303", At: at, Range: rng, Aspect: []string{"TKESG303", d.String()},
				Message: fmt.Sprintf("%s binds %s through a set, whose order Terraform does not keep, and their %s rules conflict: %s; %s",
					bd.Field, names(sgs), d, msg, orderedInstead(bd)),
			}
			if bd.OrderedField == "" {
				diag.NoRepair = "the input's format has no ordered field for these groups"
			} else {
				diag.Repairs = []analysis.Repair{{
					Message: fmt.Sprintf("Bind %s through %s, in the order they are written", names(sgs), bd.OrderedField),
					Change:  model.Change{Order: &model.Order{Bindings: bound}},
				}}
			}
			pass.Report(diag)
			return
		}
	}
}

// orderedInstead says what to bind the groups through instead of a set.
func orderedInstead(bd model.Binding) string {
	if bd.OrderedField == "" {
		return "bind them through an ordered field instead"
	}
	return "bind them through the ordered field instead (" + bd.OrderedField + ")"
}

// conflict finds a flow that one group accepts and another drops.
func conflict(comp *flows.Compiler, sgs []*model.SecurityGroup, d model.Direction) (string, bool) {
	c, ok := flows.FindConflict(comp.List(sgs, d))
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%s %s %s is accepted by %s and dropped by %s", c.Witness, peerWord(d), c.Witness.Peer(), c.Accept.Ref(), c.Drop.Ref()), true
}

// peerWord introduces the peer of a flow: where it comes from (ingress) or
// goes to (egress).
func peerWord(d model.Direction) string {
	if d == model.Egress {
		return "to"
	}
	return "from"
}
