package terraform

import (
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// sortInput puts every slice of in in file, then position, order.
func sortInput(in *model.Input) {
	slices.SortStableFunc(in.SecurityGroups, func(a, b *model.SecurityGroup) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.AddressTemplates, func(a, b *model.AddressTemplate) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.ServiceTemplates, func(a, b *model.ServiceTemplate) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.VPCs, func(a, b *model.VPC) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Subnets, func(a, b *model.Subnet) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Instances, func(a, b *model.Instance) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Clusters, func(a, b *model.Cluster) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.RuleOwners, func(a, b *model.RuleOwner) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Notes, func(a, b model.Note) int { return model.CompareRanges(a.Range, b.Range) })
	byGroup := func(a, b *model.NodeGroup) int { return model.CompareRanges(a.Resource.Range, b.Resource.Range) }
	for _, c := range in.Clusters {
		slices.SortStableFunc(c.NodeGroups, byGroup)
		slices.SortStableFunc(c.MasterGroups, byGroup)
	}
}
