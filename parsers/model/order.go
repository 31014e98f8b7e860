package model

import (
	"cmp"
	"slices"
)

// CompareRanges orders ranges by file, then start position.
func CompareRanges(a, b Range) int {
	return cmp.Or(
		cmp.Compare(a.Filename, b.Filename),
		cmp.Compare(a.Start.Line, b.Start.Line),
		cmp.Compare(a.Start.Column, b.Start.Column),
		cmp.Compare(a.Start.Byte, b.Start.Byte),
	)
}

// SortErrors sorts errs in place by position, summary and detail, and drops
// duplicates: an expression read twice reports its errors twice.
func SortErrors(errs []*Error) []*Error {
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(CompareRanges(a.Range, b.Range), cmp.Compare(a.Summary, b.Summary), cmp.Compare(a.Detail, b.Detail))
	})
	return slices.CompactFunc(errs, func(a, b *Error) bool {
		return a.Range == b.Range && a.Summary == b.Summary && a.Detail == b.Detail
	})
}

// Concat appends the top-level lists of several inputs, in the order given;
// nil inputs are skipped. The inputs are not changed.
func Concat(ins ...*Input) *Input {
	out := &Input{}
	for _, in := range ins {
		if in == nil {
			continue
		}
		out.SecurityGroups = append(out.SecurityGroups, in.SecurityGroups...)
		out.AddressTemplates = append(out.AddressTemplates, in.AddressTemplates...)
		out.ServiceTemplates = append(out.ServiceTemplates, in.ServiceTemplates...)
		out.VPCs = append(out.VPCs, in.VPCs...)
		out.Subnets = append(out.Subnets, in.Subnets...)
		out.Instances = append(out.Instances, in.Instances...)
		out.Clusters = append(out.Clusters, in.Clusters...)
		out.RuleOwners = append(out.RuleOwners, in.RuleOwners...)
		out.Notes = append(out.Notes, in.Notes...)
	}
	return out
}
