package topology

import (
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Spec is a cluster as configuration or flags describe it: either it
// completes a cluster of the input (Match) or it declares one (Name).
type Spec struct {
	// Match names a cluster of the input by id or resource address. Empty
	// with FromFlags set means "the only cluster of the input".
	Match string
	// Name names a declared cluster in messages.
	Name                 string
	NodeSecurityGroups   []string
	MasterSecurityGroups []string
	ClusterNetwork       []string
	ContainerNetwork     []string
	NetworkType          string
	// LBClients overrides Options.LBClients for this cluster when not nil.
	LBClients []string
	// FromFlags is true for the cluster the command-line flags describe.
	FromFlags bool
	// Range is where the spec was written (a config entry), zero for flags.
	Range model.Range
}

// applySpecs completes clusters with configuration and flags, and adds the
// clusters they declare.
func (r *resolver) applySpecs(out []*Cluster, opts Options) []*Cluster {
	for _, c := range out {
		c.LBClients = lbClients(opts.LBClients, c.LBClients)
	}
	for _, spec := range opts.Specs {
		var cl *Cluster
		switch {
		case spec.Match != "":
			cl = findByID(out, spec.Match)
			if cl == nil {
				continue // the cluster is in another module, or nowhere
			}
		case spec.FromFlags && len(out) == 1:
			cl = out[0]
		case spec.FromFlags && len(out) > 1:
			continue // ambiguous: flags describe one cluster
		default:
			if len(spec.NodeSecurityGroups) == 0 && len(spec.MasterSecurityGroups) == 0 {
				continue
			}
			if !r.bindsHere(spec) {
				continue // declared for groups of another module
			}
			name := spec.Name
			if name == "" {
				name = "(from flags)"
			}
			cl = &Cluster{Name: name, Address: name, Decl: spec.Range, DeployType: "MANAGED_CLUSTER", NetworkType: "GR"}
			cl.LBClients = lbClients(opts.LBClients, flows.World4())
			if len(spec.MasterSecurityGroups) > 0 {
				cl.DeployType = "INDEPENDENT_CLUSTER"
			}
			cl.ClusterNet.Missing = []string{"cluster " + name + " names no cluster network"}
			cl.ContainerNet.Missing = []string{"cluster " + name + " names no container network"}
			out = append(out, cl)
		}
		r.complete(cl, spec)
	}
	return out
}

// bindsHere reports whether some group a spec names is in this input.
func (r *resolver) bindsHere(spec Spec) bool {
	for _, ref := range append(append([]string(nil), spec.NodeSecurityGroups...), spec.MasterSecurityGroups...) {
		if r.res.SecurityGroup(ref) != nil {
			return true
		}
	}
	return false
}

func (r *resolver) complete(cl *Cluster, spec Spec) {
	if spec.NetworkType != "" {
		cl.NetworkType = strings.ToUpper(spec.NetworkType)
	}
	if len(spec.ClusterNetwork) > 0 {
		cl.ClusterNet = given(spec.ClusterNetwork, spec.Range)
	}
	if len(spec.ContainerNetwork) > 0 {
		cl.ContainerNet = given(spec.ContainerNetwork, spec.Range)
	}
	if spec.LBClients != nil {
		cl.LBClients = lbClients(spec.LBClients, cl.LBClients)
	}
	if len(spec.NodeSecurityGroups) > 0 {
		cl.Nodes = []*Binding{r.named(Node, spec.NodeSecurityGroups)}
	}
	if len(spec.MasterSecurityGroups) > 0 {
		cl.Masters = []*Binding{r.named(Master, spec.MasterSecurityGroups)}
		cl.DeployType = "INDEPENDENT_CLUSTER"
	}
}

// named binds the groups that configuration lists; findings that a binding
// would carry point at the first group's definition.
func (r *resolver) named(role Role, refs []string) *Binding {
	b := &Binding{Role: role, Ordered: true, Field: "the configuration"}
	for _, ref := range refs {
		sg := r.group(model.WrittenValue(ref, model.Range{}))
		b.SGs = append(b.SGs, sg)
		if b.At.IsZero() {
			b.At = sg.Resource.DeclRange
		}
	}
	return b
}

func given(cidrs []string, rng model.Range) Network {
	var n Network
	for _, c := range cidrs {
		n.add(model.WrittenValue(c, rng), "configured CIDR", model.Resource{})
	}
	return n
}

// lbClients reads a list of load-balancer client CIDRs; nil keeps def, an
// empty list is no client at all (which turns TKESG104 off).
func lbClients(list []string, def flows.Addrs) flows.Addrs {
	if list == nil {
		return def
	}
	var a flows.Addrs
	for _, c := range list {
		if p, err := flows.ParseCIDR(c); err == nil {
			a = a.Union(p)
		}
	}
	return a
}
