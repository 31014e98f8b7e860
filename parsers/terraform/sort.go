package terraform

import (
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// sortInput puts every slice of in in file, then position, order.
func sortInput(in *model.Input) {
	slices.SortStableFunc(in.SecurityGroups, func(a, b *model.SecurityGroup) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.AddressTemplates, func(a, b *model.AddressTemplate) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.ServiceTemplates, func(a, b *model.ServiceTemplate) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.VPCs, func(a, b *model.VPC) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Subnets, func(a, b *model.Subnet) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Instances, func(a, b *model.Instance) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Clusters, func(a, b *model.Cluster) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.RuleOwners, func(a, b *model.RuleOwner) int { return compareRanges(a.Resource.Range, b.Resource.Range) })
	slices.SortStableFunc(in.Notes, func(a, b model.Note) int { return compareRanges(a.Range, b.Range) })
	byGroup := func(a, b *model.NodeGroup) int { return compareRanges(a.Resource.Range, b.Resource.Range) }
	for _, c := range in.Clusters {
		slices.SortStableFunc(c.NodeGroups, byGroup)
		slices.SortStableFunc(c.MasterGroups, byGroup)
	}
}
