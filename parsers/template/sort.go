package template

import (
	"cmp"
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// compareRanges orders ranges by file, then position.
func compareRanges(a, b model.Range) int {
	return cmp.Or(
		cmp.Compare(a.Filename, b.Filename),
		cmp.Compare(a.Start.Line, b.Start.Line),
		cmp.Compare(a.Start.Column, b.Start.Column),
	)
}

func byResource[T any](res func(T) model.Resource) func(a, b T) int {
	return func(a, b T) int { return compareRanges(res(a).Range, res(b).Range) }
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
	slices.SortStableFunc(in.Notes, func(a, b model.Note) int { return compareRanges(a.Range, b.Range) })
	group := byResource(func(x *model.NodeGroup) model.Resource { return x.Resource })
	for _, c := range in.Clusters {
		slices.SortStableFunc(c.NodeGroups, group)
		slices.SortStableFunc(c.MasterGroups, group)
	}
}

// sortErrors sorts errs by position and drops duplicates: a value read
// twice reports its errors twice.
func sortErrors(errs []*model.Error) []*model.Error {
	slices.SortStableFunc(errs, func(a, b *model.Error) int {
		return cmp.Or(compareRanges(a.Range, b.Range), cmp.Compare(a.Summary, b.Summary), cmp.Compare(a.Detail, b.Detail))
	})
	return slices.CompactFunc(errs, func(a, b *model.Error) bool {
		return a.Range == b.Range && a.Summary == b.Summary && a.Detail == b.Detail
	})
}
