package flows

import (
	"net/netip"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestRegionsMatchBruteForce checks the effective policy (tkesglint show)
// against the brute-force evaluator of the property tests: every flow of
// the grid is in exactly one region, whose verdict is the one the brute
// force gives and whose rule certainly matches it; each rule decides at
// most one region per verdict, and regions come in rule order.
func TestRegionsMatchBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := listGen(true).Draw(t, "list")
		env := envGen().Draw(t, "env")
		if rapid.Bool().Draw(t, "strict") {
			env.StrictAccept = true
		}
		regions := l.Regions(Universe(gridSyms...), env)
		type key struct {
			r *Rule
			v Verdict
		}
		seen := map[key]bool{}
		pos := l.positions()
		last := -1
		for i, r := range regions {
			k := key{r.Rule, r.Verdict}
			if seen[k] {
				t.Fatalf("region %d repeats rule %s with verdict %v", i, ruleRef(r.Rule), r.Verdict)
			}
			seen[k] = true
			p := len(pos)
			if r.Rule != nil {
				p = pos[r.Rule]
			}
			if p < last {
				t.Fatalf("region %d (%s) comes after a later rule's", i, ruleRef(r.Rule))
			}
			last = p
		}
		for _, f := range grid() {
			var in []Region
			for _, r := range regions {
				if inSet(r.Flows, f) {
					in = append(in, r)
				}
			}
			if len(in) != 1 {
				t.Fatalf("flow %v is in %d regions, want 1%s", f, len(in), dump(l))
			}
			r := in[0]
			if want := brute(l, f, env); r.Verdict != want {
				t.Fatalf("flow %v: region says %v (rule %s), brute force says %v%s", f, r.Verdict, ruleRef(r.Rule), want, dump(l))
			}
			if r.Verdict != Unknown && r.Rule != nil && match3(r.Rule, f, env) != 1 {
				t.Fatalf("flow %v is in the region of %s, which does not certainly match it", f, r.Rule.Text())
			}
			if inRows(r.Flows.Rows(), f) != 1 {
				t.Fatalf("flow %v is in %d rows of its region, want 1: %+v", f, inRows(r.Flows.Rows(), f), r.Flows.Rows())
			}
			if r.Verdict == Unknown && len(r.Reasons) == 0 {
				t.Fatalf("undecided region of flow %v says no reason", f)
			}
		}
	})
}

// TestRegionsLeaveOutShadowedRules: a rule that earlier rules hide decides
// no region.
func TestRegionsLeaveOutShadowedRules(t *testing.T) {
	rules := []*Rule{
		compileText(t, "DROP", "TCP", "22", "0.0.0.0/0"),
		compileText(t, "ACCEPT", "TCP", "22", "10.0.0.0/8"),
		compileText(t, "ACCEPT", "ALL", "ALL", "10.0.0.0/8"),
	}
	l := List{{Rules: rules, Ordered: true, Complete: true}}
	regions := l.Regions(Universe(), nil)
	var got []string
	for _, r := range regions {
		got = append(got, r.Verdict.String()+" "+ruleRef(r.Rule))
	}
	want := []string{"dropped DROP TCP 22 from 0.0.0.0/0", "accepted ACCEPT ALL from 10.0.0.0/8", "dropped none"}
	if len(got) != len(want) {
		t.Fatalf("regions = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("regions = %q, want %q", got, want)
		}
	}
	if s := regions[1].Flows.String(); s != "TCP 1-21,23-65535 10.0.0.0/8 | UDP+ICMP+GRE+other ALL 10.0.0.0/8" {
		t.Errorf("the ACCEPT's region = %s", s)
	}
}

