package flows

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Box is the product of a protocol set, a port set and an address set. Ports
// only narrow TCP and UDP: a box whose ports are not ALL holds no other
// protocol (every operation keeps that invariant).
type Box struct {
	Protos Protos
	Ports  Ports
	Addrs  Addrs
}

// IsEmpty reports whether b holds no flow.
func (b Box) IsEmpty() bool { return b.Protos == 0 || b.Ports.IsEmpty() || b.Addrs.IsEmpty() }

// Intersect returns b ∩ c.
func (b Box) Intersect(c Box) Box {
	return Box{b.Protos & c.Protos, b.Ports.Intersect(c.Ports), b.Addrs.Intersect(c.Addrs)}
}

// overlaps reports whether b ∩ c holds a flow, without building it.
func (b Box) overlaps(c Box) bool {
	return b.Protos&c.Protos != 0 && b.Ports.overlaps(c.Ports) && b.Addrs.overlaps(c.Addrs)
}

// appendCut appends b − c, at most three disjoint boxes, to out, for a box
// c that overlaps b (a box c does not touch is b itself).
func (b Box) appendCut(out []Box, c Box) []Box {
	protos := b.Protos & c.Protos
	if p := b.Protos &^ c.Protos; p != 0 {
		out = append(out, Box{p, b.Ports, b.Addrs})
	}
	if ports := b.Ports.Subtract(c.Ports); !ports.IsEmpty() {
		out = append(out, Box{protos, ports, b.Addrs})
	}
	// The ports' intersection is built only for the third box, and the
	// addresses' never: the boxes are those of b ∩ c's dimensions.
	if addrs := b.Addrs.Subtract(c.Addrs); !addrs.IsEmpty() {
		out = append(out, Box{protos, b.Ports.Intersect(c.Ports), addrs})
	}
	return out
}

// Set is a set of flows: a union of disjoint boxes.
type Set []Box

// NewSet returns the set of one box (empty if the box is).
func NewSet(p Protos, ports Ports, addrs Addrs) Set {
	b := Box{p, ports, addrs}
	if b.IsEmpty() {
		return nil
	}
	return Set{b}
}

// Universe returns every flow over every concrete address and the symbols
// syms, less the flows that cannot exist.
func Universe(syms ...string) Set {
	a := World()
	for _, s := range syms {
		a = a.Union(Symbol(s))
	}
	return Possible(NewSet(AllProtos, AllPorts(), a))
}

// Possible returns s without the flows that cannot exist: ICMPv6 from or to
// an IPv4 address, ICMP with an IPv6 one. "All traffic" requirements and
// witnesses must never ask for them.
func Possible(s Set) Set { return s.Subtract(impossible()) }

// impossible returns the flows that cannot exist: ICMPv6 with an IPv4 peer,
// ICMP with an IPv6 one.
func impossible() Set {
	return NewSet(ICMPv6, AllPorts(), World4()).Union(NewSet(ICMP, AllPorts(), World6()))
}

// IsEmpty reports whether s holds no flow.
func (s Set) IsEmpty() bool { return len(s) == 0 }

// Intersect returns s ∩ t.
func (s Set) Intersect(t Set) Set {
	var out Set
	for _, a := range s {
		for _, b := range t {
			if !a.overlaps(b) {
				continue
			}
			if i := a.Intersect(b); !i.IsEmpty() {
				out = append(out, i)
			}
		}
	}
	return out.compactOwned()
}

// IntersectBox returns s ∩ b.
func (s Set) IntersectBox(b Box) Set { return s.Intersect(Set{b}) }

// Subtract returns s − t, a set of its own (never s's boxes' slice). A box
// of t that touches none of the boxes left costs no allocation: most of
// the rules a flow set is cut by miss most of it.
func (s Set) Subtract(t Set) Set { return s.subtract(t, false) }

// subtract is Subtract; compact says that s is compact already (what
// compaction returns), which spares merging the boxes no box of t cuts
// with one another: only the pieces cut from them can merge.
func (s Set) subtract(t Set, compact bool) Set {
	if len(t) > 0 && len(s) == 0 {
		return nil
	}
	cur, fresh := s.cut(t)
	switch {
	case len(cur) == 0 && fresh != nil:
		return nil
	case fresh == nil && compact && len(s) > 1:
		return slices.Clone(s)
	case fresh == nil:
		return s.compact()
	case !compact:
		return cur.compactOwned()
	}
	out, _ := cur.compactFresh(fresh)
	return out
}

