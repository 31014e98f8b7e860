package flows

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
	"slices"
)

// AddrRange is a closed range of addresses of one family.
type AddrRange struct{ Lo, Hi netip.Addr }

// Addrs is a set of peers: concrete IPv4 and IPv6 addresses, as sorted,
// disjoint, non-adjacent ranges (IPv4 before IPv6), plus opaque symbols (a
// security group, a template whose members are unknown), sorted.
//
// A symbol is an atom of its own: it is neither inside nor outside any CIDR.
// What is known about its members is its bound, which the evaluation Env
// supplies.
type Addrs struct {
	Ranges []AddrRange
	Syms   []string
}

func world4Range() AddrRange {
	return AddrRange{netip.AddrFrom4([4]byte{}), netip.AddrFrom4([4]byte{255, 255, 255, 255})}
}

func world6Range() AddrRange {
	var last [16]byte
	for i := range last {
		last[i] = 0xff
	}
	return AddrRange{netip.IPv6Unspecified(), netip.AddrFrom16(last)}
}

// World4 returns all of IPv4.
func World4() Addrs { return Addrs{Ranges: []AddrRange{world4Range()}} }

// World6 returns all of IPv6.
func World6() Addrs { return Addrs{Ranges: []AddrRange{world6Range()}} }

// World returns all of IPv4 and IPv6.
func World() Addrs { return Addrs{Ranges: []AddrRange{world4Range(), world6Range()}} }

// Prefix returns the addresses of p (masked).
func Prefix(p netip.Prefix) Addrs {
	p = p.Masked()
	return Addrs{Ranges: []AddrRange{{p.Addr(), lastOf(p)}}}
}

// Symbol returns the opaque set named name.
func Symbol(name string) Addrs { return Addrs{Syms: []string{name}} }

func lastOf(p netip.Prefix) netip.Addr {
	// Word arithmetic rather than a byte loop over a copied slice: the HTML
	// report writes hundreds of thousands of CIDRs through largestPrefixAt.
	a, n := p.Addr(), p.Bits()
	if n < 0 || n > a.BitLen() || a.Zone() != "" {
		return lastOfBytes(p)
	}
	hi, lo := addrWords(a)
	taken := 128 - a.BitLen() + n // prefix bits of the 128-bit number
	hi, lo = hi|onesBelow(taken, 64), lo|onesBelow(taken-64, 64)
	return wordsAddr(a, hi, lo)
}

// onesBelow returns a mask of the low width-taken bits of a width-bit word:
// the host bits once taken bits of it are the prefix.
func onesBelow(taken, width int) uint64 {
	switch {
	case taken <= 0:
		return ^uint64(0)
	case taken >= width:
		return 0
	}
	return ^uint64(0) >> taken
}

// addrWords returns a as a 128-bit number in two words; an IPv4 address is
// in the low bits.
func addrWords(a netip.Addr) (hi, lo uint64) {
	if a.Is4() {
		b := a.As4()
		return 0, uint64(binary.BigEndian.Uint32(b[:]))
	}
	b := a.As16()
	return binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
}

// wordsAddr is the inverse of addrWords, in the family of like.
func wordsAddr(like netip.Addr, hi, lo uint64) netip.Addr {
	if like.Is4() {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], lo)
		return netip.AddrFrom4([4]byte(b[4:]))
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], hi)
	binary.BigEndian.PutUint64(b[8:], lo)
	return netip.AddrFrom16(b)
}

