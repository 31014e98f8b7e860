package model

import (
	"slices"
	"testing"
)

// TestSortInput: objects by file, position, then address (instances of one
// block share its range), node groups too; notes by position and message,
// repeated ones dropped.
func TestSortInput(t *testing.T) {
	at := func(file string, line int) Range {
		return Range{Filename: file, Start: Pos{Line: line, Column: 1}}
	}
	sg := func(addr string, r Range) *SecurityGroup {
		return &SecurityGroup{Resource: Resource{Address: addr, Range: r}}
	}
	group := func(addr string, line int) *NodeGroup {
		return &NodeGroup{Resource: Resource{Address: addr, Range: at("a.tf", line)}}
	}
	in := &Input{
		SecurityGroups: []*SecurityGroup{sg("x[1]", at("b.tf", 1)), sg("y", at("a.tf", 9)), sg("x[0]", at("b.tf", 1)), sg("z", at("a.tf", 2))},
		Clusters:       []*Cluster{{NodeGroups: []*NodeGroup{group("p", 5), group("o", 3)}}},
		Notes:          []Note{{at("a.tf", 2), "b"}, {at("a.tf", 1), "z"}, {at("a.tf", 2), "a"}, {at("a.tf", 2), "b"}},
	}
	SortInput(in)
	var got []string
	for _, g := range in.SecurityGroups {
		got = append(got, g.Resource.Address)
	}
	if want := []string{"z", "y", "x[0]", "x[1]"}; !slices.Equal(got, want) {
		t.Errorf("groups %v, want %v", got, want)
	}
	if g := in.Clusters[0].NodeGroups; g[0].Resource.Address != "o" {
		t.Errorf("node groups not sorted: %s first", g[0].Resource.Address)
	}
	got = got[:0]
	for _, n := range in.Notes {
		got = append(got, n.Message)
	}
	if want := []string{"z", "a", "b"}; !slices.Equal(got, want) {
		t.Errorf("notes %v, want %v", got, want)
	}
}
