package model

import (
	"cmp"
	"slices"
)

// SortInput puts every list of in in source order, the node groups of its
// clusters too, and drops repeated notes. Objects are ordered by file,
// position, then address: the instances of one Terraform block share its
// range, and the objects of an export may come from several files merged in
// any order. Each parser calls it on the model it returns, so that the
// order never depends on the order in which files or expressions were read.
func SortInput(in *Input) {
	byResource := func(a, b Resource) int {
		return cmp.Or(CompareRanges(a.Range, b.Range), cmp.Compare(a.Address, b.Address))
	}
	sortBy(in.SecurityGroups, func(x *SecurityGroup) Resource { return x.Resource }, byResource)
	sortBy(in.AddressTemplates, func(x *AddressTemplate) Resource { return x.Resource }, byResource)
	sortBy(in.ServiceTemplates, func(x *ServiceTemplate) Resource { return x.Resource }, byResource)
	sortBy(in.VPCs, func(x *VPC) Resource { return x.Resource }, byResource)
	sortBy(in.Subnets, func(x *Subnet) Resource { return x.Resource }, byResource)
	sortBy(in.Instances, func(x *Instance) Resource { return x.Resource }, byResource)
	sortBy(in.Clusters, func(x *Cluster) Resource { return x.Resource }, byResource)
	sortBy(in.RuleOwners, func(x *RuleOwner) Resource { return x.Resource }, byResource)
	for _, c := range in.Clusters {
		sortBy(c.NodeGroups, func(x *NodeGroup) Resource { return x.Resource }, byResource)
		sortBy(c.MasterGroups, func(x *NodeGroup) Resource { return x.Resource }, byResource)
	}
	slices.SortStableFunc(in.Notes, func(a, b Note) int {
		return cmp.Or(CompareRanges(a.Range, b.Range), cmp.Compare(a.Message, b.Message))
	})
	in.Notes = slices.Compact(in.Notes)
}

// sortBy sorts list stably by the resources of its objects.
func sortBy[T any](list []T, res func(T) Resource, compare func(a, b Resource) int) {
	slices.SortStableFunc(list, func(a, b T) int { return compare(res(a), res(b)) })
}