// lastOfBytes is lastOf for what the word arithmetic does not handle: an
// invalid prefix or a zoned address.
func lastOfBytes(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	n := p.Bits()
	for i := range b {
		for bit := range 8 {
			if i*8+bit >= n {
				b[i] |= 0x80 >> bit
			}
		}
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// IsEmpty reports whether a holds nothing.
func (a Addrs) IsEmpty() bool { return len(a.Ranges) == 0 && len(a.Syms) == 0 }

// Concrete returns a without its symbols.
func (a Addrs) Concrete() Addrs { return Addrs{Ranges: a.Ranges} }

// Equal reports whether a and b are the same set.
func (a Addrs) Equal(b Addrs) bool {
	return slices.Equal(a.Ranges, b.Ranges) && slices.Equal(a.Syms, b.Syms)
}

// HasSym reports whether a holds the symbol s.
func (a Addrs) HasSym(s string) bool {
	_, ok := slices.BinarySearch(a.Syms, s)
	return ok
}

// CoversWorld4 reports whether a holds all of IPv4; CoversWorld6 likewise.
func (a Addrs) CoversWorld4() bool { return rangeCovered(world4Range(), a.Ranges) }

// CoversWorld6 reports whether a holds all of IPv6.
func (a Addrs) CoversWorld6() bool { return rangeCovered(world6Range(), a.Ranges) }

// coversRanges reports whether b holds every concrete address of a, as
// a.Subtract(b) leaving no range would, without building the difference:
// the rules of a large export ask it of each peer.
func (a Addrs) coversRanges(b Addrs) bool {
	for _, r := range a.Ranges {
		if !rangeCovered(r, b.Ranges) {
			return false
		}
	}
	return true
}

// rangeCovered reports whether the sorted ranges bs hold all of r: Subtract
// for one range, leaving nothing.
func rangeCovered(r AddrRange, bs []AddrRange) bool {
	lo := r.Lo
	for _, b := range bs {
		if b.Hi.Compare(lo) < 0 {
			continue
		}
		if b.Lo.Compare(lo) > 0 {
			return false
		}
		next := b.Hi.Next()
		if !next.IsValid() || b.Hi.Compare(r.Hi) >= 0 {
			return true
		}
		if next.Compare(lo) > 0 {
			lo = next
		}
	}
	return false
}

// Union returns a ∪ b.
func (a Addrs) Union(b Addrs) Addrs {
	all := make([]AddrRange, 0, len(a.Ranges)+len(b.Ranges))
	i, j := 0, 0
	for i < len(a.Ranges) || j < len(b.Ranges) {
		var next AddrRange
		if j >= len(b.Ranges) || (i < len(a.Ranges) && a.Ranges[i].Lo.Compare(b.Ranges[j].Lo) <= 0) {
			next = a.Ranges[i]
			i++
		} else {
			next = b.Ranges[j]
			j++
		}
		if n := len(all); n > 0 && adjacentOrOverlapping(all[n-1].Hi, next.Lo) {
			if next.Hi.Compare(all[n-1].Hi) > 0 {
				all[n-1].Hi = next.Hi
			}
			continue
		}
		all = append(all, next)
	}
	return Addrs{Ranges: all, Syms: unionStrings(a.Syms, b.Syms)}
}

// adjacentOrOverlapping reports whether a range ending at hi can absorb one
// starting at lo (lo ≥ the previous range's start).
func adjacentOrOverlapping(hi, lo netip.Addr) bool {
	if lo.Compare(hi) <= 0 {
		return true
	}
	next := hi.Next()
	return next.IsValid() && next == lo
}

// Intersect returns a ∩ b.
func (a Addrs) Intersect(b Addrs) Addrs {
	var out []AddrRange
	i, j := 0, 0
	for i < len(a.Ranges) && j < len(b.Ranges) {
		lo := maxAddr(a.Ranges[i].Lo, b.Ranges[j].Lo)
		hi := minAddr(a.Ranges[i].Hi, b.Ranges[j].Hi)
		if lo.Compare(hi) <= 0 {
			out = append(out, AddrRange{lo, hi})
		}
		if a.Ranges[i].Hi.Compare(b.Ranges[j].Hi) < 0 {
			i++
		} else {
			j++
		}
	}
	return Addrs{Ranges: out, Syms: intersectStrings(a.Syms, b.Syms)}
}

// overlaps reports whether a ∩ b holds a peer, without building it.
func (a Addrs) overlaps(b Addrs) bool {
	i, j := 0, 0
	for i < len(a.Ranges) && j < len(b.Ranges) {
		if maxAddr(a.Ranges[i].Lo, b.Ranges[j].Lo).Compare(minAddr(a.Ranges[i].Hi, b.Ranges[j].Hi)) <= 0 {
			return true
		}
		if a.Ranges[i].Hi.Compare(b.Ranges[j].Hi) < 0 {
			i++
		} else {
			j++
		}
	}
	for _, s := range a.Syms {
		if _, ok := slices.BinarySearch(b.Syms, s); ok {
			return true
		}
	}
	return false
}

// Subtract returns a − b.
func (a Addrs) Subtract(b Addrs) Addrs {
	var out []AddrRange
	j := 0
	for _, r := range a.Ranges {
		lo := r.Lo
		done := false
		for j < len(b.Ranges) && b.Ranges[j].Hi.Compare(r.Lo) < 0 {
			j++
		}
		for k := j; k < len(b.Ranges) && b.Ranges[k].Lo.Compare(r.Hi) <= 0; k++ {
			if b.Ranges[k].Lo.Compare(lo) > 0 {
				out = append(out, AddrRange{lo, b.Ranges[k].Lo.Prev()})
			}
			next := b.Ranges[k].Hi.Next()
			if !next.IsValid() || b.Ranges[k].Hi.Compare(r.Hi) >= 0 {
				done = true
				break
			}
			if next.Compare(lo) > 0 {
				lo = next
			}
		}
		if !done {
			out = append(out, AddrRange{lo, r.Hi})
		}
	}
	return Addrs{Ranges: out, Syms: subtractStrings(a.Syms, b.Syms)}
}

func maxAddr(a, b netip.Addr) netip.Addr {
	if a.Compare(b) >= 0 {
		return a
	}
	return b
}

func minAddr(a, b netip.Addr) netip.Addr {
	if a.Compare(b) <= 0 {
		return a
	}
	return b
}

// String formats a as CIDRs and ranges, for messages and tests.
func (a Addrs) String() string {
	if a.IsEmpty() {
		return "∅"
	}
	var b []byte
	for i, r := range a.Ranges {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendRange(b, r)
	}
	for i, s := range a.Syms {
		if i > 0 || len(a.Ranges) > 0 {
			b = append(b, ',')
		}
		b = append(b, s...)
	}
	return string(b)
}

// appendRange appends r as the shortest list of CIDRs, separated by
// commas, when that list is short, else as lo-hi: bytes appended rather
// than strings joined, for the HTML report writes hundreds of thousands.
func appendRange(b []byte, r AddrRange) []byte {
	start := len(b)
	lo := r.Lo
	for n := range 4 {
		if n > 0 {
			b = append(b, ',')
		}
		p := largestPrefixAt(lo, r.Hi)
		b = appendPrefix(b, p)
		last := lastOf(p)
		if last == r.Hi {
			return b
		}
		lo = last.Next()
	}
	b = appendAddr(b[:start], r.Lo)
	b = append(b, '-')
	return appendAddr(b, r.Hi)
}

// appendPrefix appends p.String(): AppendTo writes the same for a valid
// prefix.
func appendPrefix(b []byte, p netip.Prefix) []byte {
	if !p.IsValid() {
		return append(b, p.String()...)
	}
	return p.AppendTo(b)
}

// appendAddr appends a.String(): AppendTo writes the same for a valid
// address.
func appendAddr(b []byte, a netip.Addr) []byte {
	if !a.IsValid() {
		return append(b, a.String()...)
	}
	return a.AppendTo(b)
}

// largestPrefixAt returns the largest prefix that starts at lo and ends at or
// before hi.
func largestPrefixAt(lo, hi netip.Addr) netip.Prefix {
	n := lo.BitLen()
	if lo.Is4() != hi.Is4() || lo.BitLen() != hi.BitLen() || lo.Zone() != "" || hi.Zone() != "" || hi.Less(lo) {
		return largestPrefixAtScan(lo, hi)
	}
	// The prefix's host bits k are at most lo's trailing zeros (it starts at
	// lo) and at most what fits: 2^k-1 <= hi-lo. Arithmetic rather than a
	// scan over every length.
	loHi, loLo := addrWords(lo)
	hiHi, hiLo := addrWords(hi)
	dLo, borrow := bits.Sub64(hiLo, loLo, 0)
	dHi, _ := bits.Sub64(hiHi, loHi, borrow)
	k := n // lo is 0 and hi the family's last address
	if dLo != ^uint64(0) || dHi != ^uint64(0) {
		// k = floor(log2(d+1)), d+1 without overflow here.
		sLo, carry := bits.Add64(dLo, 1, 0)
		sHi := dHi + carry
		if sHi != 0 {
			k = 64 + bits.Len64(sHi) - 1
		} else {
			k = bits.Len64(sLo) - 1
		}
	}
	tz := n
	if loLo != 0 {
		tz = bits.TrailingZeros64(loLo)
	} else if loHi != 0 {
		tz = 64 + bits.TrailingZeros64(loHi)
	}
	return netip.PrefixFrom(lo, n-min(k, tz))
}

// largestPrefixAtScan is largestPrefixAt by trying every length, for what
// the arithmetic does not handle: mixed families, zones, hi before lo.
func largestPrefixAtScan(lo, hi netip.Addr) netip.Prefix {
	for length := 0; length <= lo.BitLen(); length++ {
		p := netip.PrefixFrom(lo, length)
		if p.Masked().Addr() == lo && lastOf(p).Compare(hi) <= 0 {
			return p
		}
	}
	return netip.PrefixFrom(lo, lo.BitLen())
}

func unionStrings(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

func intersectStrings(a, b []string) []string {
	var out []string
	for _, s := range a {
		if _, ok := slices.BinarySearch(b, s); ok {
			out = append(out, s)
		}
	}
	return out
}

func subtractStrings(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	var out []string
	for _, s := range a {
		if _, ok := slices.BinarySearch(b, s); !ok {
			out = append(out, s)
		}
	}
	return out
}