// cut returns s less every box of t, not compacted, and which of its boxes
// are pieces cut from s's; both nil when t touches no box of s (s is then
// the difference). A box of t that touches none of the boxes left costs no
// allocation: most of the rules a flow set is cut by miss most of it.
func (s Set) cut(t Set) (cur Set, fresh []bool) {
	cur = s
	for _, b := range t {
		hit := slices.IndexFunc(cur, b.overlaps)
		if hit < 0 {
			continue
		}
		next := append(make(Set, 0, len(cur)+2), cur[:hit]...)
		nextFresh := make([]bool, hit, len(cur)+2)
		copy(nextFresh, fresh)
		for i, a := range cur[hit:] {
			if !a.overlaps(b) {
				next = append(next, a)
				nextFresh = append(nextFresh, len(fresh) > hit+i && fresh[hit+i])
				continue
			}
			n := len(next)
			next = a.appendCut(next, b)
			for range len(next) - n {
				nextFresh = append(nextFresh, true)
			}
		}
		cur, fresh = next, nextFresh
		if len(cur) == 0 {
			break
		}
	}
	return cur, fresh
}

// Union returns s ∪ t.
func (s Set) Union(t Set) Set {
	return append(append(Set(nil), s...), t.Subtract(s)...).compactOwned()
}

// Contains reports whether t ⊆ s.
func (s Set) Contains(t Set) bool { return t.Subtract(s).IsEmpty() }

// Size returns the number of flows in s, counting ports only for TCP and
// UDP and each opaque symbol as one address. It is a float64 because IPv6
// spaces overflow every integer type; it is used to compare shares.
func (s Set) Size() float64 {
	total := 0.0
	for _, b := range s {
		addrs := float64(len(b.Addrs.Syms))
		for _, r := range b.Addrs.Ranges {
			addrs += rangeSize(r)
		}
		ports := 0.0
		for _, iv := range b.Ports {
			ports += float64(iv.Hi) - float64(iv.Lo) + 1
		}
		perAddr := float64((b.Protos &^ PortProtos).Count()) + float64((b.Protos&PortProtos).Count())*ports
		total += perAddr * addrs
	}
	return total
}

func rangeSize(r AddrRange) float64 {
	lo, hi := r.Lo.As16(), r.Hi.As16()
	size := 0.0
	for i := range lo {
		size = size*256 + float64(hi[i]) - float64(lo[i])
	}
	return size + 1
}

// Addrs returns the projection of s on the peer dimension.
func (s Set) Addrs() Addrs {
	var a Addrs
	for _, b := range s {
		a = a.Union(b.Addrs)
	}
	return a
}

// compact merges boxes that differ in one dimension only, which keeps sets
// small as rules cut them. Boxes stay disjoint.
func (s Set) compact() Set {
	if len(s) < 2 {
		return s
	}
	return append(Set(nil), s...).compactOwned()
}

// compactOwned is compact for a slice no other set shares: it merges in
// place.
func (s Set) compactOwned() Set {
	out, _ := s.compactFresh(nil)
	return out
}

// mergeBoxes unites two disjoint boxes when the union is a box.
func mergeBoxes(a, b Box) (Box, bool) {
	samePorts := a.Ports.Equal(b.Ports)
	sameAddrs := a.Addrs.Equal(b.Addrs)
	switch {
	case samePorts && sameAddrs:
		return Box{a.Protos | b.Protos, a.Ports, a.Addrs}, true
	case a.Protos == b.Protos && sameAddrs:
		return Box{a.Protos, a.Ports.Union(b.Ports), a.Addrs}, true
	case a.Protos == b.Protos && samePorts:
		return Box{a.Protos, a.Ports, a.Addrs.Union(b.Addrs)}, true
	}
	return Box{}, false
}

// joinCompact returns the compaction of a's boxes then b's, in a slice of
// its own; compact says that a and b are each compact already, so that
// only the boxes of the smaller need merging.
func joinCompact(a, b Set, compact bool) Set {
	out := slices.Concat(a, b)
	if !compact {
		return out.compactOwned()
	}
	fresh := make([]bool, len(out))
	if len(a) <= len(b) {
		for i := range a {
			fresh[i] = true
		}
	} else {
		for i := len(a); i < len(out); i++ {
			fresh[i] = true
		}
	}
	out, _ = out.compactFresh(fresh)
	return out
}

