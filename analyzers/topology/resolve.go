package topology

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Name prefixes TKE gives the security groups it creates for a cluster.
const (
	WorkerPrefix = "tke-worker-security-for-"
	MasterPrefix = "tke-master-security-for-"
)

// resolver holds what resolving clusters needs from the input.
type resolver struct {
	in      *model.Input
	res     *flows.Resolver
	vpcs    map[string]*model.VPC
	subnets map[string]*model.Subnet
}

// resolve returns the clusters of in, completed by opts, in input order
// (clusters of the input, then those named by security groups, then those
// configuration declares).
func resolve(in *model.Input, opts Options, res *flows.Resolver) []*Cluster {
	r := &resolver{in: in, res: res, vpcs: map[string]*model.VPC{}, subnets: map[string]*model.Subnet{}}
	for _, v := range in.VPCs {
		for _, ref := range refsOf(v.Resource, v.ID) {
			r.vpcs[ref] = v
		}
	}
	for _, s := range in.Subnets {
		for _, ref := range refsOf(s.Resource, s.ID) {
			r.subnets[ref] = s
		}
	}
	var out []*Cluster
	for _, c := range in.Clusters {
		out = append(out, r.fromCluster(c))
	}
	out = r.fromNames(out)
	out = r.applySpecs(out, opts)
	for _, cl := range out {
		for _, b := range slices.Concat(cl.Nodes, cl.Masters) {
			b.sortGroups()
		}
		cl.ClusterNet.Supply, cl.ContainerNet.Supply = opts.Supply.ClusterNetwork, opts.Supply.ContainerNetwork
	}
	return out
}

// sortGroups orders the node groups of a binding by position, so that a
// finding about the binding points at the first one written.
func (b *Binding) sortGroups() {
	if len(b.Groups) < 2 {
		return
	}
	slices.SortStableFunc(b.Groups, func(x, y *model.NodeGroup) int {
		return model.CompareRanges(x.Resource.DeclRange, y.Resource.DeclRange)
	})
	if first := b.Groups[0]; first.Binding.Groups.State() != model.Defaulted && !first.Binding.Groups.Range().IsZero() {
		b.At, b.Field, b.OrderedField = first.Binding.Groups.Range(), first.Binding.Field, first.Binding.OrderedField
	} else {
		b.At, b.Field, b.OrderedField = first.Resource.DeclRange, first.Binding.Field, first.Binding.OrderedField
	}
}

func refsOf(res model.Resource, id model.String) []string {
	out := []string{res.Address}
	if v, ok := id.Get(); ok && v != "" && v != res.Address {
		out = append(out, v)
	}
	return out
}

func (r *resolver) fromCluster(c *model.Cluster) *Cluster {
	cl := &Cluster{
		Name:        Name(c),
		Address:     c.Resource.Address,
		Model:       c,
		Decl:        c.Resource.DeclRange,
		DeployType:  valueOr(c.DeployType, "MANAGED_CLUSTER"),
		NetworkType: valueOr(c.NetworkType, "GR"),
		LBClients:   flows.World4(),
	}
	for _, g := range c.NodeGroups {
		if g.Kind == model.ServerlessNodePool {
			continue // its group is bound to pods, not to CVMs
		}
		cl.addGroup(r, Node, g)
	}
	for _, g := range c.MasterGroups {
		cl.addGroup(r, Master, g)
	}
	cl.ClusterNet = r.clusterNetwork(c)
	cl.ContainerNet = r.containerNetwork(c, cl.NetworkType)
	cl.ServiceNet.add(c.ServiceCIDR, cmp.Or(c.ServiceCIDRField, "the cluster's service CIDR"), c.Resource)
	return cl
}

// Name is how messages name a cluster: its name, else its id, else its
// address.
func Name(c *model.Cluster) string {
	if n, ok := c.Name.Get(); ok && n != "" {
		return n
	}
	if id, ok := c.ID.Get(); ok && id != "" {
		return id
	}
	return c.Resource.Address
}

func valueOr(v model.String, def string) string {
	if s, ok := v.Get(); ok && s != "" {
		return strings.ToUpper(s)
	}
	return def
}

// addGroup adds g to the binding that binds the same list, or a new one.
func (cl *Cluster) addGroup(r *resolver, role Role, g *model.NodeGroup) {
	b := r.binding(role, g)
	list := cl.Bindings(role)
	for _, other := range list {
		if sameBinding(other, b) {
			other.Groups = append(other.Groups, g)
			return
		}
	}
	if role == Master {
		cl.Masters = append(cl.Masters, b)
	} else {
		cl.Nodes = append(cl.Nodes, b)
	}
}

