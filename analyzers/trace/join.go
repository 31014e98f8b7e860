package trace

import (
	"cmp"
	"net/netip"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// join combines the parts of the directions crossed into parts of the
// whole flow: a flow crosses egress at the source, over its service and
// destination, and ingress at the destination, over its service and
// source; a part is a pair of parts that share a service.
func join(eg, in *half, from, to *Member) []*Part {
	type pair struct{ e, i int }
	var order []pair
	quads := map[pair][]Quad{}
	add := func(k pair, qs []Quad) {
		if len(qs) == 0 {
			return
		}
		if _, ok := quads[k]; !ok {
			order = append(order, k)
		}
		quads[k] = append(quads[k], qs...)
	}
	switch {
	case eg == nil:
		for i, p := range in.parts {
			for _, b := range p.Flows {
				add(pair{-1, i}, possible(Quad{b.Protos, b.Ports, b.Addrs, to.Peer}))
			}
		}
	case in == nil:
		for e, p := range eg.parts {
			for _, b := range p.Flows {
				add(pair{e, -1}, possible(Quad{b.Protos, b.Ports, from.Peer, b.Addrs}))
			}
		}
	default:
		for e, pe := range eg.parts {
			for i, pi := range in.parts {
				for _, be := range pe.Flows {
					for _, bi := range pi.Flows {
						add(pair{e, i}, possible(Quad{be.Protos & bi.Protos, be.Ports.Intersect(bi.Ports), bi.Addrs, be.Addrs}))
					}
				}
			}
		}
	}
	var out []*Part
	for _, k := range order {
		qs := quads[k]
		slices.SortStableFunc(qs, func(a, b Quad) int { return cmp.Compare(a.Protos.First(), b.Protos.First()) })
		part := &Part{Flows: qs, Witness: witness(qs[0]), Verdict: flows.Accepted}
		if k.e >= 0 {
			part.Egress = eg.decide(eg.parts[k.e], part.Witness)
			part.Verdict = Worse(part.Verdict, part.Egress.Verdict)
		}
		if k.i >= 0 {
			part.Ingress = in.decide(in.parts[k.i], part.Witness)
			part.Verdict = Worse(part.Verdict, part.Ingress.Verdict)
		}
		out = append(out, part)
	}
	return out
}

// possible returns the flows of q that can exist: both ends of one address
// family (an opaque set may be of either), ICMP over IPv4 only and ICMPv6
// over IPv6 only.
func possible(q Quad) []Quad {
	if q.Protos == 0 || q.Ports.IsEmpty() || q.From.IsEmpty() || q.To.IsEmpty() {
		return nil
	}
	w4, w6 := flows.World4(), flows.World6()
	var out []Quad
	keep := func(p flows.Protos, from, to flows.Addrs) {
		if p != 0 && !from.IsEmpty() && !to.IsEmpty() {
			out = append(out, Quad{p, q.Ports, from, to})
		}
	}
	fromSyms, toSyms := flows.Addrs{Syms: q.From.Syms}, flows.Addrs{Syms: q.To.Syms}
	keep(q.Protos&^flows.ICMPv6, q.From.Concrete().Intersect(w4), q.To.Concrete().Intersect(w4))
	keep(q.Protos&^flows.ICMP, q.From.Concrete().Intersect(w6), q.To.Concrete().Intersect(w6))
	keep(q.Protos, fromSyms, q.To)
	keep(q.Protos, q.From.Concrete(), toSyms)
	return out
}

// witness picks one flow of q.
func witness(q Quad) Witness {
	f, _ := flows.NewSet(q.Protos, q.Ports, q.From).Witness()
	ports := flows.AllPorts()
	if f.Port != 0 {
		ports = flows.PortRange(f.Port, f.Port)
	}
	to := q.To
	if f.Addr.IsValid() {
		// The same family at both ends.
		fam := flows.World4()
		if f.Addr.Is6() {
			fam = flows.World6()
		}
		to = flows.Addrs{Ranges: to.Intersect(fam).Ranges, Syms: to.Syms}
	}
	t, _ := flows.NewSet(f.Proto, ports, to).Witness()
	return Witness{Proto: f.Proto, Port: f.Port, From: f.Peer(), To: t.Peer()}
}

// decide says how h decides part p, and walks the witness w through h's
// rules.
func (h *half) decide(p flows.Part, w Witness) *Decision {
	d := &Decision{Verdict: p.Verdict, Rule: p.Rule, Causes: p.Causes, Reasons: p.Reasons}
	if p.Verdict == flows.Unknown && h.peer.Unknown != "" && slices.ContainsFunc(p.Causes, (*flows.Rule).Certain) {
		// A rule with known values and an address peer may match: the
		// peer's own addresses are what is missing.
		d.Reasons = append(slices.Clip(d.Reasons), h.peer.Unknown)
	}
	if p.Verdict != flows.Accepted {
		d.MemberAccepts = inspect.MemberAccepts(h.crossing.List, p.Rule, p.Flows, h.crossing.Env)
	}
	peer := w.From
	if h.crossing.Direction == model.Egress { // the peer is the destination
		peer = w.To
	}
	probe := probeSet(w.Proto, w.Port, peer)
	for _, seg := range h.list {
		decided := false
		for _, r := range seg.Rules {
			st := Step{Rule: h.original(r)}
			switch certain, maybe := r.MatchSet(probe, h.env); {
			case !r.Valid():
				st.Match = Invalid
			case !certain.IsEmpty():
				st.Match = Matches
			case !maybe.IsEmpty():
				st.Match = MayMatch
			}
			d.Steps = append(d.Steps, st)
			if st.Match == Matches {
				decided = true
				if seg.Ordered {
					return d
				}
			}
		}
		if decided {
			return d
		}
	}
	return d
}

// probeSet is the one flow (proto, port, peer) as a set.
func probeSet(proto flows.Protos, port uint16, peer string) flows.Set {
	ports := flows.AllPorts()
	if port != 0 {
		ports = flows.PortRange(port, port)
	}
	if a, err := netip.ParseAddr(peer); err == nil {
		addrs, _ := flows.ParseCIDR(a.String())
		return flows.NewSet(proto, ports, addrs)
	}
	return flows.NewSet(proto, ports, flows.Symbol(peer))
}
