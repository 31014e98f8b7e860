package trace

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Endpoint is one side of a traced flow: what the user named, resolved in
// one unit.
type Endpoint struct {
	// Spec is what the user wrote.
	Spec string
	// Label names the endpoint in output: "10.0.0.0/8", "the internet",
	// "sg web", "the nodes of cluster prod".
	Label string
	// Members are its parts that the input binds differently: each node
	// group of a cluster that binds its own list, say. An address has one
	// member, bound to nothing.
	Members []*Member
	// Bound is true when the endpoint is something the input binds groups
	// to (it names CVMs): then it only resolves in the units that hold it.
	Bound bool
}

// Member is a part of an endpoint with one binding.
type Member struct {
	// Label names the member: "the nodes of cluster prod in
	// tencentcloud_kubernetes_node_pool.a".
	Label string
	// Peer is what the member is as a peer of the other side's rules:
	// addresses, or an opaque set.
	Peer flows.Addrs
	// Side is the binding of the member's CVMs; nil when the input binds
	// no group to it (an address, the internet).
	Side *Side
	// Groups are the groups the member's CVMs are members of: a rule that
	// names one of them matches the member (Peer is then a set of its
	// own, bounded by Bound).
	Groups []*model.SecurityGroup
	Bound  flows.Addrs
	// Unknown says, when the member's addresses are not known exactly
	// (an opaque set), what is known of them: a rule whose peer only
	// overlaps that may match it, so a verdict it leaves open says why.
	Unknown string
}

// Side is a binding whose rules a flow crosses.
type Side struct {
	// Cluster is the cluster whose checks evaluate the binding; nil for a
	// group or an instance on its own.
	Cluster *topology.Cluster
	Binding *topology.Binding
}

// ErrUnknown is returned for an endpoint that the input does not hold; the
// message lists what it holds.
var ErrUnknown = errors.New("unknown endpoint")

// ErrAmbiguous is returned for an endpoint that names several things; the
// message says which and how to pick one.
var ErrAmbiguous = errors.New("ambiguous endpoint")

// ErrSyntax is returned for an endpoint that is not written in any of the
// accepted forms.
var ErrSyntax = errors.New("malformed endpoint")

// Forms lists the forms of an endpoint, for usage and errors.
const Forms = "an address or CIDR, world, sg:NAME-OR-ID, a resource address, or cluster:NAME/nodes, /masters, /pods or /network"

// Resolve resolves spec in unit u.
func Resolve(u *inspect.Unit, spec string) (*Endpoint, error) {
	spec = strings.TrimSpace(spec)
	switch {
	case spec == "":
		return nil, fmt.Errorf("%w: empty; want %s", ErrSyntax, Forms)
	case spec == "world":
		return &Endpoint{Spec: spec, Label: "the internet", Members: []*Member{{Label: "the internet", Peer: flows.World()}}}, nil
	case strings.HasPrefix(spec, "sg:"):
		return resolveGroup(u, spec, strings.TrimPrefix(spec, "sg:"))
	case strings.HasPrefix(spec, "cluster:"):
		return resolveCluster(u, spec)
	}
	if a, err := flows.ParseCIDR(spec); err == nil {
		label := spec
		if p, err := netip.ParsePrefix(spec); err == nil && p.Addr().Is4() && p.Addr().IsUnspecified() && p.Bits() > 0 {
			label = spec + " (Tencent Cloud reads it as 0.0.0.0/0)"
		}
		return &Endpoint{Spec: spec, Label: label, Members: []*Member{{Label: label, Peer: a}}}, nil
	}
	if looksLikeAddress(spec) {
		return nil, fmt.Errorf("%w: %q is not a valid IP address or CIDR", ErrSyntax, spec)
	}
	return resolveResource(u, spec)
}

// looksLikeAddress reports whether s is written like an address (digits,
// dots, colons and a slash), so that a typo in one is not taken for a
// resource address.
func looksLikeAddress(s string) bool {
	return strings.Trim(s, "0123456789abcdefABCDEF.:/") == "" && strings.ContainsAny(s, ".:")
}

// resolveGroup resolves sg:NAME-OR-ID: a member of that group.
func resolveGroup(u *inspect.Unit, spec, ref string) (*Endpoint, error) {
	var found []*model.SecurityGroup
	for _, sg := range u.Input.SecurityGroups {
		if slices.Contains(sg.Refs(), ref) || sg.Name.Value() == ref {
			found = append(found, sg)
		}
	}
	switch len(found) {
	case 0:
		if e := namedGroupEndpoint(u, spec, ref); e != nil {
			return e, nil
		}
		return nil, fmt.Errorf("%w: no security group is named or has the id %q; %s", ErrUnknown, ref, listGroups(u))
	case 1:
	default:
		var names []string
		for _, sg := range found {
			names = append(names, describeGroup(sg))
		}
		return nil, fmt.Errorf("%w: %d security groups are named %q: %s; name one by its resource address or id (sg:ID)", ErrAmbiguous, len(found), ref, strings.Join(names, ", "))
	}
	return groupEndpoint(u, spec, found[0]), nil
}

