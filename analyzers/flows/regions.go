package flows

import (
	"cmp"
	"slices"
	"strings"
)

// Region is the part of a flow space that one rule decides in a list: the
// effective policy of the list is its regions.
type Region struct {
	Verdict Verdict
	// Rule is the rule that decides the flows; nil when no rule matches
	// them (DROP, or undecided when a rule list is incomplete).
	Rule *Rule
	// Flows are the flows the region holds, as disjoint boxes.
	Flows Set
	// Causes are the earlier rules that may match the flows, which makes
	// an undecided region undecided; Reasons say what is missing.
	Causes  []*Rule
	Reasons []string
}

// Regions partitions the flows of universe by the rule that decides them
// in l, one region per rule and verdict: the rules that decide nothing
// (shadowed ones) have none, and flows that no rule matches are one
// region, last. Regions come in the order of their rules in l.
func (l List) Regions(universe Set, env *Env) []Region {
	var out []Region
	for _, p := range l.Evaluate(universe, env) {
		i := slices.IndexFunc(out, func(r Region) bool { return r.Rule == p.Rule && r.Verdict == p.Verdict })
		if i < 0 {
			out = append(out, Region{Verdict: p.Verdict, Rule: p.Rule})
			i = len(out) - 1
		}
		r := &out[i]
		r.Flows = append(r.Flows, p.Flows...)
		for _, c := range p.Causes {
			if !slices.Contains(r.Causes, c) {
				r.Causes = append(r.Causes, c)
			}
		}
		r.Reasons = append(r.Reasons, p.Reasons...)
	}
	pos := l.positions()
	for i := range out {
		r := &out[i]
		r.Flows = r.Flows.compact()
		r.Flows.sort()
		slices.Sort(r.Reasons)
		r.Reasons = slices.Compact(r.Reasons)
		slices.SortStableFunc(r.Causes, func(a, b *Rule) int { return cmp.Compare(pos[a], pos[b]) })
	}
	slices.SortStableFunc(out, func(a, b Region) int {
		pa, pb := len(pos), len(pos)
		if a.Rule != nil {
			pa = pos[a.Rule]
		}
		if b.Rule != nil {
			pb = pos[b.Rule]
		}
		return cmp.Or(cmp.Compare(pa, pb), cmp.Compare(a.Verdict, b.Verdict))
	})
	return out
}

// positions numbers the rules of l in evaluation order.
func (l List) positions() map[*Rule]int {
	pos := map[*Rule]int{}
	for _, seg := range l {
		for _, r := range seg.Rules {
			pos[r] = len(pos)
		}
	}
	return pos
}

// Symbols returns the opaque peers the rules of l name, sorted: with them,
// Universe holds every flow the rules tell apart.
func (l List) Symbols() []string {
	var out []string
	for _, seg := range l {
		for _, r := range seg.Rules {
			out = append(out, r.Peer.Syms...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sort orders the boxes of s for reading: by protocol (TCP first), then
// port, then peer.
func (s Set) sort() {
	slices.SortFunc(s, func(a, b Box) int {
		if c := cmp.Compare(a.Protos.First(), b.Protos.First()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Protos, b.Protos); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Ports[0].Lo, b.Ports[0].Lo); c != 0 {
			return c
		}
		return strings.Compare(a.Addrs.String(), b.Addrs.String())
	})
}

// Except describes p as a reader would: the set itself, or everything but
// its complement when that is shorter ("ALL except 22"). Both forms name
// the same ports.
func (p Ports) Except() string {
	if p.IsAll() {
		return "ALL"
	}
	rest := AllPorts().Subtract(p)
	if len(rest) < len(p) {
		return "ALL except " + rest.String()
	}
	return p.String()
}

// Except describes p like Ports.Except: "ALL except TCP".
func (p Protos) Except() string {
	rest := AllProtos &^ p
	if p != AllProtos && p.Count() > 2 && rest.Count() < p.Count() {
		return "ALL except " + rest.String()
	}
	return p.String()
}

// Except describes a like Ports.Except, within the address families it
// touches: "0.0.0.0/0 except 10.0.0.0/8".
func (a Addrs) Except() string {
	var b, restText []byte
	parts := 0
	concrete := a.Concrete()
	for _, w := range []Addrs{World4(), World6()} {
		in := concrete.Intersect(w)
		if in.IsEmpty() {
			continue
		}
		if parts > 0 {
			b = append(b, "; "...)
		}
		parts++
		rest := w.Subtract(in)
		if rest.IsEmpty() {
			b = appendAddrs(b, w)
			continue
		}
		// Each text is written once: the HTML report writes thousands of
		// policies' rows.
		start := len(b)
		b = appendAddrs(b, in)
		restText = appendAddrs(restText[:0], rest)
		if len(restText) < len(b)-start {
			b = appendAddrs(b[:start], w)
			b = append(append(b, " except "...), restText...)
		}
	}
	for _, s := range a.Syms {
		if parts > 0 {
			b = append(b, "; "...)
		}
		parts++
		b = append(b, s...)
	}
	if parts == 0 {
		return "∅"
	}
	return string(b)
}

// appendAddrs appends concrete ranges as CIDRs (World4 as 0.0.0.0/0),
// separated by commas, and a single address without a prefix length.
func appendAddrs(b []byte, a Addrs) []byte {
	for i, r := range a.Ranges {
		if i > 0 {
			b = append(b, ',')
		}
		if r.Lo == r.Hi {
			b = appendAddr(b, r.Lo)
			continue
		}
		b = appendRange(b, r)
	}
	return b
}

// ProtoText writes the protocols of b as a table shows them: a box of
// every protocol its peers can carry reads ALL (not "ALL except ICMPv6"
// for IPv4 peers, which cannot carry ICMPv6).
func (b Box) ProtoText() string {
	p := b.Protos
	if b.Ports.IsAll() && len(b.Addrs.Syms) == 0 {
		var impossible Protos
		if b.Addrs.Intersect(World6()).IsEmpty() {
			impossible |= ICMPv6
		}
		if b.Addrs.Intersect(World4()).IsEmpty() {
			impossible |= ICMP
		}
		if strings.HasPrefix((p | impossible).Except(), "ALL") {
			p |= impossible
		}
	}
	return p.Except()
}

// Row is what one row of a table of flows shows: a box less some of its
// flows.
type Row struct {
	Box
	// Except are flows of the box that the row does not hold.
	Except Set
}

// maxExcept is the most exceptions a row takes: more read worse than
// the boxes themselves.
const maxExcept = 2

// Rows describes s in as few rows as reads well: its boxes, or the box
// that bounds them less a few services of it, over the same peers, that s
// does not hold (ALL from 10.0.0.0/8 except UDP 53).
func (s Set) Rows() []Row {
	if len(s) < 2 {
		rows := make([]Row, len(s))
		for i, b := range s {
			rows[i] = Row{Box: b}
		}
		return rows
	}
	bound := Box{}
	for _, b := range s {
		bound.Protos |= b.Protos
		bound.Ports = bound.Ports.Union(b.Ports)
		bound.Addrs = bound.Addrs.Union(b.Addrs)
	}
	holes := Possible(Set{bound}).Subtract(s)
	samePeers := !slices.ContainsFunc(holes, func(h Box) bool { return !h.Addrs.Equal(bound.Addrs) })
	if samePeers && len(holes) <= maxExcept && len(holes) < len(s) && Possible(Set{bound}).Subtract(holes).Contains(s) {
		holes.sort()
		return []Row{{Box: bound, Except: holes}}
	}
	rows := make([]Row, len(s))
	for i, b := range s {
		rows[i] = Row{Box: b}
	}
	return rows
}
