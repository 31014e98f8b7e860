package flows

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// The property tests compare the engine with a brute-force evaluator that
// decides one concrete flow at a time, over a grid that holds a
// representative of every equivalence class of the rules drawn: ports 1-12
// and 65535 (rules use 1-10 or ALL), the sixteen addresses of 10.0.0.0/28
// plus one address outside it and one IPv6 address (rules use prefixes of
// 10.0.0.0/28, the worlds or templates), and two opaque groups.

var (
	gridProtos = []Protos{TCP, UDP, ICMP, ICMPv6, GRE, Other}
	gridPorts  = []uint16{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 65535}
	gridSyms   = []string{"sg sg-aaaaaaaa", "sg sg-bbbbbbbb"}
)

func gridAddrs() []netip.Addr {
	var out []netip.Addr
	a := netip.MustParseAddr("10.0.0.0")
	for range 16 {
		out = append(out, a)
		a = a.Next()
	}
	return append(out, netip.MustParseAddr("192.168.1.1"), netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db9::1"))
}

// gridFlow is one point of the grid; exactly one of addr and sym is set.
type gridFlow struct {
	proto Protos
	port  uint16
	addr  netip.Addr
	sym   string
}

func (f gridFlow) String() string {
	return fmt.Sprintf("%s/%d/%v%s", f.proto, f.port, f.addr, f.sym)
}

func grid() []gridFlow {
	var out []gridFlow
	for _, p := range gridProtos {
		ports := gridPorts
		if p&PortProtos == 0 {
			ports = []uint16{1} // non-port protocols: the port dimension is ALL
		}
		for _, port := range ports {
			for _, a := range gridAddrs() {
				if p == ICMP && a.Is6() || p == ICMPv6 && a.Is4() {
					continue // such flows cannot exist
				}
				out = append(out, gridFlow{proto: p, port: port, addr: a})
			}
			for _, s := range gridSyms {
				out = append(out, gridFlow{proto: p, port: port, sym: s})
			}
		}
	}
	return out
}

// inSet reports whether f is in s (for non-port protocols, s must hold all
// ports, which the engine's invariant guarantees).
func inSet(s Set, f gridFlow) bool {
	for _, b := range s {
		if b.Protos&f.proto == 0 || !b.Ports.Contains(f.port) {
			continue
		}
		if f.sym != "" && b.Addrs.HasSym(f.sym) || f.addr.IsValid() && contains(b.Addrs, f.addr) {
			return true
		}
	}
	return false
}

// match3 is the brute-force matcher: 1 certain, 0 no, -1 maybe.
func match3(r *Rule, f gridFlow, env *Env) int {
	if !r.Valid() {
		return 0
	}
	svc := 0
	for _, s := range r.Services {
		if s.Protos&f.proto != 0 && s.Ports.Contains(f.port) {
			svc = 1
		}
	}
	if svc == 0 {
		for _, s := range r.MaybeServices {
			if s.Protos&f.proto != 0 && s.Ports.Contains(f.port) {
				svc = -1
			}
		}
	}
	if svc == 0 {
		return 0
	}
	// Strict acceptance isolates the opaque peers of ACCEPT rules, as
	// Isolated does for every rule.
	iso := env.Isolated || env.StrictAccept && r.Actions == Accept
	peer := 0
	switch {
	case r.PeerUnknown && (f.sym != "" || contains(r.PeerDomain, f.addr)):
		peer = -1
	case r.PeerUnknown:
	case f.sym != "":
		bound := env.Bound(f.sym)
		switch {
		case r.Peer.HasSym(f.sym) || bound.Subtract(r.Peer.Concrete()).IsEmpty():
			peer = 1
		case iso:
		case !bound.Intersect(r.Peer.Concrete()).IsEmpty():
			peer = -1
		case !iso:
			for _, t := range r.Peer.Syms {
				if !bound.Intersect(env.Bound(t)).IsEmpty() {
					peer = -1
				}
			}
		}
	case contains(r.Peer, f.addr):
		peer = 1
	case !iso:
		for _, t := range r.Peer.Syms {
			if contains(env.Bound(t), f.addr) {
				peer = -1
			}
		}
	}
	if peer == 0 {
		return 0
	}
	if svc == 1 && peer == 1 {
		return 1
	}
	return -1
}

// bruteOrdered returns the possible outcomes of f through rules in order.
func bruteOrdered(rules []*Rule, f gridFlow, env *Env) (out Outcome, decided bool) {
	for _, r := range rules {
		switch match3(r, f, env) {
		case 1:
			return out | r.Actions, true
		case -1:
			out |= r.Actions
		}
	}
	return out, false
}

// brute decides f through l: every permutation of each unordered segment is
// tried, and the verdict is definite only when every permutation agrees.
func brute(l List, f gridFlow, env *Env) Verdict {
	outs := Outcome(0)
	var walk func(i int, prior Outcome)
	walk = func(i int, prior Outcome) {
		if i == len(l) {
			outs |= prior | NoMatch
			return
		}
		perms := [][]*Rule{l[i].Rules}
		switch {
		case len(l[i].Members) > 0:
			perms = groupPermutations(l[i].Members)
		case !l[i].Ordered:
			perms = permutations(l[i].Rules)
		}
		type result struct {
			out     Outcome
			decided bool
		}
		var results []result
		for _, p := range perms {
			o, d := bruteOrdered(p, f, env)
			results = append(results, result{o, d})
		}
		// Per permutation: if decided, its outcome set is final; otherwise it
		// continues with the maybe-outcomes collected.
		for _, r := range results {
			if r.decided {
				outs |= prior | r.out
			} else {
				walk(i+1, prior|r.out)
			}
		}
	}
	// Unordered segments need the verdict over permutations, not the union of
	// outcomes: accepted only if every permutation accepts for sure, and so
	// on. With at most one unordered segment and the union semantics below,
	// "every permutation certainly accepts" is exactly outs == Accept.
	walk(0, 0)
	if outs&NoMatch != 0 && !l.Complete() {
		return Unknown
	}
	switch {
	case outs == Accept:
		return Accepted
	case outs&Accept == 0:
		return Dropped
	}
	return Unknown
}

// groupPermutations lists the rules of groups bound in every order, each
// group in every order of its own rules it may have.
func groupPermutations(groups []Segment) [][]*Rule {
	if len(groups) == 0 {
		return [][]*Rule{nil}
	}
	var out [][]*Rule
	for i, g := range groups {
		own := [][]*Rule{g.Rules}
		if !g.Ordered {
			own = permutations(g.Rules)
		}
		for _, rest := range groupPermutations(slices.Concat(groups[:i:i], groups[i+1:])) {
			for _, o := range own {
				out = append(out, slices.Concat(o, rest))
			}
		}
	}
	return out
}

func permutations(rs []*Rule) [][]*Rule {
	if len(rs) <= 1 {
		return [][]*Rule{rs}
	}
	var out [][]*Rule
	for i := range rs {
		rest := slices.Concat(rs[:i:i], rs[i+1:])
		for _, p := range permutations(rest) {
			out = append(out, append([]*Rule{rs[i]}, p...))
		}
	}
	return out
}

func str(v string) model.String { return model.WrittenValue(v, model.Range{}) }

func unresolved() model.String {
	return model.UnresolvedValue[string](model.Range{}, "var.x has no value")
}

// ruleGen draws one valid rule over the grid's space.
func ruleGen(unknowns bool) *rapid.Generator[*model.Rule] {
	cidrs := []string{"10.0.0.0/28", "10.0.0.0/29", "10.0.0.8/29", "10.0.0.4/30", "10.0.0.3", "10.0.0.12/31", "0.0.0.0/0", "::/0", "2001:db8::/64", "0.0.0.0/8"}
	return rapid.Custom(func(t *rapid.T) *model.Rule {
		r := &model.Rule{Action: str(rapid.SampledFrom([]string{"ACCEPT", "DROP", "accept", "drop"}).Draw(t, "action"))}
		switch rapid.IntRange(0, 3).Draw(t, "proto") {
		case 0:
			r.Protocol = str("ALL")
		case 1:
			r.Protocol = str(rapid.SampledFrom([]string{"ICMP", "GRE", "icmpv6"}).Draw(t, "p"))
		default:
			r.Protocol = str(rapid.SampledFrom([]string{"TCP", "udp"}).Draw(t, "p"))
			lo := rapid.IntRange(1, 10).Draw(t, "lo")
			hi := rapid.IntRange(lo, 10).Draw(t, "hi")
			r.Port = str(rapid.SampledFrom([]string{"ALL", fmt.Sprint(lo), fmt.Sprintf("%d-%d", lo, hi), fmt.Sprintf("%d,%d", lo, hi)}).Draw(t, "port"))
		}
		switch rapid.IntRange(0, 5).Draw(t, "peer") {
		case 0:
			r.SecurityGroup = str(rapid.SampledFrom([]string{"sg-aaaaaaaa", "sg-bbbbbbbb"}).Draw(t, "sg"))
		default:
			c := rapid.SampledFrom(cidrs).Draw(t, "cidr")
			if c == "::/0" || c == "2001:db8::/64" {
				r.IPv6CIDR = str(c)
				if r.Protocol.Value() == "ICMP" {
					r.Protocol = str("ICMPv6")
				}
			} else {
				r.CIDR = str(c)
				if r.Protocol.Value() == "icmpv6" {
					r.Protocol = str("ICMP")
				}
			}
		}
		if unknowns && rapid.IntRange(0, 5).Draw(t, "unknown") == 0 {
			switch rapid.IntRange(0, 3).Draw(t, "which") {
			case 0:
				r.Action = unresolved()
			case 1:
				r.Protocol = unresolved()
			case 2:
				r.Port = unresolved()
			default:
				r.CIDR, r.IPv6CIDR, r.SecurityGroup = unresolved(), model.String{}, model.String{}
			}
		}
		return r
	})
}

func listGen(unknowns bool) *rapid.Generator[List] {
	return rapid.Custom(func(t *rapid.T) List {
		var l List
		for s := range rapid.IntRange(1, 3).Draw(t, "segments") {
			sg := &model.SecurityGroup{Resource: model.Resource{Address: fmt.Sprintf("sg%d", s)}}
			ordered := true
			n := rapid.IntRange(0, 7).Draw(t, "rules")
			if rapid.IntRange(0, 3).Draw(t, "unordered") == 0 {
				ordered, n = false, min(n, 4)
			}
			seg := Segment{Group: sg, Ordered: ordered, Complete: !unknowns || rapid.IntRange(0, 4).Draw(t, "incomplete") != 0}
			for i := range n {
				mr := ruleGen(unknowns).Draw(t, "rule")
				mr.Position = i
				r := Compile(mr, NewResolver(&model.Input{}))
				if !r.Valid() {
					t.Fatalf("generated an invalid rule: %+v", r.Problems)
				}
				r.Group = sg
				seg.Rules = append(seg.Rules, r)
			}
			l = append(l, seg)
		}
		return l
	})
}

// groupListGen draws a list whose last segment is two or three groups bound
// in an order that is not known, after an ordered group or none.
func groupListGen(unknowns bool) *rapid.Generator[List] {
	return rapid.Custom(func(t *rapid.T) List {
		segment := func(s int, ordered bool, most int) Segment {
			sg := &model.SecurityGroup{Resource: model.Resource{Address: fmt.Sprintf("sg%d", s)}}
			seg := Segment{Group: sg, Ordered: ordered, Complete: !unknowns || rapid.IntRange(0, 4).Draw(t, "incomplete") != 0}
			for i := range rapid.IntRange(0, most).Draw(t, "rules") {
				mr := ruleGen(unknowns).Draw(t, "rule")
				mr.Position = i
				r := Compile(mr, NewResolver(&model.Input{}))
				r.Group = sg
				seg.Rules = append(seg.Rules, r)
			}
			return seg
		}
		var l List
		if rapid.Bool().Draw(t, "before") {
			l = append(l, segment(0, true, 4))
		}
		set := Segment{Complete: true, Why: "the order of the groups is undefined"}
		for g := range rapid.IntRange(2, 3).Draw(t, "groups") {
			// A group of its own may have an undefined order too (legacy
			// rules), when it is short.
			ordered := rapid.IntRange(0, 4).Draw(t, "unordered") != 0
			m := segment(g+1, ordered, map[bool]int{true: 4, false: 2}[ordered])
			set.Members = append(set.Members, m)
			set.Rules = append(set.Rules, m.Rules...)
			set.Complete = set.Complete && m.Complete
		}
		set.Group = set.Members[0].Group
		return append(l, set)
	})
}

// TestEvaluateGroupsMatchesBruteForce: groups bound in an undefined order
// are evaluated as the union over every order of the groups, each keeping
// the order of its own rules.
func TestEvaluateGroupsMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkAgainstBrute(t, groupListGen(true).Draw(t, "list"), envGen().Draw(t, "env"), queryGen().Draw(t, "q"))
	})
}

