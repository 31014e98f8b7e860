package binding

import (
	"fmt"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// checkSharedAcross reports a node security group of one cluster that a
// node or master group of another cluster binds (R1: no CVM outside a
// cluster carries its node SG). An SG that both clusters use is one cause:
// it is reported at the groups of the later cluster in input order, once
// per group and SG, with where the earlier cluster binds it. Clusters that
// may be one and the same (an unresolved cluster_id) are never compared.
func checkSharedAcross(pass *analysis.Pass, cls []*topology.Cluster, res *flows.Resolver) {
	type groupSG struct {
		g  *model.NodeGroup
		sg *model.SecurityGroup
	}
	reported := map[groupSG]bool{}
	for i, a := range cls {
		for _, b := range cls[i+1:] {
			if !distinct(a, b) {
				continue
			}
			done := map[*model.SecurityGroup]bool{}
			for _, pair := range [][2]*topology.Cluster{{a, b}, {b, a}} {
				owner, other := pair[0], pair[1]
				nodeSGs := owner.NodeGroups()
				var found []*model.SecurityGroup
				for _, bd := range slices.Concat(other.Nodes, other.Masters) {
					for _, sg := range bd.SGs {
						if !slices.Contains(nodeSGs, sg) || done[sg] {
							continue
						}
						found = append(found, sg)
						for _, g := range bd.Groups {
							if inherited(g) || reported[groupSG{g, sg}] {
								continue
							}
							reported[groupSG{g, sg}] = true
							reportAcross(pass, owner, other, bd, g, sg, res)
						}
					}
				}
				for _, sg := range found {
					done[sg] = true
				}
			}
		}
	}
}

// inherited reports whether g binds what its CVMs are already bound to (an
// attachment without security_groups): the CVM's own binding is checked
// with the instances.
func inherited(g *model.NodeGroup) bool {
	return g.Kind == model.ClusterAttachment && g.Binding.Groups.State() == model.Defaulted
}

func reportAcross(pass *analysis.Pass, owner, other *topology.Cluster, bd *topology.Binding, g *model.NodeGroup, sg *model.SecurityGroup, res *flows.Resolver) {
	related := originOf(g.Binding)
	related = append(related, analysis.Related{Range: sg.Resource.DeclRange, Message: "sg " + sg.DisplayName() + " is defined here"})
	for _, ob := range owner.Nodes {
		if slices.Contains(ob.SGs, sg) && len(ob.Groups) > 0 {
			related = append(related, analysis.Related{
				Range:   elementRange(ob.Groups[0], sg, ob.At, res),
				Message: fmt.Sprintf("cluster %s binds sg %s to its nodes here", owner.Name, sg.DisplayName()),
			})
			break
		}
	}
	pass.Report(analysis.Diagnostic{
		Check: "TKESG302", At: analysis.Resource(g.Resource), Range: elementRange(g, sg, bd.At, res),
		Aspect: []string{"TKESG302", sg.Resource.Address},
		Message: fmt.Sprintf("%s of cluster %s binds sg %s, a node security group of cluster %s: its CVMs get every rule meant for the nodes of %s (and rules that name the group admit them as such nodes); give each cluster its own node security groups",
			kindName(g.Kind), other.Name, sg.DisplayName(), owner.Name, owner.Name),
		Related: related,
	})
}

// elementRange is where g's binding names sg, else def.
func elementRange(g *model.NodeGroup, sg *model.SecurityGroup, def model.Range, res *flows.Resolver) model.Range {
	refs, _ := g.Binding.Groups.Get()
	for _, ref := range refs {
		if v, ok := ref.Get(); ok && res.SecurityGroup(v) == sg && !ref.Range().IsZero() {
			return ref.Range()
		}
	}
	return def
}

// distinct reports whether two clusters are certainly two
// clusters: their cloud ids are known and differ, or the input defines both
// at different addresses. A cluster known only from configuration or from
// the name of a group, or one named by a reference the input cannot
// resolve, may be any cluster.
func distinct(a, b *topology.Cluster) bool {
	if a.Model == nil || b.Model == nil {
		return false
	}
	ida, oka := a.Model.ID.Get()
	idb, okb := b.Model.ID.Get()
	if oka && okb && ida != "" && idb != "" {
		return ida != idb
	}
	return a.Model.Defined && b.Model.Defined && a.Model.Resource.Address != b.Model.Resource.Address
}
