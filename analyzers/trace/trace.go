package trace

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Query is a traced flow: from an endpoint to another, over a service.
type Query struct {
	From, To *Endpoint
	Protos   flows.Protos
	Ports    flows.Ports
}

// Result is what happens to a query: one path per pair of members.
type Result struct {
	Query
	Paths []*Path
	// Verdict is the worst verdict of every part (Verdict.Worse).
	Verdict flows.Verdict
}

// Path is the flow from one member of the source to one of the
// destination.
type Path struct {
	From, To *Member
	// Egress is the crossing of the source's rules, nil when the input
	// binds no group to the source; Ingress the destination's.
	Egress, Ingress *Crossing
	// Parts split the flow by verdict: each part is decided by the same
	// rules in each direction.
	Parts []*Part
}

// Crossing is the flow crossing the rules of one side in one direction.
type Crossing struct {
	Direction model.Direction
	// Subject names the side: "the nodes of cluster prod".
	Subject string
	Side    *Side
	// List is the rule list the checks evaluate there.
	List flows.List
	Env  *flows.Env
}

// Part is a piece of the flow that gets one verdict, with the decision in
// each direction crossed.
type Part struct {
	Verdict flows.Verdict
	// Flows are the flows of the part: a union of quads.
	Flows []Quad
	// Witness is one flow of the part.
	Witness Witness
	// Egress and Ingress are the decisions of the directions crossed
	// (nil for a direction not crossed).
	Egress, Ingress *Decision
}

// Quad is a box of flows with both ends: a service, sources and
// destinations.
type Quad struct {
	Protos   flows.Protos
	Ports    flows.Ports
	From, To flows.Addrs
}

// Witness is one concrete flow.
type Witness struct {
	Proto flows.Protos
	// Port is 0 for protocols without ports.
	Port     uint16
	From, To string
}

// String writes the witness: "TCP 443 from 10.0.0.5 to 10.1.0.9".
func (w Witness) String() string {
	f := flows.Flow{Proto: w.Proto, Port: w.Port}
	return fmt.Sprintf("%s from %s to %s", f, w.From, w.To)
}

// Decision is how one direction decides a part.
type Decision struct {
	Verdict flows.Verdict
	// Rule decides the part; nil when no rule matches.
	Rule *flows.Rule
	// Causes are the earlier rules that may match, Reasons what is missing
	// (for an undecided verdict).
	Causes  []*flows.Rule
	Reasons []string
	// MemberAccepts are earlier ACCEPTs of groups the peer may be a member
	// of (inspect.MemberAccepts).
	MemberAccepts []*flows.Rule
	// Steps are the rules evaluated for the witness, in order, down to the
	// one that decides it.
	Steps []Step
}

// Step is one rule evaluated for a witness.
type Step struct {
	Rule  *flows.Rule
	Match Match
}

// Match is how a rule matches a witness.
type Match uint8

// The matches of a step.
const (
	NoMatch Match = iota
	MayMatch
	Matches
	// Invalid rules match nothing: Tencent Cloud refuses them.
	Invalid
)

func (m Match) String() string {
	switch m {
	case MayMatch:
		return "may match"
	case Matches:
		return "matches"
	case Invalid:
		return "invalid, matches nothing"
	case NoMatch:
	}
	return "does not match"
}

