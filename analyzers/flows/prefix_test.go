package flows

import (
	"net/netip"
	"testing"

	"pgregory.net/rapid"
)

// rangeEnd draws an address of either family, biased towards aligned
// addresses and family edges, where the prefix arithmetic can go wrong.
func rangeEnd(t *rapid.T, label string, v6 bool) netip.Addr {
	if v6 {
		var b [16]byte
		for i := range b {
			b[i] = rapid.SampledFrom([]byte{0, 0, 0xff, 0x80, 1, 0x7f, rapid.Byte().Draw(t, label+"b")}).Draw(t, label)
		}
		return netip.AddrFrom16(b)
	}
	var b [4]byte
	for i := range b {
		b[i] = rapid.SampledFrom([]byte{0, 0, 0xff, 0x80, 1, 0x7f, rapid.Byte().Draw(t, label+"b")}).Draw(t, label)
	}
	return netip.AddrFrom4(b)
}

// TestPrefixArithmetic checks the word arithmetic of lastOf and
// largestPrefixAt against the byte loop and the scan over every length.
func TestPrefixArithmetic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v6 := rapid.Bool().Draw(t, "v6")
		lo, hi := rangeEnd(t, "lo", v6), rangeEnd(t, "hi", v6)
		if rapid.Bool().Draw(t, "swap") && hi.Less(lo) {
			lo, hi = hi, lo
		}
		p := netip.PrefixFrom(lo, rapid.IntRange(0, lo.BitLen()).Draw(t, "bits"))
		if got, want := lastOf(p), lastOfBytes(p); got != want {
			t.Fatalf("lastOf(%v) = %v, want %v", p, got, want)
		}
		if got, want := largestPrefixAt(lo, hi), largestPrefixAtScan(lo, hi); got != want {
			t.Fatalf("largestPrefixAt(%v, %v) = %v, want %v", lo, hi, got, want)
		}
	})
}

func TestPrefixArithmeticEdges(t *testing.T) {
	for _, c := range []struct{ lo, hi string }{
		{"0.0.0.0", "255.255.255.255"}, {"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
		{"::", "::ffff:ffff:ffff:ffff"}, {"::1:0:0:0:0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
		{"10.0.0.1", "10.0.0.0"}, {"::ffff:10.0.0.0", "::ffff:10.255.255.255"}, {"10.0.0.0", "10.0.0.0"},
		{"8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"}, {"0.0.0.1", "255.255.255.255"},
	} {
		lo, hi := netip.MustParseAddr(c.lo), netip.MustParseAddr(c.hi)
		if got, want := largestPrefixAt(lo, hi), largestPrefixAtScan(lo, hi); got != want {
			t.Errorf("largestPrefixAt(%v, %v) = %v, want %v", lo, hi, got, want)
		}
		for n := 0; n <= lo.BitLen(); n++ {
			p := netip.PrefixFrom(lo, n)
			if got, want := lastOf(p), lastOfBytes(p); got != want {
				t.Errorf("lastOf(%v) = %v, want %v", p, got, want)
			}
		}
	}
}

func BenchmarkFormatRange(b *testing.B) {
	r := AddrRange{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.255.255.254")}
	r6 := AddrRange{netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::ffff:fffe")}
	b.ReportAllocs()
	for b.Loop() {
		appendRange(nil, r)
		appendRange(nil, r6)
	}
}