func envGen() *rapid.Generator[*Env] {
	return rapid.Custom(func(t *rapid.T) *Env {
		env := &Env{Bounds: map[string]Addrs{}}
		if rapid.Bool().Draw(t, "bounded") {
			p := rapid.SampledFrom([]string{"10.0.0.0/28", "10.0.0.0/29"}).Draw(t, "bound")
			env.Bounds[gridSyms[0]], _ = ParseCIDR(p)
		}
		return env
	})
}

func queryGen() *rapid.Generator[Set] {
	return rapid.Custom(func(t *rapid.T) Set {
		switch rapid.IntRange(0, 3).Draw(t, "query") {
		case 0:
			return Universe(gridSyms...)
		case 1:
			a, _ := ParseCIDR(rapid.SampledFrom([]string{"10.0.0.0/28", "10.0.0.0/30", "0.0.0.0/0"}).Draw(t, "addr"))
			return NewSet(AllProtos, AllPorts(), a)
		case 2:
			return NewSet(UDP, PortRange(3, 5), Symbol(gridSyms[0]))
		}
		a, _ := ParseCIDR("10.0.0.0/28")
		return NewSet(TCP|UDP, PortRange(2, 9), a.Union(Symbol(gridSyms[1])))
	})
}

func checkAgainstBrute(t *rapid.T, l List, env *Env, q Set) {
	parts := l.Evaluate(q, env)
	for _, f := range grid() {
		var found []Part
		for _, p := range parts {
			if inSet(p.Flows, f) {
				found = append(found, p)
			}
		}
		if !inSet(q, f) {
			if len(found) > 0 {
				t.Fatalf("flow %v is outside the query but in a part", f)
			}
			continue
		}
		if len(found) != 1 {
			t.Fatalf("flow %v is in %d parts, want exactly 1", f, len(found))
		}
		want := brute(l, f, env)
		if got := found[0].Verdict; got != want {
			t.Fatalf("flow %v: engine says %v (rule %v, outcomes %b), brute force says %v\nlist: %s", f, got, ruleRef(found[0].Rule), found[0].Outcomes, want, dump(l))
		}
		if p := found[0]; p.Verdict != Unknown && p.Rule != nil && match3(p.Rule, f, env) != 1 {
			t.Fatalf("flow %v attributed to %s, which does not certainly match it", f, p.Rule.Text())
		}
	}
}

