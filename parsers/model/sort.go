package model

import (
	"cmp"
	"slices"
	"strings"
)

// SortInput puts every list of in in source order, the node groups of its
// clusters too, and drops repeated notes. Objects are ordered by file and
// position; the instances of one Terraform block, which share its range,
// by the module calls that made them (in source order, outermost first),
// then by address, count indexes in numeric order; the objects of an
// export, which may come from several files merged in any order, by
// address. Each parser calls it on the model it returns, so that the order
// never depends on the order in which files or expressions were read.
func SortInput(in *Input) {
	byResource := func(a, b Resource) int {
		return cmp.Or(CompareRanges(a.Range, b.Range), compareCalls(a.CallChain, b.CallChain), compareAddresses(a.Address, b.Address))
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

// compareCalls orders two module call chains by their calls in source
// order, outermost first; a shorter chain that is a prefix comes first.
func compareCalls(a, b []Range) int {
	for i := range min(len(a), len(b)) {
		if c := CompareRanges(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// compareAddresses orders two addresses as strings, except that count
// indexes ("[2]", "[10]") compare as numbers, in the order Terraform makes
// the instances.
func compareAddresses(a, b string) int {
	for a != "" && b != "" {
		na, restA, okA := countIndex(a)
		nb, restB, okB := countIndex(b)
		if okA && okB {
			// Digit strings without leading zeros: the longer is larger.
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = restA, restB
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// countIndex reads a count index, "[12]", at the start of s: its digits
// without leading zeros and what follows it.
func countIndex(s string) (digits, rest string, ok bool) {
	if !strings.HasPrefix(s, "[") {
		return "", "", false
	}
	end := strings.IndexByte(s, ']')
	if end < 2 {
		return "", "", false
	}
	for _, c := range s[1:end] {
		if c < '0' || c > '9' {
			return "", "", false
		}
	}
	digits = strings.TrimLeft(s[1:end], "0")
	return digits, s[end+1:], true
}