// groupEndpoint is a member of sg: the checks' own symbol for it.
func groupEndpoint(u *inspect.Unit, spec string, sg *model.SecurityGroup) *Endpoint {
	label := "sg " + sg.DisplayName()
	b := &topology.Binding{SGs: []*model.SecurityGroup{sg}, Ordered: true, At: sg.Resource.DeclRange, Field: "sg " + sg.DisplayName()}
	m := &Member{
		Label: "a CVM bound to " + label + " alone", Peer: flows.Symbol(u.Compiler.Resolver().GroupSymbol(sg.Resource.Address)),
		Side:    &Side{Cluster: u.ClusterOfGroup(sg), Binding: b},
		Unknown: "the addresses of the members of " + label + " are not known",
	}
	return &Endpoint{Spec: spec, Label: label, Members: []*Member{m}, Bound: true}
}

// namedGroupEndpoint is a group that the input does not define but a rule
// names as its peer (sg-99999999): a member of it, whose own rules are
// unknown, that the rules naming the group match. Nil when no rule names
// ref.
func namedGroupEndpoint(u *inspect.Unit, spec, ref string) *Endpoint {
	sym := u.Compiler.Resolver().GroupSymbol(ref)
	for _, owner := range u.Input.SecurityGroups {
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			for _, r := range u.Compiler.Segment(owner, d).Rules {
				if !r.Peer.HasSym(sym) {
					continue
				}
				sg := model.GroupKnownByID(model.WrittenValue(ref, r.Range()), "tencentcloud_security_group")
				why := "sg " + ref + " is not defined in the input, so its rules are unknown"
				sg.Ingress, sg.Egress = model.RuleList{Why: why, Ordered: true}, model.RuleList{Why: why, Ordered: true}
				return groupEndpoint(u, spec, sg)
			}
		}
	}
	return nil
}

