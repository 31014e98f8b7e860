package flows

import (
	"cmp"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Shape is what one rule can match: one protocol or ALL, ports as a rule
// writes them (ALL, one port, a list of single ports, one range), and one
// peer (a CIDR, or an opaque set such as a security group).
type Shape struct {
	// Protos is one protocol bit, or AllProtos.
	Protos Protos
	// Ports are AllPorts for every protocol but TCP and UDP.
	Ports Ports
	// Prefix is the peer when it is concrete; Sym when it is opaque.
	Prefix netip.Prefix
	Sym    string
}

// Set returns the flows the shape matches.
func (s Shape) Set() Set {
	if s.Sym != "" {
		return NewSet(s.Protos, s.Ports, Symbol(s.Sym))
	}
	return NewSet(s.Protos, s.Ports, Prefix(s.Prefix))
}

// ProtocolText writes the protocol as a rule does: ALL, TCP, ICMPv6.
func (s Shape) ProtocolText() string { return s.Protos.String() }

// PortText writes the ports as a rule does: ALL, 53, 80,443, 30000-32768.
func (s Shape) PortText() string {
	if s.Ports.IsAll() {
		return "ALL"
	}
	if len(s.Ports) == 1 {
		return s.Ports.String()
	}
	var parts []string
	for _, iv := range s.Ports {
		for p := int(iv.Lo); p <= int(iv.Hi); p++ {
			parts = append(parts, strconv.Itoa(p))
		}
	}
	return strings.Join(parts, ",")
}

// String writes the shape as Rule.Text writes a rule, without the action:
// "TCP 53 from 172.16.0.0/16".
func (s Shape) String() string {
	peer := s.Sym
	if peer == "" {
		peer = s.Prefix.String()
	}
	if s.Ports.IsAll() {
		return s.ProtocolText() + " from " + peer
	}
	return s.ProtocolText() + " " + s.PortText() + " from " + peer
}

// maxListedPorts bounds a list of single ports in one rule; TKE's own
// master rule M4 lists ten.
const maxListedPorts = 16

// ErrNoCover says that no rules can match the flows needed without
// matching flows they must not.
var ErrNoCover = errors.New("no rules match exactly these flows")

// Cover returns few shapes whose union holds every flow of must and no
// flow outside may, beside the flows that cannot exist (ICMP with an IPv6
// peer, ICMPv6 with an IPv4 one). It works on intervals: it never
// enumerates ports or addresses. Each shape is chosen greedily around one
// flow that is still to cover: the protocol, the ports and the prefix that
// cover the most of must, and among those the narrowest. Shapes that the
// others make useless are then dropped. A flow of must outside may, or one
// that no shape can hold without leaving may (a protocol only ALL names,
// where ALL would take too much), is an error that wraps ErrNoCover.
func Cover(must, may Set) ([]Shape, error) {
	must = Possible(must)
	if out := must.Subtract(may); !out.IsEmpty() {
		w, _ := out.Witness()
		return nil, fmt.Errorf("%w: %s %s is needed and must not be", ErrNoCover, w, w.Peer())
	}
	may = may.Union(impossible())
	want := must
	var shapes []Shape
	for !must.IsEmpty() {
		s, ok := bestShape(must, may)
		if !ok {
			w, _ := must.Witness()
			return nil, fmt.Errorf("%w: only a rule of protocol ALL matches %s from %s, and it would match more", ErrNoCover, w, w.Peer())
		}
		shapes = append(shapes, s)
		must = must.Subtract(s.Set())
	}
	return prune(shapes, want), nil
}

// prune drops the shapes that the others make useless, last first.
func prune(shapes []Shape, want Set) []Shape {
	for i := len(shapes) - 1; i >= 0 && len(shapes) > 1; i-- {
		var rest Set
		for j, s := range shapes {
			if j != i {
				rest = rest.Union(s.Set())
			}
		}
		if rest.Contains(want) {
			shapes = slices.Delete(shapes, i, i+1)
		}
	}
	return shapes
}

// candidate is a shape with how much of must it holds and how much more.
type candidate struct {
	shape        Shape
	gain, excess float64
}

// better reports whether c beats d: more of must, then less beside it.
func (c candidate) better(d candidate) bool {
	const eps = 1e-9
	switch {
	case c.gain > d.gain*(1+eps):
		return true
	case d.gain > c.gain*(1+eps):
		return false
	}
	return c.excess < d.excess*(1-eps)
}

// bestShape returns the best shape around the first flow of must.
func bestShape(must, may Set) (Shape, bool) {
	b := must[0]
	p0 := b.Protos.First()
	var peer Addrs
	if len(b.Addrs.Ranges) > 0 {
		peer = Addrs{Ranges: []AddrRange{{b.Addrs.Ranges[0].Lo, b.Addrs.Ranges[0].Lo}}}
	} else {
		peer = Symbol(b.Addrs.Syms[0])
	}
	port0 := b.Ports[0].Lo
	var best candidate
	found := false
	protos := []Protos{AllProtos}
	if p0 != Other {
		protos = []Protos{p0, AllProtos}
	}
	for _, proto := range protos {
		for _, ports := range portChoices(proto, port0, peer, must, may) {
			c, ok := peerChoice(proto, ports, peer, must, may)
			if ok && (!found || c.better(best)) {
				best, found = c, true
			}
		}
	}
	return best.shape, found
}

// portChoices lists the port sets worth trying for proto around port0 at
// the point peer: ALL; the range around port0, as wide as may allows and
// as narrow as must needs; and the single ports of must there, listed.
func portChoices(proto Protos, port0 uint16, peer Addrs, must, may Set) []Ports {
	if proto&^PortProtos != 0 || proto == 0 {
		return []Ports{AllPorts()}
	}
	out := []Ports{AllPorts()}
	allowed := AllPorts().Subtract(NewSet(proto, AllPorts(), peer).Subtract(may).Ports())
	needed := must.Intersect(NewSet(proto, AllPorts(), peer)).Ports()
	for _, iv := range allowed {
		if iv.Lo <= port0 && port0 <= iv.Hi {
			hull := needed.Intersect(Ports{iv})
			if !hull.IsEmpty() {
				out = append(out, PortRange(hull[0].Lo, hull[len(hull)-1].Hi))
			}
			break
		}
	}
	var singles Ports
	count := 0
	for _, iv := range needed {
		n := int(iv.Hi) - int(iv.Lo) + 1
		if n > 4 || count+n > maxListedPorts {
			continue
		}
		singles = singles.Union(Ports{iv})
		count += n
	}
	if singles.Contains(port0) && len(singles) > 1 {
		out = append(out, singles)
	}
	return out
}

// peerChoice picks the prefix around the point peer (or the opaque set it
// is) for proto and ports: of the prefixes that stay within may, the
// narrowest that holds as much of must as the widest.
func peerChoice(proto Protos, ports Ports, peer Addrs, must, may Set) (candidate, bool) {
	eval := func(s Shape) (candidate, bool) {
		set := s.Set()
		if !set.Subtract(may).IsEmpty() {
			return candidate{}, false
		}
		gain := set.Intersect(must).Size()
		return candidate{shape: s, gain: gain, excess: set.Size() - gain}, gain > 0
	}
	if len(peer.Syms) > 0 {
		return eval(Shape{Protos: proto, Ports: ports, Sym: peer.Syms[0]})
	}
	addr := peer.Ranges[0].Lo
	var best candidate
	found := false
	for bits := 0; bits <= addr.BitLen(); bits++ {
		c, ok := eval(Shape{Protos: proto, Ports: ports, Prefix: netip.PrefixFrom(addr, bits).Masked()})
		if !ok {
			continue
		}
		if !found || c.gain >= best.gain*(1-1e-12) {
			best, found = c, true
		}
	}
	return best, found
}

// Ports returns the projection of s on the port dimension.
func (s Set) Ports() Ports {
	var p Ports
	for _, b := range s {
		p = p.Union(b.Ports)
	}
	return p
}

// SortShapes orders shapes as a reader expects them: by peer (addresses,
// then opaque sets), then protocol (TCP, UDP, …, ALL last), then ports.
func SortShapes(shapes []Shape) {
	slices.SortStableFunc(shapes, func(a, b Shape) int {
		return cmp.Or(
			cmp.Compare(a.Sym, b.Sym),
			a.Prefix.Addr().Compare(b.Prefix.Addr()),
			cmp.Compare(a.Prefix.Bits(), b.Prefix.Bits()),
			cmp.Compare(a.Protos, b.Protos),
			cmp.Compare(a.Ports[0].Lo, b.Ports[0].Lo),
		)
	})
}