// String formats s for tests and debugging.
func (s Set) String() string {
	if len(s) == 0 {
		return "∅"
	}
	parts := make([]string, len(s))
	for i, b := range s {
		parts[i] = fmt.Sprintf("%s %s %s", b.Protos, b.Ports, b.Addrs)
	}
	return strings.Join(parts, " | ")
}

// Flow is one concrete flow, used as a witness.
type Flow struct {
	Proto Protos
	// Port is 0 for protocols without ports.
	Port uint16
	// Addr is the peer address; invalid when the peer is a symbol.
	Addr netip.Addr
	// Sym is the opaque peer, when the peer is not a concrete address.
	Sym string
}

// String formats the flow's protocol and port as messages name them,
// "TCP 22". It leaves the peer out: messages put their own word before it
// ("TCP 22 from 203.0.113.7", "UDP 53 to ..."), and Peer formats it.
func (f Flow) String() string {
	if f.Proto == Other {
		// A concrete protocol that no rule but ALL can name.
		return "SCTP (a protocol only ALL rules match)"
	}
	var b strings.Builder
	b.WriteString(f.Proto.String())
	if f.Port != 0 {
		fmt.Fprintf(&b, " %d", f.Port)
	}
	return b.String()
}

// Peer formats the flow's peer.
func (f Flow) Peer() string {
	if f.Addr.IsValid() {
		return f.Addr.String()
	}
	return f.Sym
}

// Witness returns one flow of s, chosen to look like real traffic: TCP before
// UDP before the rest, the lowest port, and an address that is not a network
// address where possible (a documentation address when the set spans most of
// the internet). It reports false when s is empty.
func (s Set) Witness() (Flow, bool) {
	if len(s) == 0 {
		return Flow{}, false
	}
	best := s[0]
	for _, b := range s[1:] {
		if b.Protos.First() < best.Protos.First() {
			best = b
		}
	}
	f := Flow{Proto: best.Protos.First()}
	if f.Proto&PortProtos != 0 {
		f.Port = pickPort(f.Proto, best.Ports)
	}
	if len(best.Addrs.Ranges) > 0 {
		f.Addr = pickAddr(best.Addrs.Ranges)
	} else {
		f.Sym = best.Addrs.Syms[0]
	}
	return f, true
}

// pickPort prefers a port that reads as real traffic (HTTP, DNS, kubelet,
// a NodePort) over the lowest one, which for "all ports" would be port 1.
func pickPort(p Protos, ports Ports) uint16 {
	common := []uint16{80, 443, 10250, 30000, 22}
	if p == UDP {
		common = []uint16{53, 30000}
	}
	for _, c := range common {
		if ports.Contains(c) {
			return c
		}
	}
	return ports[0].Lo
}

// docAddrs are documentation addresses (RFC 5737, RFC 3849), used as
// witnesses from "the internet" because they read as examples.
func docAddrs() []netip.Addr {
	return []netip.Addr{netip.AddrFrom4([4]byte{203, 0, 113, 7}), netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: 7})}
}

func pickAddr(ranges []AddrRange) netip.Addr {
	for _, doc := range docAddrs() {
		for _, r := range ranges {
			if r.Lo.Compare(doc) <= 0 && doc.Compare(r.Hi) <= 0 && spansMany(r) {
				return doc
			}
		}
	}
	r := ranges[0]
	if next := r.Lo.Next(); r.Lo != r.Hi && next.IsValid() {
		return next
	}
	return r.Lo
}

// spansMany reports whether r holds more than a /8 (IPv4) or a /32 (IPv6).
func spansMany(r AddrRange) bool {
	lo, hi := r.Lo.As16(), r.Hi.As16()
	if r.Lo.Is4() {
		return binary.BigEndian.Uint32(hi[12:])-binary.BigEndian.Uint32(lo[12:]) >= 1<<24
	}
	return binary.BigEndian.Uint64(hi[:8])-binary.BigEndian.Uint64(lo[:8]) >= 1<<32
}