func ruleRef(r *Rule) string {
	if r == nil {
		return "none"
	}
	return r.Text()
}

func dump(l List) string {
	s := ""
	for _, seg := range l {
		s += fmt.Sprintf("\n[%s ordered=%v complete=%v]", seg.Group.Resource.Address, seg.Ordered, seg.Complete)
		for _, r := range seg.Rules {
			s += "\n  " + r.Text()
		}
	}
	return s
}

func TestEvaluateMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkAgainstBrute(t, listGen(false).Draw(t, "list"), envGen().Draw(t, "env"), queryGen().Draw(t, "q"))
	})
}

func TestEvaluateMatchesBruteForceWithUnknowns(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		checkAgainstBrute(t, listGen(true).Draw(t, "list"), envGen().Draw(t, "env"), queryGen().Draw(t, "q"))
	})
}

func TestShadowedMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := listGen(true).Draw(t, "list")
		seg := l[0]
		shadows := map[*Rule]Shadow{}
		for _, s := range seg.Shadowed() {
			shadows[s.Rule] = s
		}
		iso := &Env{Isolated: true}
		named := map[string]bool{}
		for _, r := range seg.Rules {
			for _, sym := range r.Peer.Syms {
				named[sym] = true
			}
		}
		for i, r := range seg.Rules {
			// A rule is hidden when it may match something, and every flow it
			// may match is certainly matched by an earlier rule. Groups no
			// rule names have no flows of their own: their members are
			// concrete addresses.
			canMatch, hidden := false, true
			for _, f := range grid() {
				if f.sym != "" && !named[f.sym] || isolatedMatch(r, f, iso) == 0 {
					continue
				}
				canMatch = true
				hidden = hidden && coveredBy(seg.Rules[:i], f, iso)
			}
			want := seg.Ordered && canMatch && hidden
			s, got := shadows[r]
			if got != want {
				t.Fatalf("rule %d (%s): shadowed=%v, want %v%s", i, r.Text(), got, want, dump(l[:1]))
			}
			if got && len(s.By) == 0 {
				t.Fatalf("rule %d shadowed by nothing", i)
			}
		}
	})
}