func TestExcept(t *testing.T) {
	a, _ := ParseCIDR("10.0.0.0/8")
	for _, tc := range []struct{ got, want string }{
		{PortRange(1, 21).Union(PortRange(23, 65535)).Except(), "ALL except 22"},
		{PortRange(30000, 32768).Except(), "30000-32768"},
		{AllPorts().Except(), "ALL"},
		{(AllProtos &^ TCP).Except(), "ALL except TCP"},
		{(TCP | UDP).Except(), "TCP+UDP"},
		{World4().Subtract(a).Except(), "0.0.0.0/0 except 10.0.0.0/8"},
		{a.Except(), "10.0.0.0/8"},
		{World().Subtract(a).Union(Symbol("sg x")).Except(), "0.0.0.0/0 except 10.0.0.0/8; ::/0; sg x"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func compileText(t *testing.T, action, proto, port, cidr string) *Rule {
	t.Helper()
	r := Compile(&model.Rule{Action: str(action), Protocol: str(proto), Port: str(port), CIDR: str(cidr)}, NewResolver(&model.Input{}))
	if !r.Valid() {
		t.Fatalf("invalid rule: %v", r.Problems)
	}
	return r
}

// inRows counts the rows that hold f: in the box, not in its exceptions.
func inRows(rows []Row, f gridFlow) int {
	n := 0
	for _, r := range rows {
		if inSet(Set{r.Box}, f) && !inSet(r.Except, f) {
			n++
		}
	}
	return n
}

func TestRows(t *testing.T) {
	a, _ := ParseCIDR("10.0.0.0/8")
	s := Possible(NewSet(AllProtos, AllPorts(), a)).Subtract(NewSet(UDP, PortRange(53, 53), a))
	rows := s.Rows()
	if len(rows) != 1 || rows[0].ProtoText() != "ALL" || rows[0].Except.String() != "UDP 53 10.0.0.0/8" {
		t.Errorf("rows of ALL from 10.0.0.0/8 but UDP 53 = %+v", rows)
	}
}

// exceptStrings is Addrs.Except, formatAddrs and Addrs.String as they were
// first written, with strings joined: the reference for the texts the
// byte-appending ones write.
func exceptStrings(a Addrs) (except, text string) {
	formatRange := func(r AddrRange) []string {
		var cidrs []string
		lo := r.Lo
		for len(cidrs) < 4 {
			p := largestPrefixAt(lo, r.Hi)
			cidrs = append(cidrs, p.String())
			last := lastOf(p)
			if last == r.Hi {
				return cidrs
			}
			lo = last.Next()
		}
		return []string{r.Lo.String() + "-" + r.Hi.String()}
	}
	formatAddrs := func(a Addrs) string {
		var parts []string
		for _, r := range a.Ranges {
			if r.Lo == r.Hi {
				parts = append(parts, r.Lo.String())
				continue
			}
			parts = append(parts, formatRange(r)...)
		}
		return strings.Join(parts, ",")
	}
	var parts []string
	concrete := a.Concrete()
	for _, w := range []Addrs{World4(), World6()} {
		in := concrete.Intersect(w)
		if in.IsEmpty() {
			continue
		}
		rest := w.Subtract(in)
		if rest.IsEmpty() {
			parts = append(parts, formatAddrs(w))
			continue
		}
		restText, inText := formatAddrs(rest), formatAddrs(in)
		if len(restText) < len(inText) {
			parts = append(parts, formatAddrs(w)+" except "+restText)
		} else {
			parts = append(parts, inText)
		}
	}
	parts = append(parts, a.Syms...)
	except = "∅"
	if len(parts) > 0 {
		except = strings.Join(parts, "; ")
	}
	parts = nil
	for _, r := range a.Ranges {
		parts = append(parts, formatRange(r)...)
	}
	parts = append(parts, a.Syms...)
	text = "∅"
	if len(parts) > 0 {
		text = strings.Join(parts, ",")
	}
	return except, text
}

// TestExceptWritesAsBefore: the texts of address sets are those strings
// joined wrote, for sets and their complements, wide and narrow ranges of
// both families (IPv4-mapped ones too), and empty symbols.
func TestExceptWritesAsBefore(t *testing.T) {
	mapped := Addrs{Ranges: []AddrRange{{netip.MustParseAddr("::ffff:10.0.0.0"), netip.MustParseAddr("::ffff:10.0.3.255")}}}
	rapid.Check(t, func(t *rapid.T) {
		a := addrGen().Draw(t, "a")
		switch rapid.IntRange(0, 3).Draw(t, "shape") {
		case 1:
			a = World().Subtract(a)
		case 2:
			a = a.Union(mapped)
		case 3:
			a = a.Union(Addrs{Syms: []string{""}})
		}
		except, text := exceptStrings(a)
		if got := a.Except(); got != except {
			t.Fatalf("%v.Except() = %q, want %q", a.Ranges, got, except)
		}
		if got := a.String(); got != text {
			t.Fatalf("%v.String() = %q, want %q", a.Ranges, got, text)
		}
	})
}
