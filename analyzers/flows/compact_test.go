package flows

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// compactPairs is compaction as it was first written, the reference for
// the decomposition every output shows: in passes until one merges
// nothing, box i absorbs in turn each later box it can merge with as it
// grows. compactFresh must make the same merges in the same order.
func compactPairs(s Set) Set {
	if len(s) < 2 {
		return s
	}
	out := s
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(out); i++ {
			for j := i + 1; j < len(out); j++ {
				if m, ok := mergeBoxes(out[i], out[j]); ok {
					out[i] = m
					out = append(out[:j], out[j+1:]...)
					merged = true
					j--
				}
			}
		}
	}
	return out
}

// subtractPairs is Set.Subtract as it was first written: every cut, then
// compactPairs over the whole set.
func subtractPairs(s, t Set) Set {
	if len(t) > 0 && len(s) == 0 {
		return nil
	}
	cur, owned := s, false
	for _, b := range t {
		hit := slices.IndexFunc(cur, b.overlaps)
		if hit < 0 {
			continue
		}
		next := append(make(Set, 0, len(cur)+2), cur[:hit]...)
		for _, a := range cur[hit:] {
			if a.overlaps(b) {
				next = a.appendCut(next, b)
			} else {
				next = append(next, a)
			}
		}
		cur, owned = next, true
		if len(cur) == 0 {
			return nil
		}
	}
	if !owned {
		return compactPairs(slices.Clone(s))
	}
	return compactPairs(cur)
}

// mergyBoxGen draws boxes from a few protocols, ports and peers, so that
// boxes equal in two dimensions, which merge, are common. Its ports and
// addresses are within the grid of the property tests.
func mergyBoxGen() *rapid.Generator[Box] {
	ports := []Ports{AllPorts(), PortRange(1, 3), PortRange(4, 6), PortRange(1, 6), PortRange(7, 7), {{1, 3}, {7, 7}}, PortRange(8, 12)}
	var peers []Addrs
	for _, p := range []string{"10.0.0.0/30", "10.0.0.4/30", "10.0.0.0/29", "10.0.0.8/29", "10.0.0.0/28", "0.0.0.0/0"} {
		a, _ := ParseCIDR(p)
		peers = append(peers, a)
	}
	peers = append(peers, Symbol(gridSyms[0]), Symbol(gridSyms[1]), peers[0].Union(Symbol(gridSyms[1])), World())
	protos := []Protos{TCP, UDP, TCP | UDP, ICMP, GRE | Other, ICMPv6, AllProtos}
	return rapid.Custom(func(t *rapid.T) Box {
		b := Box{Protos: rapid.SampledFrom(protos).Draw(t, "protos"), Ports: AllPorts(), Addrs: rapid.SampledFrom(peers).Draw(t, "peer")}
		if b.Protos&^PortProtos == 0 {
			b.Ports = rapid.SampledFrom(ports).Draw(t, "ports")
		}
		return b
	})
}

// fragmentedGen draws a compact set of disjoint boxes as the engine makes
// them: a box less a few others, the old way.
func fragmentedGen() *rapid.Generator[Set] {
	return rapid.Custom(func(t *rapid.T) Set {
		s := Set{mergyBoxGen().Draw(t, "from")}
		if rapid.Bool().Draw(t, "universe") {
			s = subtractPairs(Universe(gridSyms...), nil)
		}
		for range rapid.IntRange(0, 8).Draw(t, "cuts") {
			s = subtractPairs(s, Set{mergyBoxGen().Draw(t, "cut")})
		}
		return s
	})
}

func sameBoxes(a, b Set) bool {
	return slices.EqualFunc(a, b, func(x, y Box) bool {
		return x.Protos == y.Protos && x.Ports.Equal(y.Ports) && x.Addrs.Equal(y.Addrs)
	})
}

// checkSetOf fails unless got holds exactly the grid flows want says, each
// in one box only.
func checkSetOf(t *rapid.T, got Set, want func(gridFlow) bool) {
	for _, f := range grid() {
		n := 0
		for _, b := range got {
			if inSet(Set{b}, f) {
				n++
			}
		}
		if n > 1 {
			t.Fatalf("flow %v is in %d boxes of %v", f, n, got)
		}
		if (n == 1) != want(f) {
			t.Fatalf("flow %v: in the set %v, want %v: %v", f, n == 1, want(f), got)
		}
	}
}

