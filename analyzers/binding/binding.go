package binding

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/clusters"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// MaxGroupsPerCVM is how many security groups Tencent Cloud binds to one CVM
// at most.
const MaxGroupsPerCVM = 5

// Analyzer reports TKESG301 to TKESG305.
var Analyzer = &analysis.Analyzer{
	Name: "binding",
	Checks: []*analysis.Check{
		analysis.NewCheck("TKESG301", "node-groups-differ", analysis.LevelWarning, "4.0", "high"),
		analysis.NewCheck("TKESG302", "node-sg-shared-outside", analysis.LevelWarning, "5.0", "high"),
		analysis.NewCheck("TKESG303", "unordered-conflicting-groups", analysis.LevelWarning, "5.0", "high"),
		analysis.NewCheck("TKESG304", "too-many-groups", analysis.LevelError, "4.0", "very-high"),
		analysis.NewCheck("TKESG305", "no-group-bound", analysis.LevelWarning, "5.0", "high"),
	},
	Run: run,
}

func run(pass *analysis.Pass) error {
	comp := flows.NewCompiler(pass.Input)
	res := comp.Resolver()
	for _, ctx := range clusters.Resolve(pass.Input, pass.Config, res) {
		checkDifferent(pass, ctx)
		checkShared(pass, ctx, res)
		for _, b := range slices.Concat(ctx.Nodes, ctx.Masters) {
			if b.Empty && b.Role == clusters.Node {
				reportEmpty(pass, ctx, b)
			}
			if len(b.SGs) > MaxGroupsPerCVM {
				report(pass, "TKESG304", b.Range, groupAddress(b), fmt.Sprintf("these %s of cluster %s are bound to %d security groups; Tencent Cloud binds at most %d to one CVM",
					b.Role, ctx.Name, len(b.SGs), MaxGroupsPerCVM), nil)
			}
			if !b.Ordered {
				checkConflict(pass, comp, b.Range, groupAddress(b), b.Field, b.SGs)
			}
		}
	}
	members := nodeMembers(pass.Input)
	for _, inst := range pass.Input.Instances {
		checkInstance(pass, comp, inst, isMember(inst, members))
	}
	return nil
}

// nodeMembers returns the ids and addresses of the CVMs that node groups
// name: their bindings are checked with the group's.
func nodeMembers(in *model.Input) map[string]bool {
	members := map[string]bool{}
	for _, c := range in.Clusters {
		for _, g := range slices.Concat(c.NodeGroups, c.MasterGroups) {
			list, _ := g.Instances.Get()
			for _, id := range list {
				if v, ok := id.Get(); ok {
					members[v] = true
				}
			}
		}
	}
	return members
}

func report(pass *analysis.Pass, id string, rng model.Range, address, msg string, related []analysis.Related) {
	pass.Report(analysis.Diagnostic{Check: id, Range: rng, Message: msg, Related: related, Address: address,
		Fingerprint: address + "|" + id})
}

func groupAddress(b *clusters.Binding) string {
	if len(b.Groups) > 0 {
		return b.Groups[0].Resource.Address
	}
	return ""
}

// groupName names the node group of a binding: "node pool np_a".
func groupName(b *clusters.Binding) string {
	if len(b.Groups) == 0 {
		return "the configuration"
	}
	g := b.Groups[0]
	return g.Resource.Address
}

func names(sgs []*model.SecurityGroup) string {
	out := make([]string, len(sgs))
	for i, sg := range sgs {
		out[i] = "sg " + sg.DisplayName()
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// checkDifferent reports node bindings that differ from the first (R1).
func checkDifferent(pass *analysis.Pass, ctx *clusters.Context) {
	var first *clusters.Binding
	for _, b := range ctx.Nodes {
		if b.Empty || b.Unresolved != "" || len(b.Groups) == 0 {
			continue
		}
		if first == nil {
			first = b
			continue
		}
		if sameList(first, b) {
			continue
		}
		report(pass, "TKESG301", b.Range, groupAddress(b),
			fmt.Sprintf("these nodes of cluster %s are bound to %s, while other nodes of the cluster are bound to %s: TKE recommends one security group list for every node of a cluster",
				ctx.Name, names(b.SGs), names(first.SGs)),
			[]analysis.Related{{Range: first.Range, Message: groupName(first) + " binds " + names(first.SGs)}})
	}
}

// sameList compares two bindings as lists, or as sets when either does not
// keep its order.
func sameList(a, b *clusters.Binding) bool {
	if a.Ordered && b.Ordered {
		return slices.Equal(a.SGs, b.SGs)
	}
	return len(a.SGs) == len(b.SGs) && !slices.ContainsFunc(a.SGs, func(sg *model.SecurityGroup) bool { return !slices.Contains(b.SGs, sg) })
}

func reportEmpty(pass *analysis.Pass, ctx *clusters.Context, b *clusters.Binding) {
	report(pass, "TKESG305", b.Range, groupAddress(b),
		fmt.Sprintf("these nodes of cluster %s are bound to no security group: their CVMs fall back to the project's default security group, whose rules are not in the input (it usually accepts all IPv4); bind the cluster's node security groups to them",
			ctx.Name), nil)
}
