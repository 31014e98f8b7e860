package inspect_test

import (
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/rulesets"
)

// TestOpaquePeerRegionsUndecided: in the effective policy, the members of a
// group whose addresses are unknown may lie in a CIDR that an ACCEPT names:
// the flows from them that no rule of their own group decides are undecided,
// never "DROP … no rule matches" (docs/design.md#three-valued-answers).
func TestOpaquePeerRegionsUndecided(t *testing.T) {
	units, _ := analysistest.ReadDir(analysistest.ReadOptions{})(t.Context(), "../../testdata/inspect/unknown")
	u, err := inspect.Analyze(t.Context(), rulesets.All(rulesets.Options{}), units[0].Root, units[0].Input)
	if err != nil {
		t.Fatal(err)
	}
	bastion := u.Compiler.Resolver().GroupSymbol("tencentcloud_security_group.bastion")
	found := false
	for _, p := range u.BindingPolicies() {
		if p.Subject != "the nodes of cluster edge" || p.Direction.String() != "ingress" {
			continue
		}
		for _, r := range p.Regions {
			if !r.Flows.Intersect(flows.NewSet(flows.TCP, flows.PortRange(8000, 8000), flows.Symbol(bastion))).IsEmpty() {
				found = true
				if r.Verdict != flows.Unknown {
					t.Errorf("TCP 8000 from sg bastion is %v by %v, want undecided", r.Verdict, r.Rule)
				}
			}
		}
	}
	if !found {
		t.Fatal("no region of the nodes' ingress holds TCP 8000 from sg bastion")
	}
}
