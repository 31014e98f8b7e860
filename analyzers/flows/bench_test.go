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

// distinctList builds n rules as exports and rule sets usually hold them:
// each accepts its own port from its own /24, every seventh names a
// security group, and none hides another.
func distinctList(n int) Segment {
	sg := &model.SecurityGroup{Resource: model.Resource{Address: "bench"}}
	seg := Segment{Group: sg, Ordered: true, Complete: true}
	for i := range n {
		r := &model.Rule{Position: i, Action: str("ACCEPT"), Protocol: str([]string{"TCP", "UDP"}[i%2]), Port: str(fmt.Sprint(10000 + i))}
		if i%7 == 6 {
			r.SecurityGroup = str(fmt.Sprintf("sg-%08d", i))
		} else {
			r.CIDR = str(fmt.Sprintf("10.1.%d.0/24", i))
		}
		cr := Compile(r, nil)
		cr.Group = sg
		seg.Rules = append(seg.Rules, cr)
	}
	return seg
}

// BenchmarkShadowed100Distinct runs shadow analysis on a list of 100
// rules none of which hides another, the common case: every pair of rules
// is looked at.
func BenchmarkShadowed100Distinct(b *testing.B) {
	seg := distinctList(100)
	for b.Loop() {
		if s := seg.Shadowed(); len(s) != 0 {
			b.Fatalf("%d shadowed", len(s))
		}
	}
}

// BenchmarkCompile100Rules compiles 100 rules: what each analyzer pays per
// security group direction.
func BenchmarkCompile100Rules(b *testing.B) {
	rules := make([]*model.Rule, 100)
	for i := range rules {
		rules[i] = &model.Rule{Position: i, Action: str("ACCEPT"), Protocol: str("TCP"), Port: str(fmt.Sprint(10000 + i)), CIDR: str(fmt.Sprintf("10.1.%d.0/24", i))}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rules {
			Compile(r, nil)
		}
	}
}

// exportList builds one direction of a security group as the export
// benchmark (scripts/genexport) writes it: n ACCEPTs, alternately TCP and
// UDP, each of its own port from its own /24, every seventh naming another
// group and every eleventh a range of ten ports, the first SSH from the
// world. Its policy fragments the universe into hundreds of boxes.
func exportList(n int) List {
	sg := &model.SecurityGroup{Resource: model.Resource{Address: "bench"}}
	seg := Segment{Group: sg, Ordered: true, Complete: true}
	for i := range n {
		r := &model.Rule{Position: i, Action: str("ACCEPT"), Protocol: str([]string{"TCP", "UDP"}[i%2]), Port: str(fmt.Sprint(10000 + i))}
		switch {
		case i == 0:
			r.Protocol, r.Port, r.CIDR = str("TCP"), str("22"), str("0.0.0.0/0")
		case i%7 == 6:
			r.SecurityGroup = str(fmt.Sprintf("sg-%08d", i))
		case i%11 == 10:
			r.Port, r.CIDR = str(fmt.Sprintf("%d-%d", 30000+i*10, 30000+i*10+9)), str(fmt.Sprintf("10.7.%d.0/24", i))
		default:
			r.CIDR = str(fmt.Sprintf("10.7.%d.0/24", i))
		}
		cr := Compile(r, nil)
		cr.Group = sg
		seg.Rules = append(seg.Rules, cr)
	}
	return List{seg}
}

// looseEnv is the environment the policy pages evaluate in: every group
// a rule names is an opaque peer matched by what its bound allows.
func looseEnv(l List) *Env {
	env := &Env{Loose: map[string]bool{}}
	for _, s := range l.Symbols() {
		env.Loose[s] = true
	}
	return env
}

// BenchmarkRegionsExport computes the regions of the universe under the
// rules of one generated export group, as the policy pages (html,
// markdown, show) do for each of thousands of groups.
func BenchmarkRegionsExport(b *testing.B) {
	l := exportList(80)
	env, u := looseEnv(l), Universe(l.Symbols()...)
	b.ReportAllocs()
	for b.Loop() {
		l.Regions(u, env)
	}
}

// BenchmarkRegionsScattered computes the regions of the universe under
// 100 rules of scattered prefixes, port ranges and actions.
func BenchmarkRegionsScattered(b *testing.B) {
	l := benchList(100)
	u := Universe()
	b.ReportAllocs()
	for b.Loop() {
		l.Regions(u, nil)
	}
}

// BenchmarkExcept writes the peers of policy rows as the HTML report does:
// the world less a few prefixes, and a few prefixes.
func BenchmarkExcept(b *testing.B) {
	var holes Addrs
	for i := range 8 {
		a, _ := ParseCIDR(fmt.Sprintf("10.7.%d.0/24", 3*i))
		holes = holes.Union(a)
	}
	sets := []Addrs{World().Subtract(holes), holes, World4().Subtract(holes).Union(Symbol("sg sg-00000006"))}
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range sets {
			_ = a.Except()
		}
	}
}
