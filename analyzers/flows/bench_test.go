package flows

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// benchList builds n realistic rules: mostly ACCEPTs of single ports or small
// ranges from /16-/28 prefixes, with some DROPs, over a deterministic seed.
func benchList(n int) List {
	rng := rand.New(rand.NewPCG(1, 2))
	sg := &model.SecurityGroup{Resource: model.Resource{Address: "bench"}}
	seg := Segment{Group: sg, Ordered: true, Complete: true}
	for i := range n {
		action := "ACCEPT"
		if rng.IntN(5) == 0 {
			action = "DROP"
		}
		proto := []string{"TCP", "UDP", "ALL", "ICMP"}[rng.IntN(4)]
		port := "ALL"
		if proto == "TCP" || proto == "UDP" {
			lo := 1 + rng.IntN(60000)
			port = fmt.Sprintf("%d-%d", lo, lo+rng.IntN(200))
		}
		cidr := fmt.Sprintf("10.%d.%d.0/%d", rng.IntN(256), rng.IntN(256), 16+rng.IntN(13))
		r := Compile(&model.Rule{Position: i, Action: str(action), Protocol: str(proto), Port: str(port), CIDR: str(cidr)}, nil)
		r.Group = sg
		seg.Rules = append(seg.Rules, r)
	}
	return List{seg}
}

// BenchmarkEvaluate100Rules10kFlows evaluates 10,000 single-flow queries
// against 100 rules: the cost of deciding one concrete flow.
func BenchmarkEvaluate100Rules10kFlows(b *testing.B) {
	l := benchList(100)
	rng := rand.New(rand.NewPCG(3, 4))
	queries := make([]Set, 10000)
	for i := range queries {
		a, _ := ParseCIDR(fmt.Sprintf("10.%d.%d.%d", rng.IntN(256), rng.IntN(256), rng.IntN(256)))
		port := uint16(1 + rng.IntN(65535))
		queries[i] = NewSet([]Protos{TCP, UDP, ICMP}[rng.IntN(3)], PortRange(port, port), a)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, q := range queries {
			l.Evaluate(q, nil)
		}
	}
}

// BenchmarkEvaluateRequirement evaluates one broad requirement (everything
// from a /16) against 100 rules: the shape of the TKE checks.
func BenchmarkEvaluateRequirement(b *testing.B) {
	l := benchList(100)
	a, _ := ParseCIDR("10.7.0.0/16")
	q := NewSet(AllProtos, AllPorts(), a)
	for b.Loop() {
		l.Evaluate(q, nil)
	}
}

// BenchmarkShadowed1000Rules runs shadow analysis on 1,000 rules.
func BenchmarkShadowed1000Rules(b *testing.B) {
	seg := benchList(1000)[0]
	for b.Loop() {
		seg.Shadowed()
	}
}
