package export

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Merge joins the models of several export files into one, by cloud id: the
// policies of a group in one file and its name in a DescribeSecurityGroups
// file become one group; the clusters of DescribeClusters get the node
// groups of DescribeClusterInstances, whose bindings come from the
// SecurityGroupIds of DescribeInstances, and the endpoint of
// DescribeClusterEndpoints. An object given twice (a bundle and a single
// response of the same group) is read once, the first in file order; two
// policy sets of one group give a note. Groups that bindings name but the
// export does not hold are added as groups known only by id.
//
// Merge does not change its inputs, and merging a merged input again gives
// the same result.
func Merge(inputs ...*model.Input) *model.Input {
	out := model.Concat(inputs...)
	model.SortInput(out)
	dropped := mergeGroups(out)
	owners := out.RuleOwners[:0:0]
	for _, o := range out.RuleOwners {
		if !dropped[resourceKey(o.Resource)] {
			owners = append(owners, o)
		}
	}
	out.RuleOwners = owners
	out.AddressTemplates = firstOf(out.AddressTemplates, func(t *model.AddressTemplate) string { return cloudKey(t.ID, t.Resource) })
	out.ServiceTemplates = firstOf(out.ServiceTemplates, func(t *model.ServiceTemplate) string { return cloudKey(t.ID, t.Resource) })
	out.VPCs = firstOf(out.VPCs, func(v *model.VPC) string { return cloudKey(v.ID, v.Resource) })
	out.Subnets = firstOf(out.Subnets, func(s *model.Subnet) string { return cloudKey(s.ID, s.Resource) })
	out.Instances = firstOf(out.Instances, func(i *model.Instance) string { return cloudKey(i.ID, i.Resource) })
	mergeClusters(out)
	bindingGroups(out)
	model.SortInput(out)
	return out
}

// cloudKey is what identifies an object across files: its cloud id, or,
// for an object the export does not give the id of, its address in its file.
func cloudKey(id model.String, res model.Resource) string {
	if v, ok := id.Get(); ok && v != "" {
		return v
	}
	return res.Range.Filename + "\x00" + res.Address
}

// resourceKey identifies one definition.
func resourceKey(r model.Resource) string {
	return fmt.Sprintf("%s\x00%s\x00%d:%d", r.Address, r.Range.Filename, r.Range.Start.Line, r.Range.Start.Column)
}

// firstOf keeps the first object of each key, in order.
func firstOf[T any](list []T, key func(T) string) []T {
	seen := map[string]bool{}
	out := list[:0:0]
	for _, v := range list {
		k := key(v)
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// groupBy splits list by key, keeping the order of first appearance.
func groupBy[T any](list []T, key func(T) string) [][]T {
	index := map[string]int{}
	var out [][]T
	for _, v := range list {
		k := key(v)
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], v)
	}
	return out
}

// rank says which of several definitions of one group carries it: a policy
// set with rules, any policy set or a failed call for one (Incomplete), a
// group the export lists, a group known only by id.
func rank(sg *model.SecurityGroup) int {
	switch {
	case sg.Resource.Type == actPolicies && (sg.Ingress.Complete || sg.Egress.Complete):
		return 3
	case sg.Resource.Type == actPolicies, sg.Resource.Type == typeIncomplete:
		return 2
	case sg.Defined:
		return 1
	}
	return 0
}

// mergeGroups joins the definitions of each group and returns the policy
// sets that were left out because another one of the same group was used.
func mergeGroups(out *model.Input) map[string]bool {
	dropped := map[string]bool{}
	var groups []*model.SecurityGroup
	for _, ps := range groupBy(out.SecurityGroups, func(sg *model.SecurityGroup) string { return cloudKey(sg.ID, sg.Resource) }) {
		base := ps[0]
		for _, p := range ps[1:] {
			if rank(p) > rank(base) {
				base = p
			}
		}
		merged := *base
		for _, p := range ps {
			if p == base {
				continue
			}
			if p.Resource.Type == actPolicies {
				dropped[resourceKey(p.Resource)] = true
				if resourceKey(p.Resource) != resourceKey(base.Resource) {
					out.Notes = append(out.Notes, model.Note{
						Range: p.Resource.DeclRange,
						Message: fmt.Sprintf("the policies of %s are also given at %s; those are used and these are ignored",
							base.Resource.Address, base.Resource.DeclRange),
					})
				}
			}
			fill(&merged.Name, p.Name)
			fill(&merged.Description, p.Description)
			fill(&merged.ProjectID, p.ProjectID)
			merged.Defined = merged.Defined || p.Defined
		}
		groups = append(groups, &merged)
	}
	out.SecurityGroups = groups
	return dropped
}

// fill sets *dst to v when v is written and *dst is not.
func fill[T any](dst *model.Value[T], v model.Value[T]) {
	if dst.State() != model.Written && v.State() == model.Written {
		*dst = v
	}
}