// Worse returns the worse of two verdicts: dropped over undecided over
// accepted. A flow of several parts is as bad as its worst part.
func Worse(a, b flows.Verdict) flows.Verdict {
	rank := func(v flows.Verdict) int {
		switch v {
		case flows.Dropped:
			return 2
		case flows.Unknown:
			return 1
		case flows.Accepted:
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// Run traces q in unit u.
func Run(u *inspect.Unit, q Query) (*Result, error) {
	res := &Result{Query: q, Verdict: flows.Accepted}
	for _, from := range q.From.Members {
		for _, to := range q.To.Members {
			if from.Side == nil && to.Side == nil {
				return nil, Unbound(q.From, q.To)
			}
			p := tracePath(u, q, from, to)
			for _, part := range p.Parts {
				res.Verdict = Worse(res.Verdict, part.Verdict)
			}
			res.Paths = append(res.Paths, p)
		}
	}
	if !slices.ContainsFunc(res.Paths, func(p *Path) bool { return len(p.Parts) > 0 }) {
		return nil, fmt.Errorf("%w: no %s flow goes from %s to %s: ICMP is IPv4 only, ICMPv6 IPv6 only, and both ends of a flow are of one family", ErrNoFlow, q.Protos, q.From.Label, q.To.Label)
	}
	return res, nil
}

// ErrNoFlow is returned for a query no flow can satisfy: ICMPv6 from an
// IPv4 address, say.
var ErrNoFlow = errors.New("nothing to trace")

// Unbound is the error for two ends neither of which the input binds
// groups to.
func Unbound(from, to *Endpoint) error {
	const how = "name a security group (sg:NAME), a cluster's nodes or masters (cluster:NAME/nodes) or an instance on one side"
	if from.Label == to.Label {
		return fmt.Errorf("%w: %s is bound to no security group in the input: %s", ErrUnknown, from.Label, how)
	}
	return fmt.Errorf("%w: neither %s nor %s is bound to security groups in the input: %s", ErrUnknown, from.Label, to.Label, how)
}

// half is one direction evaluated: the parts over (service, peer).
type half struct {
	crossing *Crossing
	parts    []flows.Part
	// list and env are what was evaluated: the crossing's, with the
	// peer member's own set added (withMember).
	list flows.List
	env  *flows.Env
	// orig maps the rules of the evaluated list (copies that also match
	// the other side's members) back to the rules of the input.
	orig map[*flows.Rule]*flows.Rule
	// peer is the member on the other side.
	peer *Member
}

func tracePath(u *inspect.Unit, q Query, from, to *Member) *Path {
	p := &Path{From: from, To: to}
	var eg, in *half
	if from.Side != nil {
		eg = evaluate(u, model.Egress, from, to, q)
		p.Egress = eg.crossing
	}
	if to.Side != nil {
		in = evaluate(u, model.Ingress, to, from, q)
		p.Ingress = in.crossing
	}
	p.Parts = join(eg, in, from, to)
	return p
}

// evaluate evaluates direction d at side's member over the peer member.
func evaluate(u *inspect.Unit, d model.Direction, side, peer *Member, q Query) *half {
	s := side.Side
	l := requirements.ListOf(u.Compiler, s.Binding, d)
	env := withNodeBounds(u, requirements.Env(s.Cluster, u.Compiler))
	h := &half{
		crossing: &Crossing{Direction: d, Subject: side.Label, Side: s, List: l, Env: env},
		orig:     map[*flows.Rule]*flows.Rule{},
	}
	evalList := l
	if len(peer.Groups) > 0 {
		evalList = withMember(u, l, peer, h.orig)
	}
	evalEnv := peerEnv(env, peer)
	h.list, h.env, h.peer = evalList, evalEnv, peer
	query := flows.Possible(flows.NewSet(q.Protos, q.Ports, peer.Peer))
	for _, part := range evalList.Evaluate(query, evalEnv) {
		part.Rule = h.original(part.Rule)
		for i, c := range part.Causes {
			part.Causes[i] = h.original(c)
		}
		h.parts = append(h.parts, part)
	}
	return h
}

func (h *half) original(r *flows.Rule) *flows.Rule {
	if o, ok := h.orig[r]; ok {
		return o
	}
	return r
}

// withMember returns l with the rules that name a group of member m also
// naming m's own set: m's CVMs are members of every group bound to them,
// which one symbol cannot say.
func withMember(u *inspect.Unit, l flows.List, m *Member, orig map[*flows.Rule]*flows.Rule) flows.List {
	res := u.Compiler.Resolver()
	var syms []string
	for _, sg := range m.Groups {
		syms = append(syms, res.GroupSymbol(sg.Resource.Address))
	}
	own := m.Peer.Syms[0]
	out := make(flows.List, len(l))
	for i, seg := range l {
		out[i] = seg
		out[i].Rules = make([]*flows.Rule, len(seg.Rules))
		for j, r := range seg.Rules {
			out[i].Rules[j] = r
			if slices.ContainsFunc(syms, r.Peer.HasSym) {
				cp := *r
				cp.Peer = r.Peer.Union(flows.Symbol(own))
				out[i].Rules[j] = &cp
				orig[&cp] = r
			}
		}
	}
	return out
}

// withNodeBounds returns env with the members of every cluster's node groups
// bounded by that cluster's network when it is known, whichever side's rules
// are evaluated: a CVM outside the network, or an address outside it, cannot
// be a member (docs/design.md#three-valued-answers).
func withNodeBounds(u *inspect.Unit, env *flows.Env) *flows.Env {
	bounds := map[string]flows.Addrs{}
	unbounded := map[string]bool{}
	for _, cl := range u.Clusters {
		known := cl.ClusterNet.Known() && len(cl.ClusterNet.Missing) == 0
		for _, sg := range cl.NodeGroups() {
			sym := u.Compiler.Resolver().GroupSymbol(sg.Resource.Address)
			if !known {
				unbounded[sym] = true
				continue
			}
			bounds[sym] = bounds[sym].Union(cl.ClusterNet.Addrs)
		}
	}
	e := *env
	e.Bounds = maps.Clone(env.Bounds)
	if e.Bounds == nil {
		e.Bounds = map[string]flows.Addrs{}
	}
	for sym, b := range bounds {
		if _, ok := e.Bounds[sym]; !ok && !unbounded[sym] {
			e.Bounds[sym] = b
		}
	}
	return &e
}

// peerEnv returns env with what is known of the opaque sets of member m:
// its bound, and that a rule whose peer only overlaps it may match them
// (inspect.OpaqueEnv).
func peerEnv(env *flows.Env, m *Member) *flows.Env {
	if len(m.Peer.Syms) == 0 {
		return env
	}
	e := inspect.OpaqueEnv(env, m.Peer.Syms)
	if !m.Bound.IsEmpty() {
		e.Bounds = maps.Clone(env.Bounds)
		if e.Bounds == nil {
			e.Bounds = map[string]flows.Addrs{}
		}
		e.Bounds[m.Peer.Syms[0]] = m.Bound
	}
	return e
}
