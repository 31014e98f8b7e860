package flows

import (
	"net/netip"
	"testing"

	"pgregory.net/rapid"
)

func TestParseCIDR(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{in: "10.0.0.0/16", want: "10.0.0.0/16"},
		{in: "10.0.0.5/16", want: "10.0.0.0/16"},
		{in: "10.0.0.5", want: "10.0.0.5/32"},
		{in: "0.0.0.0/0", want: "0.0.0.0/0"},
		{in: "0.0.0.0/8", want: "0.0.0.0/0"},
		{in: "0.0.0.0/32", want: "0.0.0.0/0"},
		{in: "0.0.0.0", want: "0.0.0.0/32"},
		{in: "::/0", want: "::/0"},
		{in: "0::0/0", want: "::/0"},
		{in: "2001:db8::/32", want: "2001:db8::/32"},
		{in: "10.0.0.0/33", err: `"10.0.0.0/33" is not a valid CIDR`},
		{in: "10.0.0", err: `"10.0.0" is not a valid IP address or CIDR`},
		{in: "", err: `"" is not a valid IP address or CIDR`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCIDR(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("ParseCIDR(%q) error = %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("ParseCIDR(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormatRange(t *testing.T) {
	a, _ := ParseAddressEntry("10.0.0.1-10.0.0.6")
	if got, want := a.String(), "10.0.0.1/32,10.0.0.2/31,10.0.0.4/31,10.0.0.6/32"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	b, _ := ParseAddressEntry("10.0.0.1-10.0.0.200")
	if got, want := b.String(), "10.0.0.1-10.0.0.200"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if !World4().Union(World6()).Equal(World()) || !World().CoversWorld4() || World4().CoversWorld6() {
		t.Fatal("world algebra")
	}
}

// addrGen draws address sets from a small window, with the ends of the IPv4
// space and some IPv6 so that edge cases (overflow of Next) are exercised.
func addrGen() *rapid.Generator[Addrs] {
	bases := []netip.Addr{
		netip.MustParseAddr("0.0.0.0"), netip.MustParseAddr("10.0.0.0"),
		netip.MustParseAddr("255.255.255.240"), netip.MustParseAddr("::"),
		netip.MustParseAddr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0"),
	}
	return rapid.Custom(func(t *rapid.T) Addrs {
		var a Addrs
		for range rapid.IntRange(0, 4).Draw(t, "n") {
			base := rapid.SampledFrom(bases).Draw(t, "base")
			lo := base
			for range rapid.IntRange(0, 12).Draw(t, "off") {
				lo = lo.Next()
			}
			hi := lo
			for range rapid.IntRange(0, 6).Draw(t, "len") {
				if n := hi.Next(); n.IsValid() {
					hi = n
				}
			}
			a = a.Union(Addrs{Ranges: []AddrRange{{lo, hi}}})
		}
		if rapid.Bool().Draw(t, "sym") {
			a = a.Union(Symbol(rapid.SampledFrom([]string{"x", "y"}).Draw(t, "s")))
		}
		return a
	})
}

func contains(a Addrs, x netip.Addr) bool {
	for _, r := range a.Ranges {
		if r.Lo.Compare(x) <= 0 && x.Compare(r.Hi) <= 0 {
			return true
		}
	}
	return false
}

func TestAddrsAlgebra(t *testing.T) {
	var probes []netip.Addr
	for _, base := range []string{"0.0.0.0", "10.0.0.0", "255.255.255.240", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0"} {
		a := netip.MustParseAddr(base)
		for range 20 {
			probes = append(probes, a)
			if a = a.Next(); !a.IsValid() {
				break
			}
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := addrGen().Draw(t, "a"), addrGen().Draw(t, "b")
		u, i, d := a.Union(b), a.Intersect(b), a.Subtract(b)
		for _, x := range probes {
			inA, inB := contains(a, x), contains(b, x)
			if contains(u, x) != (inA || inB) || contains(i, x) != (inA && inB) || contains(d, x) != (inA && !inB) {
				t.Fatalf("%v: a=%v b=%v union=%v inter=%v diff=%v", x, a, b, u, i, d)
			}
		}
		for _, s := range []string{"x", "y"} {
			inA, inB := a.HasSym(s), b.HasSym(s)
			if u.HasSym(s) != (inA || inB) || i.HasSym(s) != (inA && inB) || d.HasSym(s) != (inA && !inB) {
				t.Fatalf("symbol %s wrong", s)
			}
		}
	})
}

// TestPeerOfBoundMatchesSets: the set-free answers of newPeerOfBound,
// peerOfWorld and CoversWorld4/6 agree with the sets they stand for, on
// sets with the edges of both families (world-sized ones included).
func TestPeerOfBoundMatchesSets(t *testing.T) {
	gen := rapid.OneOf(addrGen(), rapid.SampledFrom([]Addrs{World(), World4(), World6(), World().Union(Symbol("x")), {}}),
		rapid.Custom(func(t *rapid.T) Addrs { return World().Subtract(addrGen().Draw(t, "hole")) }))
	rapid.Check(t, func(t *rapid.T) {
		bound, peer, opaque := gen.Draw(t, "bound"), gen.Draw(t, "peer"), gen.Draw(t, "opaque")
		concrete := peer.Concrete()
		want := peerOfBound{
			covered:  bound.Subtract(concrete).IsEmpty(),
			overlaps: !bound.Intersect(concrete).IsEmpty() || !bound.Intersect(opaque).IsEmpty(),
		}
		if got := newPeerOfBound(bound, concrete, opaque); got != want {
			t.Fatalf("newPeerOfBound(%v, %v, %v) = %+v, want %+v", bound, concrete, opaque, got, want)
		}
		wantWorld := peerOfBound{
			covered:  World().Subtract(concrete).IsEmpty(),
			overlaps: !World().Intersect(concrete).IsEmpty() || !World().Intersect(opaque).IsEmpty(),
		}
		if got := peerOfWorld(concrete, opaque); got != wantWorld {
			t.Fatalf("peerOfWorld(%v, %v) = %+v, want %+v", concrete, opaque, got, wantWorld)
		}
		if peer.CoversWorld4() != World4().Subtract(peer).Concrete().IsEmpty() ||
			peer.CoversWorld6() != World6().Subtract(peer).Concrete().IsEmpty() {
			t.Fatalf("CoversWorld4/6 of %v", peer)
		}
	})
}

// TestPeerOfBoundAllocates nothing: shadow analysis asks it of every rule
// of every list of an export.
func TestPeerOfBoundAllocates(t *testing.T) {
	bound, _ := ParseCIDR("10.0.0.0/8")
	concrete, _ := ParseCIDR("10.1.0.0/16")
	opaque := World4()
	if n := testing.AllocsPerRun(100, func() {
		_ = newPeerOfBound(bound, concrete, opaque)
		_ = peerOfWorld(concrete, opaque)
		_ = concrete.CoversWorld4() || concrete.CoversWorld6()
	}); n != 0 {
		t.Errorf("%v allocations, want none", n)
	}
}