// mergeClusters joins the definitions of each cluster: DescribeClusters
// gives the cluster, the other responses add node groups and the endpoint.
func mergeClusters(out *model.Input) {
	instances := map[string]*model.Instance{}
	for _, in := range out.Instances {
		if id, ok := in.ID.Get(); ok && id != "" {
			instances[id] = in
		}
	}
	var clusters []*model.Cluster
	for _, ps := range groupBy(out.Clusters, func(c *model.Cluster) string { return cloudKey(c.ID, c.Resource) }) {
		base := ps[0]
		for _, p := range ps {
			if p.Resource.Type == actClusters {
				base = p
				break
			}
		}
		merged := *base
		merged.NodeGroups, merged.MasterGroups = nil, nil
		for _, p := range ps {
			merged.NodeGroups = append(merged.NodeGroups, p.NodeGroups...)
			merged.MasterGroups = append(merged.MasterGroups, p.MasterGroups...)
			if merged.Endpoint.Resource == nil && p.Endpoint.Resource != nil {
				merged.Endpoint = p.Endpoint
			}
			if merged.DeprecatedInternetPolicies.State() == model.Defaulted {
				merged.DeprecatedInternetPolicies = p.DeprecatedInternetPolicies
			}
			fill(&merged.Name, p.Name)
		}
		seen := map[string]bool{}
		merged.NodeGroups = regroup(merged.NodeGroups, instances, seen)
		merged.MasterGroups = regroup(merged.MasterGroups, instances, seen)
		clusters = append(clusters, &merged)
	}
	out.Clusters = clusters
}

// regroup gives each node group of DescribeClusterInstances the binding of
// its CVMs in DescribeInstances. CVMs of one group bound to different lists
// split the group, one group per list (the first keeps the address, the
// others add `#` and their first CVM's id). A CVM already in an earlier
// group is left out.
func regroup(groups []*model.NodeGroup, instances map[string]*model.Instance, seen map[string]bool) []*model.NodeGroup {
	out := make([]*model.NodeGroup, 0, len(groups))
	for _, g := range groups {
		if g.Resource.Type != actClusterInstances {
			out = append(out, g)
			continue
		}
		type part struct {
			ids     []model.String
			binding model.StringList
			known   bool
		}
		var parts []*part
		byKey := map[string]*part{}
		for _, id := range g.Instances.Value() {
			if seen[id.Value()] {
				continue
			}
			seen[id.Value()] = true
			binding, key, known := bindingOf(instances[id.Value()])
			pt := byKey[key]
			if pt == nil {
				pt = &part{binding: binding, known: known}
				byKey[key] = pt
				parts = append(parts, pt)
			}
			pt.ids = append(pt.ids, id)
		}
		for i, pt := range parts {
			ng := *g
			if i > 0 {
				first := pt.ids[0]
				ng.Resource.Address = g.Resource.Address + "#" + first.Value()
				ng.Resource.Range, ng.Resource.DeclRange = first.Range(), first.Range()
			}
			ng.Instances = model.WrittenValue(pt.ids, g.Instances.Range())
			ng.Binding.Groups = pt.binding
			if !pt.known {
				ng.Binding.Groups = model.UnresolvedValue[[]model.String](ng.Resource.DeclRange, notListed(pt.ids))
			}
			out = append(out, &ng)
		}
	}
	return out
}

// bindingOf returns the security groups bound to a CVM, a key that is equal
// for equal lists, and whether the CVM is in the export at all.
func bindingOf(in *model.Instance) (groups model.StringList, key string, exported bool) {
	if in == nil || len(in.Bindings) == 0 {
		return model.StringList{}, "?", false
	}
	b := in.Bindings[0].Groups
	if !b.Known() {
		return b, "?" + b.Reason(), true
	}
	ids := make([]string, len(b.Value()))
	for i, v := range b.Value() {
		ids[i] = v.Value()
	}
	return b, "=" + strings.Join(ids, ","), true
}

// bindingGroups adds the groups that bindings and endpoints name by an id
// the export does not hold, as groups known only by id.
func bindingGroups(out *model.Input) {
	known := map[string]bool{}
	for _, sg := range out.SecurityGroups {
		known[cloudKey(sg.ID, sg.Resource)] = true
	}
	add := func(v model.String) {
		id, ok := v.Get()
		if !ok || !v.IsWritten() || id == "" || known[id] {
			return
		}
		known[id] = true
		sg := model.GroupKnownByID(v, actGroups)
		for _, d := range directions() {
			sg.Rules(d).Why = fmt.Sprintf("security group %s is not in the export, so its rules are unknown", id)
		}
		out.SecurityGroups = append(out.SecurityGroups, sg)
	}
	for _, v := range out.BoundGroups() {
		add(v)
	}
}