// coveredBy reports whether earlier rules certainly match f. A flow from a
// group is also covered when, for every address its members may have, an
// earlier rule matches that address or names the group.
func coveredBy(earlier []*Rule, f gridFlow, env *Env) bool {
	for _, e := range earlier {
		if isolatedMatch(e, f, env) == 1 {
			return true
		}
	}
	if f.sym == "" {
		return false
	}
	for _, a := range gridAddrs() {
		if f.proto == ICMP && a.Is6() || f.proto == ICMPv6 && a.Is4() || !contains(env.Bound(f.sym), a) {
			continue
		}
		member := gridFlow{proto: f.proto, port: f.port, addr: a}
		ok := false
		for _, e := range earlier {
			m := e
			if e.Peer.HasSym(f.sym) {
				cp := *e
				cp.Peer = env.Bound(f.sym)
				m = &cp
			}
			if isolatedMatch(m, member, env) == 1 {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// isolatedMatch is match3 where an opaque peer matches only its own symbol.
func isolatedMatch(r *Rule, f gridFlow, env *Env) int { return match3(r, f, env) }

func TestStrictAccept(t *testing.T) {
	res := NewResolver(&model.Input{})
	accept := Compile(&model.Rule{Action: str("ACCEPT"), SecurityGroup: str("sg-aaaaaaaa")}, res)
	drop := Compile(&model.Rule{Action: str("DROP"), SecurityGroup: str("sg-aaaaaaaa")}, res)
	vpc, _ := ParseCIDR("10.0.0.0/16")
	env := &Env{StrictAccept: true, Bounds: map[string]Addrs{"sg sg-aaaaaaaa": vpc}}
	q := NewSet(AllProtos, AllPorts(), vpc)
	l := List{{Rules: []*Rule{accept}, Ordered: true, Complete: true}}
	if parts := l.Evaluate(q, env); len(parts) != 1 || parts[0].Verdict != Dropped {
		t.Errorf("an opaque ACCEPT must not satisfy CIDR flows in strict mode: %+v", parts)
	}
	if parts := l.Evaluate(NewSet(AllProtos, AllPorts(), Symbol("sg sg-aaaaaaaa")), env); len(parts) != 1 || parts[0].Verdict != Accepted {
		t.Errorf("an opaque ACCEPT satisfies flows from its own set: %+v", parts)
	}
	l = List{{Rules: []*Rule{drop, Compile(&model.Rule{Action: str("ACCEPT"), CIDR: str("10.0.0.0/16")}, res)}, Ordered: true, Complete: true}}
	if parts := l.Evaluate(q, env); len(parts) != 1 || parts[0].Verdict != Unknown {
		t.Errorf("an opaque DROP that may match makes the fate unknown: %+v", parts)
	}
}

func TestSize(t *testing.T) {
	a, _ := ParseCIDR("10.0.0.0/24")
	if got, want := NewSet(TCP, PortRange(1, 10), a).Size(), 2560.0; got != want {
		t.Errorf("Size = %v, want %v", got, want)
	}
	if got, want := NewSet(ICMP|UDP, AllPorts(), a).Size(), 256.0*(1+65535); got != want {
		t.Errorf("Size = %v, want %v", got, want)
	}
	if World6().Concrete().Equal(World4()) || NewSet(AllProtos, AllPorts(), World6()).Size() < 1e38 {
		t.Errorf("IPv6 world size")
	}
}

// TestReasons: an undecided part gives as reasons only what could decide
// it, and ReasonsFor(r) only what decides whether rule r gets its flows:
// r's own missing values and those of earlier rules that may drop them,
// never those of later rules.
func TestReasons(t *testing.T) {
	res := NewResolver(&model.Input{})
	ssh := func(pos int, action string, cidr model.String) *Rule {
		return Compile(&model.Rule{Position: pos, Action: str(action), Protocol: str("TCP"), Port: str("22"), CIDR: cidr}, res)
	}
	unknown := func(name string) model.String {
		return model.UnresolvedValue[string](model.Range{}, "var."+name+" has no value")
	}
	because := func(pos int, name string) string {
		return fmt.Sprintf("ingress rule %d of  depends on values that are not known (var.%s has no value)", pos+1, name)
	}
	q := NewSet(TCP, PortRange(22, 22), World())
	for _, tc := range []struct {
		name    string
		rules   []*Rule
		reasons []string   // of the one undecided part
		of      [][]string // ReasonsFor each rule
	}{
		{
			"two accepts from unknown CIDRs: each is decided by its own",
			[]*Rule{ssh(0, "ACCEPT", unknown("office")), ssh(1, "ACCEPT", unknown("partner"))},
			[]string{because(0, "office"), because(1, "partner")},
			[][]string{{because(0, "office")}, {because(1, "partner")}},
		},
		{
			"a drop from an unknown CIDR decides the accept below it",
			[]*Rule{ssh(0, "DROP", unknown("blocked")), ssh(1, "ACCEPT", str("0.0.0.0/0"))},
			[]string{because(0, "blocked")},
			[][]string{{because(0, "blocked")}, {because(0, "blocked")}},
		},
		{
			"a drop whose match changes nothing is no reason",
			[]*Rule{ssh(0, "ACCEPT", unknown("office")), ssh(1, "DROP", unknown("blocked")), ssh(2, "DROP", str("0.0.0.0/0"))},
			[]string{because(0, "office")},
			// An earlier rule that can only accept the flows takes them from
			// a later rule, but is no reason for it: it is said at its place.
			[][]string{{because(0, "office")}, {because(1, "blocked")}, {because(1, "blocked")}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := List{{Rules: tc.rules, Ordered: true, Complete: true}}.Evaluate(q, nil)
			var undecided []Part
			for _, p := range parts {
				if p.Verdict == Unknown {
					undecided = append(undecided, p)
				}
			}
			if len(undecided) != 1 {
				t.Fatalf("%d undecided parts, want 1: %+v", len(undecided), parts)
			}
			p := undecided[0]
			if !slices.Equal(p.Reasons, tc.reasons) {
				t.Errorf("Reasons = %q, want %q", p.Reasons, tc.reasons)
			}
			for i, r := range tc.rules {
				if got := p.ReasonsFor(r); !slices.Equal(got, tc.of[i]) {
					t.Errorf("ReasonsFor(rule %d) = %q, want %q", i+1, got, tc.of[i])
				}
			}
		})
	}
}
