package inspect

import (
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/topology"
)

// Matrix is the requirement matrix of one cluster: each requirement row
// (N1, DNS, M4, …) on each target (the groups bound to a node or master
// group, an endpoint's group), as the checks decided it.
type Matrix struct {
	Cluster *topology.Cluster
	Targets []*Target
}

// Target is one column of a matrix: the rows of one role on one binding.
type Target struct {
	// Role is node, master, endpoint-internet or endpoint-intranet.
	Role string
	// Binding is nil for requirements that do not apply to the cluster.
	Binding *topology.Binding
	Who     string
	Rows    []*Row
}

// Row is one requirement row on one target.
type Row struct {
	Req *requirements.Requirement
	*requirements.RowResult
}

// Matrices returns the requirement matrix of every cluster of the unit.
func (u *Unit) Matrices() []*Matrix {
	if u.Requirements == nil {
		return nil
	}
	order := map[*requirements.Requirement]int{}
	for i, r := range u.Requirements.Requirements {
		order[r] = i
	}
	var out []*Matrix
	for _, cr := range u.Requirements.Clusters {
		m := &Matrix{Cluster: cr.Cluster}
		for _, ev := range cr.Evaluations {
			i := slices.IndexFunc(m.Targets, func(t *Target) bool { return t.Role == ev.Role && t.Binding == ev.Binding })
			if i < 0 {
				m.Targets = append(m.Targets, &Target{Role: ev.Role, Binding: ev.Binding, Who: ev.Who})
				i = len(m.Targets) - 1
			}
			for _, rr := range ev.Rows {
				m.Targets[i].Rows = append(m.Targets[i].Rows, &Row{Req: ev.Req, RowResult: rr})
			}
		}
		for _, t := range m.Targets {
			slices.SortStableFunc(t.Rows, func(a, b *Row) int { return order[a.Req] - order[b.Req] })
		}
		out = append(out, m)
	}
	return out
}
