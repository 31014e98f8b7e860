package owners

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Analyzer reports TKESG404 and TKESG405.
var Analyzer = &analysis.Analyzer{
	Name: "owners",
	Checks: []*analysis.Check{
		analysis.NewCheck("TKESG404", "conflicting-rule-owners", analysis.LevelError, "6.0", "very-high"),
		analysis.NewCheck("TKESG405", "unordered-drop", analysis.LevelWarning, "5.0", "high"),
	},
	Requires: []*analysis.Analyzer{compiled.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	comp := compiled.Of(pass)
	checkOwners(pass, comp.Resolver())
	for _, sg := range pass.Input.SecurityGroups {
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			checkOrder(pass, comp, sg, d)
		}
	}
	return nil, nil
}

// checkOwners groups rule owners by target group and reports every owner
// after the first when one of them replaces all rules.
func checkOwners(pass *analysis.Pass, res *flows.Resolver) {
	byGroup := map[string][]*model.RuleOwner{}
	var keys []string
	for _, o := range pass.Input.RuleOwners {
		ref, ok := o.SecurityGroup.Get()
		if !ok || ref == "" {
			continue
		}
		key := ref
		if sg := res.SecurityGroup(ref); sg != nil {
			key = sg.Resource.Address
		}
		if _, seen := byGroup[key]; !seen {
			keys = append(keys, key)
		}
		byGroup[key] = append(byGroup[key], o)
	}
	for _, key := range keys {
		owners := byGroup[key]
		exclusive := slices.IndexFunc(owners, func(o *model.RuleOwner) bool { return o.Kind.Exclusive() })
		if len(owners) < 2 || exclusive < 0 {
			continue
		}
		slices.SortStableFunc(owners, func(a, b *model.RuleOwner) int {
			return model.CompareRanges(a.Resource.DeclRange, b.Resource.DeclRange)
		})
		first := owners[0]
		name := key
		if sg := res.SecurityGroup(key); sg != nil {
			name = sg.DisplayName()
		}
		for _, o := range owners[1:] {
			other := first
			if !other.Kind.Exclusive() && !o.Kind.Exclusive() {
				other = owners[slices.IndexFunc(owners, func(o *model.RuleOwner) bool { return o.Kind.Exclusive() })]
			}
			pass.Report(analysis.Diagnostic{
				Check: "TKESG404", At: groupOwner{group: key, owner: o},
				Message: fmt.Sprintf("%s defines rules of sg %s, which %s also defines; %s replaces every rule of the group when applied, so the two fight and one silently wins",
					o.Resource.Address, name, other.Resource.Address, exclusiveOne(o, other).Resource.Address),
				Related: []analysis.Related{{Range: other.Resource.DeclRange, Message: other.Resource.Address + " also defines the rules of sg " + name}},
			})
		}
	}
}

func exclusiveOne(a, b *model.RuleOwner) *model.RuleOwner {
	if b.Kind.Exclusive() {
		return b
	}
	return a
}

// checkOrder reports the legacy DROP rules of a direction whose order with
// respect to ACCEPT rules Terraform does not fix. A DROP that no ACCEPT can
// share a flow with (another address family, other ports) gives the same
// answers in any order and is not reported.
func checkOrder(pass *analysis.Pass, comp *flows.Compiler, sg *model.SecurityGroup, d model.Direction) {
	list := sg.Rules(d)
	var legacy []*model.Rule
	unindexed := false
	seen := map[int]bool{}
	for _, r := range list.Rules {
		if r.Kind == model.LegacyRule {
			legacy = append(legacy, r)
			// No index, or one another rule has too: the order is not fixed.
			unindexed = unindexed || r.PolicyIndex.State() == model.Defaulted || seen[r.PolicyIndex.Value()]
			seen[r.PolicyIndex.Value()] = true
		}
	}
	if !unindexed {
		return
	}
	var drops, accepts []*model.Rule
	for _, r := range legacy {
		switch action(r) {
		case flows.Drop:
			drops = append(drops, r)
		case flows.Accept:
			accepts = append(accepts, r)
		default: // unresolved or invalid: neither counts
		}
	}
	if len(accepts) == 0 {
		return
	}
	regions := mayMatch(comp, sg, append(slices.Clone(drops), accepts...))
	for _, r := range drops {
		if !slices.ContainsFunc(accepts, func(a *model.Rule) bool { return !regions[r].Intersect(regions[a]).IsEmpty() }) {
			continue
		}
		pass.Reportf("TKESG405", legacyRule{sg: sg, rule: r},
			"%s is a DROP among %d %s rules of sg %s that are separate %s resources without distinct policy_index values: their order, and so whether this DROP applies before the ACCEPTs, is undefined",
			r.Owner.Address, len(legacy), d, sg.DisplayName(), r.Owner.Type)
	}
}

// mayMatch returns the flows each rule may match. Groups' members are
// opaque and may be any address, so a rule naming a group may share flows
// with any rule of its protocols and ports.
func mayMatch(comp *flows.Compiler, sg *model.SecurityGroup, rules []*model.Rule) map[*model.Rule]flows.Set {
	rs := make([]*flows.Rule, len(rules))
	var syms []string
	for i, r := range rules {
		rs[i] = comp.Rule(sg, r)
		syms = append(syms, rs[i].Peer.Syms...)
	}
	slices.Sort(syms)
	universe := flows.Universe(slices.Compact(syms)...)
	out := make(map[*model.Rule]flows.Set, len(rules))
	for i, r := range rules {
		certain, maybe := rs[i].MatchSet(universe, nil)
		out[r] = append(certain, maybe...)
	}
	return out
}

func action(r *model.Rule) flows.Outcome {
	v, ok := r.Action.Get()
	switch {
	case !ok:
		return flows.Accept | flows.Drop
	case strings.EqualFold(strings.TrimSpace(v), "drop"):
		return flows.Drop
	case strings.EqualFold(strings.TrimSpace(v), "accept"):
		return flows.Accept
	}
	return 0
}

// groupOwner is a resource that defines rules of a group (group: its
// address, or the reference when the group is not in the input): a finding
// about it is identified by both.
type groupOwner struct {
	group string
	owner *model.RuleOwner
}

func (g groupOwner) Range() model.Range       { return g.owner.Resource.DeclRange }
func (g groupOwner) Resource() model.Resource { return g.owner.Resource }
func (g groupOwner) Key() string              { return g.group + "|" + g.owner.Resource.Address }

// legacyRule is a tencentcloud_security_group_rule of sg: a finding about
// it points at the resource and is identified by the group, the direction
// and the resource.
type legacyRule struct {
	sg   *model.SecurityGroup
	rule *model.Rule
}

func (l legacyRule) Range() model.Range       { return l.rule.Owner.DeclRange }
func (l legacyRule) Resource() model.Resource { return l.rule.Owner }
func (l legacyRule) Key() string {
	return l.sg.Resource.Address + "|" + l.rule.Direction.String() + "|" + l.rule.Owner.Address
}
