package topology

import (
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Role is what a binding's CVMs are to their cluster.
type Role uint8

// The roles of bound CVMs.
const (
	Node Role = iota
	Master
)

func (r Role) String() string {
	if r == Master {
		return "masters"
	}
	return "nodes"
}

// Network is a set of CIDRs that may be partly unknown.
type Network struct {
	// Addrs are the known CIDRs.
	Addrs flows.Addrs
	// Missing says, for each part that is not known, why.
	Missing []string
	// Written lists what the CIDRs came from, for messages: "10.0.0.0/16".
	Written []string
	// Origins are the values of the input the CIDRs are, with the
	// resources whose attributes they are: a repair names them by
	// reference (model.Insertion.Origins).
	Origins []model.Origin
	// Supply says how the user gives the network when the input lacks it
	// (Options.Supply); empty when the program has no way.
	Supply string
}

// Known reports whether some part of the network is known.
func (n Network) Known() bool { return !n.Addrs.IsEmpty() }

// add adds the CIDR v, an attribute of scope (none for configuration),
// called what in messages.
func (n *Network) add(v model.String, what string, scope model.Resource) {
	s, ok := v.Get()
	switch {
	case !ok:
		reason := v.Reason()
		if reason == "" {
			reason = what + " is unresolved"
		}
		n.Missing = append(n.Missing, reason)
	case s == "":
		n.Missing = append(n.Missing, what+" is not set")
	default:
		a, err := flows.ParseCIDR(s)
		if err != nil {
			n.Missing = append(n.Missing, what+" "+err.Error())
			return
		}
		n.Addrs = n.Addrs.Union(a)
		n.Written = append(n.Written, s)
		if scope.Address != "" {
			n.Origins = append(n.Origins, model.Origin{Value: v, Scope: scope})
		}
	}
}

// Binding is the ordered list of security groups bound to some CVMs of a
// cluster: one node group, or several that bind the same list.
type Binding struct {
	Role   Role
	Groups []*model.NodeGroup
	// SGs are the bound groups, first-bound first. A group whose rules are
	// not in the input has an incomplete rule list.
	SGs []*model.SecurityGroup
	// Ordered is false when the field does not keep the order and more
	// than one group is bound.
	Ordered bool
	// Empty is true when the CVMs are bound to no group at all: they fall
	// back to the project's default group, whose rules are unknown.
	Empty bool
	// Unresolved says why the list itself is unknown, when it is.
	Unresolved string
	// At is where the binding is written: the list, or, for groups named
	// by configuration, the definition of the first group.
	At model.Range
	// Field names the attribute, for messages.
	Field string
	// OrderedField names the attribute that binds the same groups in
	// order, when Field does not keep it (model.Binding.OrderedField).
	OrderedField string
}

// Range is where the binding is written.
func (b *Binding) Range() model.Range { return b.At }

// Resource is the first node group of the binding, the one a finding about
// it belongs to; none for groups that configuration or a name binds.
func (b *Binding) Resource() model.Resource {
	if len(b.Groups) == 0 {
		return model.Resource{}
	}
	return b.Groups[0].Resource
}

// Key identifies the binding by its first node group's address.
func (b *Binding) Key() string { return b.Resource().Address }

// Cluster is one TKE cluster as the checks see it: the groups bound to its
// nodes and masters, in order, and the networks around it.
type Cluster struct {
	// Name is how messages name the cluster.
	Name string
	// Address is the resource address or id, for fingerprints.
	Address string
	// Model is the cluster of the input, nil when only configuration, flags
	// or group names declare it.
	Model *model.Cluster
	// Decl is where the cluster is defined.
	Decl        model.Range
	DeployType  string
	NetworkType string
	// ClusterNet is the node network, ContainerNet the pod network.
	ClusterNet   Network
	ContainerNet Network
	ServiceNet   Network
	// LBClients are the load-balancer clients: none turns TKESG104 off.
	LBClients flows.Addrs
	Nodes     []*Binding
	Masters   []*Binding
}

// Range is where the cluster is defined, or else where its nodes are first
// bound.
func (cl *Cluster) Range() model.Range {
	if cl.Decl.IsZero() && len(cl.Nodes) > 0 {
		return cl.Nodes[0].At
	}
	return cl.Decl
}

// Resource is the cluster of the input; none for a cluster that only
// configuration, flags or group names declare.
func (cl *Cluster) Resource() model.Resource {
	if cl.Model == nil {
		return model.Resource{}
	}
	return cl.Model.Resource
}

// Key identifies the cluster by its address or id.
func (cl *Cluster) Key() string { return cl.Address }

// Independent reports whether the cluster runs its own masters.
func (cl *Cluster) Independent() bool { return cl.DeployType == "INDEPENDENT_CLUSTER" }

// Bindings returns the bindings of role.
func (cl *Cluster) Bindings(role Role) []*Binding {
	if role == Master {
		return cl.Masters
	}
	return cl.Nodes
}

// NodeGroups returns every distinct node security group of the cluster.
func (cl *Cluster) NodeGroups() []*model.SecurityGroup {
	var out []*model.SecurityGroup
	seen := map[*model.SecurityGroup]bool{}
	for _, b := range cl.Nodes {
		for _, sg := range b.SGs {
			if !seen[sg] {
				seen[sg] = true
				out = append(out, sg)
			}
		}
	}
	return out
}

// CommonNodeGroups returns the groups bound to every node of the cluster
// (through every node binding), in the order of the first binding.
func (cl *Cluster) CommonNodeGroups() []*model.SecurityGroup {
	var out []*model.SecurityGroup
	for i, b := range cl.Nodes {
		if b.Empty || b.Unresolved != "" {
			return nil
		}
		if i == 0 {
			out = append(out, b.SGs...)
			continue
		}
		kept := out[:0]
		for _, sg := range out {
			if slices.Contains(b.SGs, sg) {
				kept = append(kept, sg)
			}
		}
		out = kept
	}
	return out
}
