package flows

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func cidr(tb testing.TB, s string) Addrs {
	tb.Helper()
	a, err := ParseCIDR(s)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

func ports(tb testing.TB, s string) Ports {
	tb.Helper()
	p, err := ParsePorts(s)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func shapesText(shapes []Shape) string {
	var out []string
	for _, s := range shapes {
		out = append(out, s.String())
	}
	return strings.Join(out, "; ")
}

func TestCover(t *testing.T) {
	pods, vpc := cidr(t, "172.16.0.0/16"), cidr(t, "10.0.0.0/16")
	admin := NewSet(TCP, ports(t, "22,3389"), pods)
	allPods := Possible(NewSet(AllProtos, AllPorts(), pods))
	master := func() Set {
		var s Set
		for _, r := range []struct {
			p     Protos
			ports string
			peer  Addrs
		}{
			{TCP, "30000-32768", vpc}, {UDP, "30000-32768", vpc},
			{TCP, "60001,60002,10250,2380,2379,53,17443,50055,443,61678", vpc},
			{TCP, "60001,60002,10250,2380,2379,53,17443", pods},
			{TCP, "30000-32768", pods}, {UDP, "30000-32768", pods},
			{UDP, "53", pods.Union(vpc)}, {ICMP, "ALL", World4()},
		} {
			s = s.Union(NewSet(r.p, ports(t, r.ports), r.peer))
		}
		return s
	}()
	tests := []struct {
		name      string
		must, may Set
		want      string
	}{
		{
			// TKESG101 with nothing accepted: ALL is the only protocol that
			// names every protocol, so the exempt SSH and RDP come along.
			name: "all but the exempt ports", must: allPods.Subtract(admin), may: allPods,
			want: "ALL from 172.16.0.0/16",
		},
		{
			name: "dns only", must: NewSet(UDP, ports(t, "53"), pods), may: allPods,
			want: "UDP 53 from 172.16.0.0/16",
		},
		{
			// The flows a DROP of TCP 10250 takes from the pods, where a
			// later rule accepts the rest: only what is needed.
			name: "one port of a later accept", must: NewSet(TCP, ports(t, "10250"), pods), may: allPods,
			want: "TCP 10250 from 172.16.0.0/16",
		},
		{
			name: "master rules", must: master, may: master,
			want: "ICMP from 0.0.0.0/0; TCP 53,443,2379,2380,10250,17443,50055,60001,60002,61678 from 10.0.0.0/16; TCP 30000-32768 from 10.0.0.0/16; " +
				"UDP 53 from 10.0.0.0/16; UDP 30000-32768 from 10.0.0.0/16; TCP 53,2379,2380,10250,17443,60001,60002 from 172.16.0.0/16; " +
				"TCP 30000-32768 from 172.16.0.0/16; UDP 53 from 172.16.0.0/16; UDP 30000-32768 from 172.16.0.0/16",
		},
		{
			// Two halves of a /15 accepted nowhere else: one prefix.
			name: "adjacent networks", must: Possible(NewSet(AllProtos, AllPorts(), cidr(t, "10.0.0.0/16").Union(cidr(t, "10.1.0.0/16")))),
			may:  Possible(NewSet(AllProtos, AllPorts(), cidr(t, "10.0.0.0/15"))),
			want: "ALL from 10.0.0.0/15",
		},
		{
			// A range that is no prefix needs several.
			name: "unaligned range", must: NewSet(TCP, AllPorts(), Addrs{Ranges: []AddrRange{{netip.MustParseAddr("10.0.1.0"), netip.MustParseAddr("10.0.2.255")}}}),
			may:  NewSet(TCP, AllPorts(), Addrs{Ranges: []AddrRange{{netip.MustParseAddr("10.0.1.0"), netip.MustParseAddr("10.0.2.255")}}}),
			want: "TCP from 10.0.1.0/24; TCP from 10.0.2.0/24",
		},
		{
			name: "the node group itself", must: NewSet(AllProtos, AllPorts(), Symbol("sg nodes")), may: NewSet(AllProtos, AllPorts(), Symbol("sg nodes")),
			want: "ALL from sg nodes",
		},
		{
			name: "egress to two networks", must: Possible(NewSet(AllProtos, AllPorts(), pods.Union(vpc))), may: Possible(NewSet(AllProtos, AllPorts(), pods.Union(vpc))),
			want: "ALL from 10.0.0.0/16; ALL from 172.16.0.0/16",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Cover(tt.must, tt.may)
			if err != nil {
				t.Fatal(err)
			}
			SortShapes(got)
			if s := shapesText(got); s != tt.want {
				t.Errorf("got  %s\nwant %s", s, tt.want)
			}
		})
	}
}

func TestCoverFails(t *testing.T) {
	pods := cidr(t, "172.16.0.0/16")
	// Only ALL names every protocol, and ALL would accept TCP 22, which
	// may not be.
	must := Possible(NewSet(AllProtos, AllPorts(), pods)).Subtract(NewSet(TCP, ports(t, "22"), pods))
	if _, err := Cover(must, must); !errors.Is(err, ErrNoCover) {
		t.Fatalf("got %v, want ErrNoCover", err)
	}
	if _, err := Cover(NewSet(TCP, AllPorts(), pods), NewSet(UDP, AllPorts(), pods)); !errors.Is(err, ErrNoCover) {
		t.Fatalf("got %v, want ErrNoCover for flows outside may", err)
	}
}

// TestCoverProperty checks that the shapes hold must and stay within may,
// and that each shape is one a rule can write.
func TestCoverProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		may := setGen().Draw(t, "may")
		must := may.Intersect(setGen().Draw(t, "must"))
		shapes, err := Cover(must, may)
		if err != nil {
			if !errors.Is(err, ErrNoCover) {
				t.Fatal(err)
			}
			return
		}
		var got Set
		for _, s := range shapes {
			got = got.Union(s.Set())
			if s.Protos != AllProtos && s.Protos.Count() != 1 {
				t.Fatalf("shape %v names several protocols", s)
			}
			if !s.Ports.IsAll() && s.Protos&^PortProtos != 0 {
				t.Fatalf("shape %v has ports with a protocol that has none", s)
			}
			if len(s.Ports) > 1 && strings.Contains(s.PortText(), "-") {
				t.Fatalf("shape %v mixes ranges and lists", s)
			}
		}
		if !got.Contains(Possible(must)) {
			t.Fatalf("shapes %v miss %v of %v", shapesText(shapes), Possible(must).Subtract(got), must)
		}
		if out := Possible(got).Subtract(may); !out.IsEmpty() {
			t.Fatalf("shapes %v take %v outside %v", shapesText(shapes), out, may)
		}
	})
}

func setGen() *rapid.Generator[Set] {
	return rapid.Custom(func(t *rapid.T) Set {
		var s Set
		for range rapid.IntRange(0, 3).Draw(t, "boxes") {
			protos := Protos(rapid.IntRange(1, int(AllProtos)).Draw(t, "protos"))
			ps := AllPorts()
			if protos&^PortProtos == 0 && rapid.Bool().Draw(t, "narrow") {
				lo := rapid.IntRange(1, 40).Draw(t, "lo")
				hi := rapid.IntRange(lo, 45).Draw(t, "hi")
				ps = PortRange(uint16(lo), uint16(hi))
			}
			s = s.Union(NewSet(protos, ps, addrGen().Draw(t, "addrs")))
		}
		return s
	})
}
