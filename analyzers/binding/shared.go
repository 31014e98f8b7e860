package binding

import (
	"fmt"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// checkShared reports CVMs outside the cluster bound to one of its node
// groups (R1). A CVM that a node group of any cluster names, and binds
// through its own field, is checked with that group (checkSharedAcross):
// one finding per group, and none when the clusters may be one.
func checkShared(pass *analysis.Pass, cl *topology.Cluster, res *flows.Resolver) {
	nodeSGs := cl.NodeGroups()
	if len(nodeSGs) == 0 {
		return
	}
	members := map[string]bool{}
	if cl.Model != nil {
		// Masters are part of the cluster too.
		for _, g := range slices.Concat(cl.Model.NodeGroups, cl.Model.MasterGroups) {
			list, _ := g.Instances.Get()
			for _, id := range list {
				if v, ok := id.Get(); ok {
					members[v] = true
				}
			}
		}
	}
	covered := groupedInstances(pass.Input)
	for _, inst := range pass.Input.Instances {
		if isMember(inst, members) || isMember(inst, covered) {
			continue
		}
		for _, b := range inst.Bindings {
			refs, _ := b.Groups.Get()
			for _, ref := range refs {
				v, ok := ref.Get()
				if !ok {
					continue
				}
				sg := res.SecurityGroup(v)
				if sg == nil || !slices.Contains(nodeSGs, sg) {
					continue
				}
				pass.Report(analysis.Diagnostic{
					Check: "TKESG302", At: analysis.Resource(inst.Resource), Range: ref.Range(), Aspect: []string{"TKESG302"},
					Message: fmt.Sprintf("%s is not a node of cluster %s but is bound to sg %s, a node security group of that cluster: the CVM gets every rule meant for the nodes (and rules that name the group admit it as a node)",
						inst.Resource.Address, cl.Name, sg.DisplayName()),
					Related: append(originOf(b), analysis.Related{Range: sg.Resource.DeclRange, Message: "sg " + sg.DisplayName() + " is defined here"}),
				})
			}
		}
	}
}

// groupedInstances returns the ids and addresses of the CVMs that a node
// or master group names and binds through a field of its own (not an
// attachment that keeps the CVM's groups).
func groupedInstances(in *model.Input) map[string]bool {
	out := map[string]bool{}
	for _, c := range in.Clusters {
		for _, g := range slices.Concat(c.NodeGroups, c.MasterGroups) {
			if inherited(g) {
				continue
			}
			list, _ := g.Instances.Get()
			for _, id := range list {
				if v, ok := id.Get(); ok {
					out[v] = true
				}
			}
		}
	}
	return out
}

func isMember(inst *model.Instance, members map[string]bool) bool {
	if members[inst.Resource.Address] {
		return true
	}
	id, ok := inst.ID.Get()
	return ok && id != "" && members[id]
}

// checkInstance reports too many groups, and conflicting groups bound
// through a set, on one CVM. The count of a node group's member was checked
// with its group (one cause, one finding).
func checkInstance(pass *analysis.Pass, comp *flows.Compiler, inst *model.Instance, member bool) {
	var all []*model.SecurityGroup
	seen := map[*model.SecurityGroup]bool{}
	var firstRange model.Range
	for _, b := range inst.Bindings {
		refs, ok := b.Groups.Get()
		if !ok {
			return // the count is unknown
		}
		if firstRange.IsZero() {
			firstRange = b.Groups.Range()
		}
		var sgs []*model.SecurityGroup
		for _, ref := range refs {
			v, ok := ref.Get()
			if !ok {
				continue
			}
			sg := comp.Resolver().SecurityGroup(v)
			if sg == nil {
				sg = &model.SecurityGroup{Resource: model.Resource{Address: v}, ID: ref}
			}
			sgs = append(sgs, sg)
			if !seen[sg] {
				seen[sg] = true
				all = append(all, sg)
			}
		}
		if !b.Ordered && len(sgs) > 1 {
			checkConflict(pass, comp, analysis.Resource(inst.Resource), b.Groups.Range(), b, sgs, []model.Bound{{Resource: inst.Resource, Binding: b}})
		}
	}
	if len(all) > MaxGroupsPerCVM && !member {
		pass.Report(analysis.Diagnostic{
			Check: "TKESG304", At: analysis.Resource(inst.Resource), Range: firstRange, Aspect: []string{"TKESG304"},
			Message: fmt.Sprintf("%s is bound to %d security groups; Tencent Cloud binds at most %d to one CVM", inst.Resource.Address, len(all), MaxGroupsPerCVM),
		})
	}
}
