package binding

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// MaxGroupsPerCVM is how many security groups Tencent Cloud binds to one CVM
// at most.
const MaxGroupsPerCVM = 5

// New returns the analyzer of TKESG301 to TKESG305 over the clusters that
// topo (a topology.New analyzer) resolves.
func New(topo *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "binding",
		Checks:   checks(),
		Requires: []*analysis.Analyzer{compiled.Analyzer, topo},
		Run: func(pass *analysis.Pass) (any, error) {
			run(pass, topology.Of(pass, topo))
			return nil, nil
		},
	}
}

func checks() []*analysis.Check {
	return []*analysis.Check{
		analysis.NewCheck("TKESG301", "node-groups-differ", analysis.LevelWarning, "4.0", "high"),
		analysis.NewCheck("TKESG302", "node-sg-shared-outside", analysis.LevelWarning, "5.0", "high"),
		analysis.NewCheck("TKESG303", "unordered-conflicting-groups", analysis.LevelWarning, "5.0", "high"),
		analysis.NewCheck("TKESG304", "too-many-groups", analysis.LevelError, "4.0", "very-high"),
		analysis.NewCheck("TKESG305", "no-group-bound", analysis.LevelWarning, "5.0", "high"),
	}
}

func run(pass *analysis.Pass, cls []*topology.Cluster) {
	comp := compiled.Of(pass)
	res := comp.Resolver()
	for _, cl := range cls {
		checkDifferent(pass, cl)
		checkShared(pass, cl, res)
		for _, b := range slices.Concat(cl.Nodes, cl.Masters) {
			if b.Empty && b.Role == topology.Node {
				reportEmpty(pass, cl, b)
			}
			if len(b.SGs) > MaxGroupsPerCVM {
				pass.Report(analysis.Diagnostic{
					Check: "TKESG304", At: b, Aspect: []string{"TKESG304"}, Related: originRelated(b),
					Message: fmt.Sprintf("these %s of cluster %s are bound to %d security groups; Tencent Cloud binds at most %d to one CVM",
						b.Role, cl.Name, len(b.SGs), MaxGroupsPerCVM),
				})
			}
			if !b.Ordered {
				var bound []model.Bound
				for _, g := range b.Groups {
					bound = append(bound, model.Bound{Resource: g.Resource, Binding: g.Binding})
				}
				checkConflict(pass, comp, b, model.Range{}, model.Binding{Field: b.Field, OrderedField: b.OrderedField}, b.SGs, bound)
			}
		}
	}
	checkSharedAcross(pass, cls, res)
	members := nodeMembers(pass.Input)
	for _, inst := range pass.Input.Instances {
		checkInstance(pass, comp, inst, isMember(inst, members))
	}
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

// originRelated points at where the first node group of b had its list
// chosen, when a calling module chose it.
func originRelated(b *topology.Binding) []analysis.Related {
	if len(b.Groups) == 0 {
		return nil
	}
	return originOf(b.Groups[0].Binding)
}

// originOf points at where a binding's list was chosen, when a calling
// module chose it.
func originOf(bd model.Binding) []analysis.Related {
	if bd.Origin.IsZero() {
		return nil
	}
	return []analysis.Related{{Range: bd.Origin, Message: "the calling module chooses the bound security groups here"}}
}

// kindName names a kind of node group the same way in every input kind, so
// that messages do not depend on the format: "a node pool".
func kindName(k model.NodeGroupKind) string {
	switch k {
	case model.WorkerConfig:
		return "a worker group"
	case model.NodePool:
		return "a node pool"
	case model.NativeNodePool:
		return "a native node pool"
	case model.ScaleWorker:
		return "a scale-worker group"
	case model.ExistInstance:
		return "a group of existing instances"
	case model.ClusterAttachment:
		return "an attached instance"
	case model.MasterConfig:
		return "a master group"
	case model.MasterAttachment:
		return "an attached master"
	case model.ServerlessNodePool:
		return "a serverless node pool"
	case model.ScalingGroup:
		return "a scaling group"
	}
	return "a node group"
}

// groupName names the node group of a binding: "node pool np_a".
func groupName(b *topology.Binding) string {
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
func checkDifferent(pass *analysis.Pass, cl *topology.Cluster) {
	var first *topology.Binding
	for _, b := range cl.Nodes {
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
		pass.Report(analysis.Diagnostic{
			Check: "TKESG301", At: b, Aspect: []string{"TKESG301"},
			Message: fmt.Sprintf("these nodes of cluster %s are bound to %s, while other nodes of the cluster are bound to %s: TKE recommends one security group list for every node of a cluster",
				cl.Name, names(b.SGs), names(first.SGs)),
			Related: append(originRelated(b), analysis.Related{Range: first.At, Message: groupName(first) + " binds " + names(first.SGs)}),
		})
	}
}

// sameList compares two bindings as lists, or as sets when either does not
// keep its order.
func sameList(a, b *topology.Binding) bool {
	if a.Ordered && b.Ordered {
		return slices.Equal(a.SGs, b.SGs)
	}
	return len(a.SGs) == len(b.SGs) && !slices.ContainsFunc(a.SGs, func(sg *model.SecurityGroup) bool { return !slices.Contains(b.SGs, sg) })
}

// NoGroupBound is why the TKE requirements cannot be decided for a node
// group that binds no security group; analyzers/requirements gives the same
// reason, so that the summary counts them together.
const NoGroupBound = "no security group is bound, so the CVMs use the project's default security group, whose rules are not in the input"

// reportEmpty reports one node group that binds no security group: one
// finding per group, at its own binding, as each needs its own edit
// (docs/rules/TKESG305.md). The TKE requirements are undecided for its
// nodes; the finding says so, and no note repeats it.
func reportEmpty(pass *analysis.Pass, cl *topology.Cluster, b *topology.Binding) {
	what := "a node group"
	if len(b.Groups) > 0 {
		what = kindName(b.Groups[0].Kind)
	}
	d := analysis.Diagnostic{
		Check: "TKESG305", At: b, Aspect: []string{"TKESG305"},
		Message: fmt.Sprintf("%s of cluster %s binds no security group: its CVMs fall back to the project's default security group, whose rules are not in the input (it usually accepts all IPv4), so TKE's node requirements (TKESG101-105) cannot be checked on them; bind the cluster's node security groups to it",
			what, cl.Name),
		Related: originRelated(b), LeavesUndecided: []string{NoGroupBound},
	}
	d.Repairs, d.NoRepair = bindRepair(cl, b)
	pass.Report(d)
}

// bindRepair binds to the node group of b, which binds nothing, the groups
// that the cluster's other nodes bind: those of the first node group that
// binds some (the one TKESG301 compares the others with).
func bindRepair(cl *topology.Cluster, b *topology.Binding) (repairs []analysis.Repair, why string) {
	if len(b.Groups) == 0 {
		return nil, ""
	}
	for _, other := range cl.Nodes {
		if other.Empty || other.Unresolved != "" || len(other.SGs) == 0 || len(other.Groups) == 0 {
			continue
		}
		g := b.Groups[0]
		return []analysis.Repair{{
			Message: fmt.Sprintf("Bind %s to %s, as %s binds them", names(other.SGs), g.Resource.Address, other.Groups[0].Resource.Address),
			Change:  model.Change{Bind: &model.Bind{Group: g, Groups: other.SGs, Like: other.Groups[0]}},
		}}, ""
	}
	return nil, fmt.Sprintf("no other node group of cluster %s binds security groups, so nothing says which to bind: bind the groups its nodes need (TKE's worker rules N1-N6)", cl.Name)
}