// TestCompactMatchesPairs: compaction leaves the boxes compactPairs leaves,
// in its order, from any list of boxes, disjoint or not.
func TestCompactMatchesPairs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := Set(rapid.SliceOfN(mergyBoxGen(), 0, 40).Draw(t, "boxes"))
		want := compactPairs(slices.Clone(s))
		if got := slices.Clone(s).compactOwned(); !sameBoxes(got, want) {
			t.Fatalf("compact:\n got %v\nwant %v", got, want)
		}
	})
}

// TestSubtractMatchesPairs: cutting a compact set, which only merges the
// pieces cut, leaves the boxes of cutting it and merging every pair, in
// the same order; they are disjoint and hold the right flows.
func TestSubtractMatchesPairs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := fragmentedGen().Draw(t, "s")
		cut := Set(rapid.SliceOfN(mergyBoxGen(), 0, 3).Draw(t, "t"))
		want := subtractPairs(s, cut)
		for _, compact := range []bool{true, false} {
			if got := s.subtract(cut, compact); !sameBoxes(got, want) {
				t.Fatalf("%v − %v (compact %v):\n got %v\nwant %v", s, cut, compact, got, want)
			}
		}
		checkSetOf(t, s.subtract(cut, true), func(f gridFlow) bool { return inSet(s, f) && !inSet(cut, f) })
	})
}

// TestJoinCompactMatchesPairs: joining two compact sets, which only merges
// the boxes of the smaller with the others, leaves the boxes of merging
// every pair.
func TestJoinCompactMatchesPairs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := fragmentedGen().Draw(t, "s")
		cut := Set{mergyBoxGen().Draw(t, "cut")}
		a, b := subtractPairs(s, cut), s.Intersect(cut)
		if rapid.Bool().Draw(t, "swap") {
			a, b = b, a
		}
		want := compactPairs(slices.Concat(a, b))
		for _, compact := range []bool{true, false} {
			if got := joinCompact(a, b, compact); !sameBoxes(got, want) {
				t.Fatalf("%v ∪ %v (compact %v):\n got %v\nwant %v", a, b, compact, got, want)
			}
		}
		checkSetOf(t, joinCompact(a, b, true), func(f gridFlow) bool { return inSet(s, f) })
	})
}

// TestCompactChecksFewPairs fails if compaction compares every pair of
// boxes again where it need not: a compact set of thousands of boxes cut,
// or joined to a few boxes, compares its boxes with the new ones only.
func TestCompactChecksFewPairs(t *testing.T) {
	const n = 2000
	var s Set
	for i := range n {
		a, _ := ParseCIDR(fmt.Sprintf("10.%d.%d.0/24", i/256, i%256))
		s = append(s, Box{TCP, PortRange(uint16(1000+i), uint16(1000+i)), a})
	}
	// TCP 1500 (box 500) from everywhere, and 10.2.88.0/24 (box 600) on
	// every port.
	box600, _ := ParseCIDR("10.2.88.0/24")
	cut := NewSet(TCP, PortRange(1500, 1500), World()).Union(NewSet(AllProtos, AllPorts(), box600))
	cur, fresh := s.cut(cut)
	if pieces := len(slices.DeleteFunc(slices.Clone(fresh), func(f bool) bool { return !f })); pieces != 0 {
		t.Fatalf("%d boxes marked as pieces, want none (the cut boxes vanish)", pieces)
	}
	got, checks := cur.compactFresh(fresh)
	if len(got) != n-2 || checks != 0 {
		t.Fatalf("%d boxes left after %d comparisons, want %d after none", len(got), checks, n-2)
	}

	// Box i holds TCP 1000+i and 5000+i from its /24; the first ten /24s
	// also send UDP 1000+i. Cutting TCP 5000-5009 leaves ten pieces, TCP
	// 1000+i, that merge with the UDP boxes: each piece is compared with
	// the boxes after it, the others with the pieces only.
	s2 := slices.Clone(s)
	for i := range s2 {
		s2[i].Ports = s2[i].Ports.Union(PortRange(uint16(5000+i), uint16(5000+i)))
	}
	for i := range 10 {
		s2 = append(s2, Box{UDP, s[i].Ports, s[i].Addrs})
	}
	cur, fresh = s2.cut(NewSet(TCP, PortRange(5000, 5009), World()))
	want := compactPairs(slices.Clone(cur))
	got, checks = cur.compactFresh(fresh)
	if len(got) != n || checks > 25*n {
		t.Fatalf("%d boxes left after %d comparisons, want %d after at most %d", len(got), checks, n, 25*n)
	}
	if !sameBoxes(got, want) {
		for i := range min(len(got), len(want)) {
			if !sameBoxes(got[i:i+1], want[i:i+1]) {
				t.Fatalf("box %d: got %v, want %v (%d, %d boxes)", i, got[i:i+1], want[i:i+1], len(got), len(want))
			}
		}
		t.Fatalf("got %d boxes, want %d", len(got), len(want))
	}

	// Joining three boxes to the set compares them with it, not it with
	// itself: UDP 1000 merges with box 0, which then no longer merges
	// with TCP 999.
	wide, _ := ParseCIDR("10.0.0.0/8")
	few := Set{{UDP, PortRange(1000, 1000), s[0].Addrs}, {TCP, PortRange(999, 999), s[0].Addrs}, {ICMP, AllPorts(), wide}}
	joined := slices.Concat(s, few)
	fresh = make([]bool, len(joined))
	for i := n; i < len(joined); i++ {
		fresh[i] = true
	}
	want = compactPairs(slices.Clone(joined))
	got, checks = joined.compactFresh(fresh)
	if len(got) != n+2 || checks > 4*n || !sameBoxes(got, want) {
		t.Fatalf("%d boxes left after %d comparisons, want %d after at most %d", len(got), checks, n+2, 4*n)
	}
}

