package fix

import (
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
)

// opensFor returns the checks whose requirements the rules of r that
// accept flows from (or to) the whole internet serve, as the rules'
// descriptions name them ("TKESG101, TKESG104: nodes accept …"), sorted:
// the NodePorts for TKESG104's load-balancer clients, say, in the fix of
// a group with no rules, which TKESG101's finding carries.
func opensFor(r *analysis.Repair) []string {
	if r == nil || r.Change.Insert == nil {
		return nil
	}
	var out []string
	for _, rule := range r.Change.Insert.Rules {
		_, v4 := wholeInternet(rule.CIDR)
		_, v6 := wholeInternet(rule.IPv6CIDR)
		world := v4 || v6
		ids, _, ok := strings.Cut(rule.Description.Value(), ": ")
		if !world || !ok {
			continue
		}
		for id := range strings.SplitSeq(ids, ", ") {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return out
}
