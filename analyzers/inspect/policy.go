package inspect

import (
	"maps"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Policy is the effective policy of one rule list in one direction: the
// regions of the flow space, each with the rule that decides it.
type Policy struct {
	// Subject names what the list belongs to: "sg web", "the nodes of
	// cluster prod".
	Subject string
	// Cluster and Binding are set for the groups bound to some CVMs of a
	// cluster (the bound lists concatenated); nil for a group on its own.
	Cluster   *topology.Cluster
	Binding   *topology.Binding
	Groups    []*model.SecurityGroup
	Direction model.Direction
	List      flows.List
	Env       *flows.Env
	Regions   []*Region
}

// Region is a region of a policy with what strict evaluation leaves out.
type Region struct {
	flows.Region
	// MemberAccepts are the earlier ACCEPT rules whose peer is a group (or a
	// template) that a concrete peer of the region may belong to: the checks
	// count an ACCEPT of a group only for that group's own members
	// (docs/design.md#three-valued-answers), so an address that is a member
	// would be accepted by one of these instead.
	MemberAccepts []*flows.Rule
}

// GroupPolicies returns the effective policy of every security group the
// unit defines, on its own, ingress then egress.
func (u *Unit) GroupPolicies() []*Policy {
	return evaluated(u.PendingGroupPolicies())
}

// BindingPolicies returns, for every cluster, the effective policy of the
// groups bound to each node and master group, ingress then egress.
func (u *Unit) BindingPolicies() []*Policy {
	return evaluated(u.PendingBindingPolicies())
}

// PendingGroupPolicies returns the policies of GroupPolicies without their
// regions, which Evaluate computes: a caller that writes many policies
// evaluates each when it writes it (or on another core, or not at all when
// it has one with the same rules), and keeps none.
func (u *Unit) PendingGroupPolicies() []*Policy {
	var out []*Policy
	for _, sg := range u.Input.SecurityGroups {
		if !sg.Defined {
			continue
		}
		env := requirements.Env(u.ClusterOfGroup(sg), u.Compiler)
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			l := flows.List{u.Compiler.Segment(sg, d)}
			if !l[0].Complete && l[0].Why == "" {
				l[0].Why = "the rules of sg " + sg.DisplayName() + " are not all in the input"
			}
			out = append(out, pendingPolicy("sg "+sg.DisplayName(), nil, nil, []*model.SecurityGroup{sg}, d, l, env))
		}
	}
	return out
}

// PendingBindingPolicies returns the policies of BindingPolicies without
// their regions (see PendingGroupPolicies).
func (u *Unit) PendingBindingPolicies() []*Policy {
	var out []*Policy
	for _, cl := range u.Clusters {
		env := requirements.Env(cl, u.Compiler)
		for _, b := range slices.Concat(cl.Nodes, cl.Masters) {
			for _, d := range []model.Direction{model.Ingress, model.Egress} {
				l := requirements.ListOf(u.Compiler, b, d)
				out = append(out, pendingPolicy(BindingSubject(cl, b), cl, b, b.SGs, d, l, env))
			}
		}
	}
	return out
}

func evaluated(ps []*Policy) []*Policy {
	for _, p := range ps {
		p.Evaluate()
	}
	return ps
}

func pendingPolicy(subject string, cl *topology.Cluster, b *topology.Binding, sgs []*model.SecurityGroup, d model.Direction, l flows.List, env *flows.Env) *Policy {
	return &Policy{Subject: subject, Cluster: cl, Binding: b, Groups: sgs, Direction: d, List: l, Env: OpaqueEnv(env, l.Symbols())}
}

// Evaluate computes the regions of p, once.
func (p *Policy) Evaluate() {
	if p.Regions != nil {
		return
	}
	p.Regions = []*Region{}
	for _, r := range p.List.Regions(flows.Universe(p.List.Symbols()...), p.Env) {
		reg := &Region{Region: r}
		if r.Verdict != flows.Accepted {
			reg.MemberAccepts = MemberAccepts(p.List, r.Rule, r.Flows, p.Env)
		}
		p.Regions = append(p.Regions, reg)
	}
}

// OpaqueEnv returns env where the opaque sets syms, as peers of a flow, are
// matched by what is known of them: a rule whose CIDR covers their bound
// matches them, one that only overlaps it may match them (ACCEPT or DROP),
// since every set lies inside the world and an unknown address makes a
// rule's match unknown (docs/design.md#three-valued-answers). The checks
// need no such flows; trace and show evaluate them.
func OpaqueEnv(env *flows.Env, syms []string) *flows.Env {
	if len(syms) == 0 {
		return env
	}
	e := *env
	e.Loose = maps.Clone(env.Loose)
	if e.Loose == nil {
		e.Loose = map[string]bool{}
	}
	for _, s := range syms {
		e.Loose[s] = true
	}
	return &e
}

// ClusterOfGroup returns the only cluster whose nodes or masters sg is
// bound to, so that its members are bounded by that cluster's network;
// nil when there is none or several.
func (u *Unit) ClusterOfGroup(sg *model.SecurityGroup) *topology.Cluster {
	var found *topology.Cluster
	for _, cl := range u.Clusters {
		for _, b := range slices.Concat(cl.Nodes, cl.Masters) {
			if slices.Contains(b.SGs, sg) {
				if found != nil && found != cl {
					return nil
				}
				found = cl
			}
		}
	}
	return found
}

// MemberAccepts returns the ACCEPT rules of l before upTo (nil: every rule)
// whose opaque peer may hold a concrete peer of s: strict evaluation, as the
// checks do it, does not count them for addresses, but an address that is
// a member of that group would be accepted there.
func MemberAccepts(l flows.List, upTo *flows.Rule, s flows.Set, env *flows.Env) []*flows.Rule {
	if env == nil || !env.StrictAccept {
		return nil
	}
	var concrete flows.Set
	for _, b := range s {
		if c := b.Addrs.Concrete(); !c.IsEmpty() {
			concrete = append(concrete, flows.Box{Protos: b.Protos, Ports: b.Ports, Addrs: c})
		}
	}
	if concrete.IsEmpty() {
		return nil
	}
	loose := &flows.Env{Bounds: env.Bounds, Loose: env.Loose}
	var out []*flows.Rule
	for _, seg := range l {
		for _, r := range seg.Rules {
			if r == upTo {
				return out
			}
			if r.Actions != flows.Accept || len(r.Peer.Syms) == 0 {
				continue
			}
			if _, maybe := r.MatchSet(concrete, loose); !maybe.IsEmpty() {
				out = append(out, r)
			}
		}
	}
	return out
}

// BindingSubject names the CVMs of binding b of cl: "the nodes of cluster
// prod", with the node groups when the cluster binds several lists.
func BindingSubject(cl *topology.Cluster, b *topology.Binding) string {
	s := "the " + b.Role.String() + " of cluster " + cl.Name
	if len(cl.Bindings(b.Role)) > 1 {
		s += " in " + GroupsOf(b)
	}
	return s
}

// GroupsOf names the node groups of a binding: their resource addresses,
// or the field that binds the groups when no node group is known.
func GroupsOf(b *topology.Binding) string {
	var names []string
	for _, g := range b.Groups {
		names = append(names, g.Resource.Address)
	}
	if len(names) == 0 {
		return b.Field
	}
	return strings.Join(names, ", ")
}