// sameBinding reports whether two bindings bind the same list. A node
// group that binds nothing is a binding of its own: each such group needs
// its own edit (docs/rules/TKESG305.md).
func sameBinding(a, b *Binding) bool {
	if a.Unresolved != "" || b.Unresolved != "" || a.Empty || b.Empty || a.Ordered != b.Ordered {
		return false
	}
	if !a.Ordered {
		// Sets: the same groups in another order are the same binding.
		return len(a.SGs) == len(b.SGs) && !slices.ContainsFunc(a.SGs, func(sg *model.SecurityGroup) bool { return !slices.Contains(b.SGs, sg) })
	}
	return slices.Equal(a.SGs, b.SGs)
}

// binding resolves the security groups a node group binds.
func (r *resolver) binding(role Role, g *model.NodeGroup) *Binding {
	b := &Binding{Role: role, Groups: []*model.NodeGroup{g}, Field: g.Binding.Field, OrderedField: g.Binding.OrderedField, Ordered: true}
	if g.Kind == model.ClusterAttachment && g.Binding.Groups.State() == model.Defaulted {
		return r.attachedInstance(b, g)
	}
	refs, ok := g.Binding.Groups.Get()
	b.At = g.Binding.Groups.Range()
	if g.Binding.Groups.State() == model.Defaulted || b.At.IsZero() {
		b.At = g.Resource.DeclRange
	}
	switch {
	case !ok:
		b.Unresolved = g.Binding.Groups.Reason()
		if b.Unresolved == "" {
			b.Unresolved = g.Binding.Field + " is unresolved"
		}
		return b
	case len(refs) == 0:
		b.Empty = true
		return b
	}
	for _, ref := range refs {
		b.SGs = append(b.SGs, r.group(ref))
	}
	b.Ordered = g.Binding.Ordered || len(refs) < 2
	return b
}

// attachedInstance binds what the attached CVM is already bound to: an
// attachment without security_groups keeps the instance's own groups.
func (r *resolver) attachedInstance(b *Binding, g *model.NodeGroup) *Binding {
	b.At = g.Resource.DeclRange
	ids, _ := g.Instances.Get()
	for _, id := range ids {
		v, ok := id.Get()
		for _, inst := range r.in.Instances {
			if !ok || (inst.Resource.Address != v && inst.ID.Value() != v) {
				continue
			}
			for _, ib := range inst.Bindings {
				refs, known := ib.Groups.Get()
				if !known {
					b.Unresolved = ib.Groups.Reason()
					return b
				}
				for _, ref := range refs {
					b.SGs = append(b.SGs, r.group(ref))
				}
				b.Ordered = b.Ordered && ib.Ordered
				b.Field, b.OrderedField = inst.Resource.Address+"."+ib.Field, ib.OrderedField
			}
			b.Empty = len(b.SGs) == 0
			b.Ordered = b.Ordered || len(b.SGs) < 2
			return b
		}
	}
	b.Unresolved = "the security groups of the attached instance are not in the input"
	return b
}

// group returns the security group ref names; a group the input does not
// define, or an unresolved entry, is a group whose rules are unknown.
func (r *resolver) group(ref model.String) *model.SecurityGroup {
	v, ok := ref.Get()
	if ok {
		if sg := r.res.SecurityGroup(v); sg != nil {
			return sg
		}
	}
	why := "the rules of sg " + v + " are not in the input"
	addr := v
	if !ok {
		why = "a bound security group is unresolved: " + ref.Reason()
		addr = "<unresolved>"
	}
	unknown := model.RuleList{Why: why, Ordered: true}
	return &model.SecurityGroup{
		Resource: model.Resource{Address: addr, DeclRange: ref.Range(), Range: ref.Range()},
		ID:       ref, Ingress: unknown, Egress: unknown,
	}
}

