package inspect

import (
	"encoding/binary"

	"github.com/tkesglint/tkesglint/analyzers/flows"
)

// RegionsKey returns a key of what the regions of p depend on, and false
// when they depend on more than a key can say cheaply. Two policies with the
// same key have regions of the same verdicts and flows, in the same order,
// each decided by the rule at the same place in its list (RuleAt) or by
// none, with no causes, reasons or member accepts: a writer of many
// policies (generated groups, a module instantiated many times) evaluates
// and writes such regions once.
//
// The key is given for a list of one segment, complete and ordered, of
// distinct rules that are certain (no unknown value, no opaque peer, one
// action, no service that only may match). Then no flow of the universe
// is opaque (Universe without symbols), the environment is never read
// (it bounds opaque peers only: Rule.Match), every rule matches exactly
// its services over its concrete peer, and a flow either meets a rule that
// decides it for certain or, the list being complete, is dropped: no part
// is undecided, so none has causes or reasons, and MemberAccepts names
// only rules with opaque peers. The regions are then a function of the
// sequence of the rules' validity, action, services and peer ranges,
// which the key encodes. The group's name, the rules' places and texts,
// which the writer takes from p itself, are not in it.
func (p *Policy) RegionsKey() (string, bool) {
	if len(p.List) != 1 {
		return "", false
	}
	seg := p.List[0]
	if !seg.Complete || !seg.Ordered || len(seg.Members) > 0 {
		return "", false
	}
	key := make([]byte, 0, 64*len(seg.Rules))
	seen := make(map[*flows.Rule]bool, len(seg.Rules))
	for _, r := range seg.Rules {
		if seen[r] {
			// Regions places a rule that is listed twice by its last
			// place: not worth a key.
			return "", false
		}
		seen[r] = true
		if !r.Valid() {
			// An invalid rule matches nothing, but keeps its place.
			key = append(key, 0)
			continue
		}
		if !r.Certain() || r.PeerUnknown || len(r.MaybeServices) > 0 || r.Actions != flows.Accept && r.Actions != flows.Drop {
			return "", false
		}
		key = append(key, byte(r.Actions))
		key = binary.AppendUvarint(key, uint64(len(r.Services)))
		for _, s := range r.Services {
			key = append(key, byte(s.Protos))
			key = binary.AppendUvarint(key, uint64(len(s.Ports)))
			for _, pr := range s.Ports {
				key = binary.BigEndian.AppendUint16(key, pr.Lo)
				key = binary.BigEndian.AppendUint16(key, pr.Hi)
			}
		}
		key = binary.AppendUvarint(key, uint64(len(r.Peer.Ranges)))
		for _, a := range r.Peer.Ranges {
			var err error
			// An address's binary form holds its length and zone: an
			// IPv4 address and its IPv6 mapping differ.
			if key, err = a.Lo.AppendBinary(key); err != nil {
				return "", false
			}
			if key, err = a.Hi.AppendBinary(key); err != nil {
				return "", false
			}
		}
	}
	return string(key), true
}

// RuleAt returns the rule at place i of p's list (its rules in evaluation
// order), or nil when there is none.
func (p *Policy) RuleAt(i int) *flows.Rule {
	for _, seg := range p.List {
		if i < len(seg.Rules) {
			return seg.Rules[i]
		}
		i -= len(seg.Rules)
	}
	return nil
}

// RulePlace returns the place of r in p's list, -1 when it is not there:
// the inverse of RuleAt for a list of distinct rules.
func (p *Policy) RulePlace(r *flows.Rule) int {
	n := 0
	for _, seg := range p.List {
		for _, q := range seg.Rules {
			if q == r {
				return n
			}
			n++
		}
	}
	return -1
}