// TestEvaluateKeepsSetsCompact fails if the sets that rules leave pending
// stop being known compact: each cut would merge every pair of boxes
// again.
func TestEvaluateKeepsSetsCompact(t *testing.T) {
	l := exportList(80)
	env := looseEnv(l)
	_, pend := stepOrdered(l[0].Rules, []pending{{set: Universe(l.Symbols()...)}}, env)
	if len(pend) < 2 {
		t.Fatalf("%d sets pending, want several", len(pend))
	}
	for _, p := range pend {
		if !p.compact {
			t.Fatalf("set %v not known compact", p.set)
		}
		if want := compactPairs(slices.Clone(p.set)); !sameBoxes(p.set, want) {
			t.Fatalf("set %v is not compact: %v", p.set, want)
		}
	}
}

// TestMergePendingAddedMatchesAll: joining pending sets when only some may
// join others gives what comparing every pair gives, provided the others
// differ pairwise (as stepOrdered guarantees).
func TestMergePendingAddedMatchesAll(t *testing.T) {
	rules := []*Rule{{}, {}, {}}
	rapid.Check(t, func(t *rapid.T) {
		var ps []pending
		var added []bool
		for range rapid.IntRange(0, 12).Draw(t, "n") {
			var causes []*Rule
			for range rapid.IntRange(0, 2).Draw(t, "causes") {
				causes = append(causes, rapid.SampledFrom(rules).Draw(t, "cause"))
			}
			p := pending{
				set:     Set{mergyBoxGen().Draw(t, "box")},
				out:     rapid.SampledFrom([]Outcome{Accept, Drop, Accept | NoMatch}).Draw(t, "out"),
				causes:  causes,
				order:   rapid.SampledFrom([]string{"", "why"}).Draw(t, "order"),
				compact: true,
			}
			isAdded := rapid.Bool().Draw(t, "added")
			if !isAdded && twinUnmarked(ps, added, p) {
				continue
			}
			ps, added = append(ps, p), append(added, isAdded)
		}
		want := mergePending(slices.Clone(ps), nil)
		got := mergePending(slices.Clone(ps), added)
		if len(got) != len(want) {
			t.Fatalf("%d sets, want %d", len(got), len(want))
		}
		for i := range got {
			if !got[i].joins(want[i]) || !sameBoxes(got[i].set, want[i].set) {
				t.Fatalf("set %d: %v, want %v", i, got[i], want[i])
			}
		}
	})
}

// twinUnmarked reports whether a set of ps that added does not mark joins p.
func twinUnmarked(ps []pending, added []bool, p pending) bool {
	for i, q := range ps {
		if !added[i] && q.joins(p) {
			return true
		}
	}
	return false
}