// clusterNetwork is the VPC's CIDRs, else the CIDRs of the node subnets.
func (r *resolver) clusterNetwork(c *model.Cluster) Network {
	var n Network
	if vpcRef, ok := c.VPC.Get(); ok && vpcRef != "" {
		if vpc := r.vpcs[vpcRef]; vpc != nil {
			n.add(vpc.CIDR, fieldOf(vpc.Resource.Address, vpc.CIDRField, "CIDR"), vpc.Resource)
			list, ok := vpc.AssistantCIDRs.Get()
			if !ok {
				n.Missing = append(n.Missing, vpc.AssistantCIDRs.Reason())
			}
			for _, a := range list {
				n.add(a, fieldOf(vpc.Resource.Address, vpc.AssistantCIDRsField, "assistant CIDRs"), vpc.Resource)
			}
			return n
		}
	}
	for _, g := range c.NodeGroups {
		subnets, known := g.Subnets.Get()
		if !known {
			n.Missing = append(n.Missing, g.Subnets.Reason())
		}
		for _, s := range subnets {
			id, ok := s.Get()
			switch sn := r.subnets[id]; {
			case !ok:
				n.Missing = append(n.Missing, s.Reason())
			case sn != nil:
				n.add(sn.CIDR, fieldOf(sn.Resource.Address, sn.CIDRField, "CIDR"), sn.Resource)
			default:
				// Known only partly, the network would be too small: a node
				// SG bounded by it could look covered when it is not.
				n.Missing = append(n.Missing, "the node subnet "+id+" is not in the input")
			}
		}
	}
	if !n.Known() {
		// Say first why the VPC is missing, then why the subnets are; a
		// reason the two share is said once.
		field := cmp.Or(c.VPCField, "the cluster's VPC")
		vpc := field + " is not set"
		if v, ok := c.VPC.Get(); ok && v != "" {
			vpc = "its VPC " + v + " is not in the input"
		} else if !ok {
			vpc = cmp.Or(c.VPC.Reason(), field+" is unresolved")
		}
		if len(n.Missing) == 0 {
			vpc += ", and no node group names a subnet"
		}
		n.Missing = append([]string{vpc}, n.Missing...)
	}
	n.Missing = unique(n.Missing)
	return n
}

// unique returns ss without repetitions, in their first order.
func unique(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// containerNetwork is cluster_cidr for GR and CiliumOverlay, the ENI subnets
// for VPC-CNI.
func (r *resolver) containerNetwork(c *model.Cluster, networkType string) Network {
	var n Network
	if !strings.EqualFold(networkType, "VPC-CNI") {
		n.add(c.ClusterCIDR, cmp.Or(c.ClusterCIDRField, "the cluster's pod CIDR"), c.Resource)
		return n
	}
	subnets, ok := c.ENISubnets.Get()
	if !ok {
		n.Missing = append(n.Missing, c.ENISubnets.Reason())
	}
	for _, s := range subnets {
		id, ok := s.Get()
		if !ok {
			n.Missing = append(n.Missing, s.Reason())
			continue
		}
		if sn := r.subnets[id]; sn != nil {
			n.add(sn.CIDR, fieldOf(sn.Resource.Address, sn.CIDRField, "CIDR"), sn.Resource)
		} else {
			n.Missing = append(n.Missing, "the ENI subnet "+id+" is not in the input")
		}
	}
	if len(subnets) == 0 && ok {
		n.Missing = append(n.Missing, cmp.Or(c.ENISubnetsField, "the cluster's list of ENI subnets")+" is empty")
	}
	n.Missing = unique(n.Missing)
	return n
}

// fromNames adds the groups TKE names after a cluster to that cluster, or
// to a new cluster for it.
func (r *resolver) fromNames(out []*Cluster) []*Cluster {
	for _, sg := range r.in.SecurityGroups {
		name, ok := sg.Name.Get()
		if !ok {
			continue
		}
		role, id := Node, ""
		switch {
		case strings.HasPrefix(name, WorkerPrefix):
			id = strings.TrimPrefix(name, WorkerPrefix)
		case strings.HasPrefix(name, MasterPrefix):
			role, id = Master, strings.TrimPrefix(name, MasterPrefix)
		default:
			continue
		}
		cl := findByID(out, id)
		if cl == nil {
			cl = &Cluster{Name: id, Address: id, Decl: sg.Resource.DeclRange, DeployType: "MANAGED_CLUSTER", NetworkType: "GR", LBClients: flows.World4()}
			cl.ClusterNet.Missing = []string{"cluster " + id + " is known only from the name of sg " + sg.DisplayName()}
			cl.ContainerNet.Missing = cl.ClusterNet.Missing
			if role == Master {
				cl.DeployType = "INDEPENDENT_CLUSTER"
			}
			out = append(out, cl)
		}
		if len(cl.Bindings(role)) > 0 {
			continue // the input binds groups explicitly
		}
		b := &Binding{Role: role, SGs: []*model.SecurityGroup{sg}, Ordered: true, At: sg.Resource.DeclRange, Field: "the group's name"}
		if role == Master {
			cl.Masters = append(cl.Masters, b)
		} else {
			cl.Nodes = append(cl.Nodes, b)
		}
	}
	return out
}

func findByID(cls []*Cluster, id string) *Cluster {
	for _, c := range cls {
		if c.Address == id || c.Name == id {
			return c
		}
		if c.Model != nil {
			if v, ok := c.Model.ID.Get(); ok && v == id {
				return c
			}
		}
	}
	return nil
}

// fieldOf names a field of the resource at address in the input's format
// ("tencentcloud_vpc.main.cidr_block", "Vpc.CidrBlock"), or in words when
// the model does not name it ("the CIDR of Vpc").
func fieldOf(address, field, words string) string {
	if field == "" {
		return "the " + words + " of " + address
	}
	return address + "." + field
}
