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

// TestSortInstances: the instances of one block, which share its range, go
// by the module calls that made them in source order (a module called for
// staging above one called for prod), then by address with count indexes
// in numeric order: the order Terraform makes them in, whatever order they
// were evaluated in.
func TestSortInstances(t *testing.T) {
	block := Range{Filename: "modules/cluster/main.tf", Start: Pos{Line: 23, Column: 1}}
	call := func(line int) Range { return Range{Filename: "main.tf", Start: Pos{Line: line, Column: 1}} }
	cluster := func(addr string, calls ...Range) *Cluster {
		return &Cluster{Resource: Resource{Address: addr, Range: block, CallChain: calls}}
	}
	in := &Input{Clusters: []*Cluster{
		cluster("module.prod.c[10]", call(50)), cluster("module.prod.c[2]", call(50)),
		cluster("module.staging.c[1]", call(40)), cluster("module.prod.c[02x]", call(50)),
		cluster("module.prod.c", call(50), call(60)), cluster("module.prod.c[9]", call(50)),
	}}
	SortInput(in)
	var got []string
	for _, c := range in.Clusters {
		got = append(got, c.Resource.Address)
	}
	want := []string{"module.staging.c[1]", "module.prod.c[02x]", "module.prod.c[2]", "module.prod.c[9]", "module.prod.c[10]", "module.prod.c"}
	if !slices.Equal(got, want) {
		t.Errorf("instances %v, want %v", got, want)
	}
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"x[2]", "x[10]", -1}, {"x[10]", "x[10]", 0}, {"x[007]", "x[7]", 0}, {"x[1].y[3]", "x[1].y[12]", -1},
		{`x["10"]`, `x["2"]`, -1}, {"x[2]", "x", 1}, {"sg-b", "sg-a", 1},
	} {
		if got := compareAddresses(tc.a, tc.b); got != tc.want {
			t.Errorf("compareAddresses(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
