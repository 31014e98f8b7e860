package template

import (
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func byResource[T any](res func(T) model.Resource) func(a, b T) int {
	return func(a, b T) int { return model.CompareRanges(res(a).Range, res(b).Range) }
}

// sortInput puts every slice of in in position order.
func sortInput(in *model.Input) {
	slices.SortStableFunc(in.SecurityGroups, byResource(func(x *model.SecurityGroup) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.AddressTemplates, byResource(func(x *model.AddressTemplate) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.ServiceTemplates, byResource(func(x *model.ServiceTemplate) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.VPCs, byResource(func(x *model.VPC) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.Subnets, byResource(func(x *model.Subnet) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.Instances, byResource(func(x *model.Instance) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.Clusters, byResource(func(x *model.Cluster) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.RuleOwners, byResource(func(x *model.RuleOwner) model.Resource { return x.Resource }))
	slices.SortStableFunc(in.Notes, func(a, b model.Note) int { return model.CompareRanges(a.Range, b.Range) })
	group := byResource(func(x *model.NodeGroup) model.Resource { return x.Resource })
	for _, c := range in.Clusters {
		slices.SortStableFunc(c.NodeGroups, group)
		slices.SortStableFunc(c.MasterGroups, group)
	}
}
