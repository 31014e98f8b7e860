package export

import (
	"cmp"
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// sortTop puts every top-level slice of in in file, then position, order,
// and drops repeated notes.
func sortTop(in *model.Input) {
	byRes := func(a, b model.Resource) int {
		return cmp.Or(model.CompareRanges(a.Range, b.Range), cmp.Compare(a.Address, b.Address))
	}
	slices.SortStableFunc(in.SecurityGroups, func(a, b *model.SecurityGroup) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.AddressTemplates, func(a, b *model.AddressTemplate) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.ServiceTemplates, func(a, b *model.ServiceTemplate) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.VPCs, func(a, b *model.VPC) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.Subnets, func(a, b *model.Subnet) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.Instances, func(a, b *model.Instance) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.Clusters, func(a, b *model.Cluster) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.RuleOwners, func(a, b *model.RuleOwner) int { return byRes(a.Resource, b.Resource) })
	slices.SortStableFunc(in.Notes, func(a, b model.Note) int {
		return cmp.Or(model.CompareRanges(a.Range, b.Range), cmp.Compare(a.Message, b.Message))
	})
	in.Notes = slices.Compact(in.Notes)
}

// sortInput sorts every slice of in, the node groups of its clusters too.
func sortInput(in *model.Input) {
	sortTop(in)
	byRes := func(a, b model.Resource) int {
		return cmp.Or(model.CompareRanges(a.Range, b.Range), cmp.Compare(a.Address, b.Address))
	}
	byGroup := func(a, b *model.NodeGroup) int { return byRes(a.Resource, b.Resource) }
	for _, c := range in.Clusters {
		slices.SortStableFunc(c.NodeGroups, byGroup)
		slices.SortStableFunc(c.MasterGroups, byGroup)
	}
}