// resolveCluster resolves cluster:NAME/ROLE.
func resolveCluster(u *inspect.Unit, spec string) (*Endpoint, error) {
	name, role, ok := strings.Cut(strings.TrimPrefix(spec, "cluster:"), "/")
	if !ok || name == "" {
		return nil, fmt.Errorf("%w: %q: want cluster:NAME/nodes, cluster:NAME/masters, cluster:NAME/pods or cluster:NAME/network", ErrSyntax, spec)
	}
	var found []*topology.Cluster
	for _, cl := range u.Clusters {
		if cl.Name == name || cl.Address == name || cl.Model != nil && cl.Model.ID.Value() == name {
			found = append(found, cl)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("%w: no cluster is named %q; %s", ErrUnknown, name, listClusters(u))
	case 1:
	default:
		var names []string
		for _, cl := range found {
			names = append(names, cl.Address+" ("+at(cl.Decl)+")")
		}
		return nil, fmt.Errorf("%w: %d clusters are named %q: %s; name one by its resource address or id", ErrAmbiguous, len(found), name, strings.Join(names, ", "))
	}
	cl := found[0]
	res := u.Compiler.Resolver()
	switch role {
	case "nodes", "masters":
		r := topology.Node
		if role == "masters" {
			r = topology.Master
		}
		return bindingsEndpoint(spec, cl, r)
	case "pods":
		label := "the pods of cluster " + cl.Name
		return &Endpoint{Spec: spec, Label: label, Members: []*Member{{Label: label, Peer: requirements.PeerAddrs(requirements.PeerContainerNetwork, cl, res)}}}, nil
	case "network":
		label := "the cluster network of cluster " + cl.Name
		return &Endpoint{Spec: spec, Label: label, Members: []*Member{{Label: label, Peer: requirements.PeerAddrs(requirements.PeerClusterNetwork, cl, res)}}}, nil
	}
	return nil, fmt.Errorf("%w: %q: the part after / is nodes, masters, pods or network, not %q", ErrSyntax, spec, role)
}

// bindingsEndpoint is the CVMs of role in cl, one member per binding.
func bindingsEndpoint(spec string, cl *topology.Cluster, role topology.Role) (*Endpoint, error) {
	bs := cl.Bindings(role)
	if role == topology.Master && cl.DeployType == "MANAGED_CLUSTER" {
		// Tencent Cloud runs the masters of a managed cluster: an empty
		// Masters block binds nothing to them.
		bs = slices.DeleteFunc(slices.Clone(bs), func(b *topology.Binding) bool { return b.Empty })
	}
	label := "the " + role.String() + " of cluster " + cl.Name
	if len(bs) == 0 {
		why := "no node group binds security groups"
		if role == topology.Master {
			why = "it runs no masters of its own (deploy type " + cl.DeployType + ")"
		}
		return nil, fmt.Errorf("%w: cluster %s has no %s in the input: %s", ErrUnknown, cl.Name, role, why)
	}
	e := &Endpoint{Spec: spec, Label: label, Bound: true}
	for _, b := range bs {
		e.Members = append(e.Members, bindingMember(inspect.BindingSubject(cl, b), cl, b))
	}
	return e, nil
}

// bindingMember is the CVMs bound to b: a set of their own, inside the
// cluster network when it is known, that the rules naming any of their
// groups match.
func bindingMember(label string, cl *topology.Cluster, b *topology.Binding) *Member {
	m := &Member{Label: label, Peer: flows.Symbol(label), Side: &Side{Cluster: cl, Binding: b}, Groups: b.SGs}
	if cl != nil && cl.ClusterNet.Known() && len(cl.ClusterNet.Missing) == 0 {
		m.Bound = cl.ClusterNet.Addrs
		m.Unknown = "the addresses of " + label + " are only known to lie in the cluster network " + m.Bound.String()
	} else {
		m.Unknown = "the addresses of " + label + " are not known: the cluster network of cluster " + cl.Name + " is not in the input"
	}
	return m
}

// resolveResource resolves a resource address: a group, an instance, a
// node group, a VPC or a subnet.
func resolveResource(u *inspect.Unit, addr string) (*Endpoint, error) {
	for _, sg := range u.Input.SecurityGroups {
		if sg.Resource.Address == addr {
			return groupEndpoint(u, addr, sg), nil
		}
	}
	for _, cl := range u.Clusters {
		for _, b := range slices.Concat(cl.Nodes, cl.Masters) {
			for _, g := range b.Groups {
				if g.Resource.Address == addr {
					label := "the " + b.Role.String() + " of " + addr + " (cluster " + cl.Name + ")"
					return &Endpoint{Spec: addr, Label: label, Members: []*Member{bindingMember(label, cl, b)}, Bound: true}, nil
				}
			}
		}
		if cl.Address == addr {
			return nil, fmt.Errorf("%w: %s is a cluster: name its nodes, masters, pods or network, as cluster:%s/nodes", ErrSyntax, addr, cl.Name)
		}
	}
	for _, inst := range u.Input.Instances {
		if inst.Resource.Address == addr || inst.ID.Value() == addr {
			return instanceEndpoint(u, addr, inst), nil
		}
	}
	for _, v := range u.Input.VPCs {
		if v.Resource.Address == addr || v.ID.Value() == addr {
			return networkEndpoint(addr, "VPC "+addr, append([]model.String{v.CIDR}, listValues(v.AssistantCIDRs)...))
		}
	}
	for _, s := range u.Input.Subnets {
		if s.Resource.Address == addr || s.ID.Value() == addr {
			return networkEndpoint(addr, "subnet "+addr, []model.String{s.CIDR})
		}
	}
	return nil, fmt.Errorf("%w: %q is not %s; %s", ErrUnknown, addr, Forms, listAll(u))
}

func listValues(l model.StringList) []model.String {
	v, _ := l.Get()
	return v
}

// networkEndpoint is the addresses of a VPC or subnet.
func networkEndpoint(spec, label string, cidrs []model.String) (*Endpoint, error) {
	var a flows.Addrs
	for _, c := range cidrs {
		v, ok := c.Get()
		if !ok {
			return nil, fmt.Errorf("%w: the CIDR of %s is unknown: %s", ErrUnknown, label, c.Reason())
		}
		if v == "" {
			continue
		}
		p, err := flows.ParseCIDR(v)
		if err != nil {
			return nil, fmt.Errorf("%w: the CIDR of %s: %w", ErrUnknown, label, err)
		}
		a = a.Union(p)
	}
	if a.IsEmpty() {
		return nil, fmt.Errorf("%w: %s has no CIDR in the input", ErrUnknown, label)
	}
	label += " (" + a.String() + ")"
	return &Endpoint{Spec: spec, Label: label, Members: []*Member{{Label: label, Peer: a}}}, nil
}

// instanceEndpoint is a CVM: the groups its bindings list, in order.
func instanceEndpoint(u *inspect.Unit, spec string, inst *model.Instance) *Endpoint {
	res := u.Compiler.Resolver()
	b := &topology.Binding{Ordered: true, At: inst.Resource.DeclRange}
	for _, ib := range inst.Bindings {
		refs, ok := ib.Groups.Get()
		if !ok {
			b.Unresolved = ib.Groups.Reason()
			if b.Unresolved == "" {
				b.Unresolved = ib.Field + " is unresolved"
			}
			break
		}
		for _, ref := range refs {
			sg := res.SecurityGroup(ref.Value())
			if sg == nil || !ref.Known() {
				// The type of the group in the input's format is the
				// parser's to say, and this one does not say it.
				sg = model.GroupKnownByID(ref, "")
				why := "the rules of sg " + ref.Value() + " are not in the input"
				sg.Ingress, sg.Egress = model.RuleList{Why: why, Ordered: true}, model.RuleList{Why: why, Ordered: true}
			}
			b.SGs = append(b.SGs, sg)
		}
		b.Ordered = b.Ordered && (ib.Ordered || len(refs) < 2)
		b.Field = inst.Resource.Address + "." + ib.Field
		if !ib.Groups.Range().IsZero() {
			b.At = ib.Groups.Range()
		}
	}
	b.Empty = len(b.SGs) == 0 && b.Unresolved == ""
	label := inst.Resource.Address
	m := &Member{Label: label, Peer: flows.Symbol(label), Side: &Side{Binding: b}, Groups: b.SGs}
	m.Bound, m.Unknown = instanceBound(u, inst)
	return &Endpoint{Spec: spec, Label: label, Members: []*Member{m}, Bound: true}
}

// instanceBound is what is known of an instance's addresses: its subnet's
// CIDR, else its VPC's; and says so.
func instanceBound(u *inspect.Unit, inst *model.Instance) (bound flows.Addrs, unknown string) {
	name := inst.Resource.Address
	if ref, ok := inst.Subnet.Get(); ok && ref != "" {
		for _, s := range u.Input.Subnets {
			if s.Resource.Address == ref || s.ID.Value() == ref {
				if a, err := flows.ParseCIDR(s.CIDR.Value()); err == nil && s.CIDR.Known() {
					return a, "the address of " + name + " is only known to lie in its subnet " + a.String()
				}
			}
		}
	}
	if ref, ok := inst.VPC.Get(); ok && ref != "" {
		for _, v := range u.Input.VPCs {
			if v.Resource.Address == ref || v.ID.Value() == ref {
				if a, err := flows.ParseCIDR(v.CIDR.Value()); err == nil && v.CIDR.Known() {
					return a, "the address of " + name + " is only known to lie in its VPC " + a.String()
				}
			}
		}
	}
	return flows.Addrs{}, "the address of " + name + " is not known: the input gives no CIDR of its subnet or VPC"
}

// at writes where r starts: main.tf:12.
func at(r model.Range) string {
	if r.Filename == "" {
		return "not in a file"
	}
	return fmt.Sprintf("%s:%d", r.Filename, r.Start.Line)
}

func describeGroup(sg *model.SecurityGroup) string {
	s := sg.Resource.Address
	if id := sg.ID.Value(); id != "" && id != s && sg.ID.Known() {
		s += " (" + id + ")"
	}
	return s + " at " + at(sg.Resource.DeclRange)
}

// maxListed is how many things of a kind an error lists.
const maxListed = 10

// listGroups says which groups the unit defines.
func listGroups(u *inspect.Unit) string {
	var defined []*model.SecurityGroup
	seen := map[string]int{}
	for _, sg := range u.Input.SecurityGroups {
		if sg.Defined {
			defined = append(defined, sg)
			seen[sg.DisplayName()]++
		}
	}
	var names []string
	for _, sg := range defined {
		if seen[sg.DisplayName()] > 1 {
			// Two groups of one name: the address tells them apart.
			names = append(names, sg.Resource.Address+" (sg "+sg.DisplayName()+")")
			continue
		}
		names = append(names, "sg:"+sg.DisplayName())
	}
	return "the security groups are " + listing(names)
}

// listClusters says which clusters the unit has.
func listClusters(u *inspect.Unit) string {
	var names []string
	for _, cl := range u.Clusters {
		names = append(names, "cluster:"+cl.Name)
	}
	return "the clusters are " + listing(names)
}

// listAll says what the unit holds that an endpoint can name.
func listAll(u *inspect.Unit) string {
	var names []string
	for _, inst := range u.Input.Instances {
		names = append(names, inst.Resource.Address)
	}
	return listClusters(u) + "; " + listGroups(u) + "; the instances are " + listing(names)
}

func listing(names []string) string {
	switch {
	case len(names) == 0:
		return "none"
	case len(names) > maxListed:
		return strings.Join(names[:maxListed], ", ") + fmt.Sprintf(" and %d more", len(names)-maxListed)
	}
	return strings.Join(names, ", ")
}
