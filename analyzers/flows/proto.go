package flows

import (
	"math/bits"
	"strings"
)

// Protos is a set of IP protocols as a bit mask. Other stands for every IP
// protocol a rule cannot name (SCTP, ESP, …): only ALL matches it.
type Protos uint8

// The protocols a rule can name.
const (
	TCP Protos = 1 << iota
	UDP
	ICMP
	ICMPv6
	GRE
	Other

	// AllProtos is every IP protocol.
	AllProtos = TCP | UDP | ICMP | ICMPv6 | GRE | Other
	// PortProtos are the protocols that have ports.
	PortProtos = TCP | UDP
)

// protoNames are the names of the protocol bits, lowest bit first.
func protoNames() []string { return []string{"TCP", "UDP", "ICMP", "ICMPv6", "GRE", "other"} }

// ParseProto reads a protocol name in any case: TCP, UDP, ICMP, ICMPv6, GRE,
// ALL.
func ParseProto(s string) (Protos, bool) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "all") {
		return AllProtos, true
	}
	for i, n := range protoNames()[:5] {
		if strings.EqualFold(s, n) {
			return 1 << i, true
		}
	}
	return 0, false
}

// Has reports whether p holds every protocol of q.
func (p Protos) Has(q Protos) bool { return p&q == q }

// First returns the lowest protocol of p, in the preference order of
// witnesses (TCP first).
func (p Protos) First() Protos { return p & -p }

// String formats p: ALL, TCP, TCP+UDP.
func (p Protos) String() string {
	if p == AllProtos {
		return "ALL"
	}
	if p == 0 {
		return "none"
	}
	var names []string
	for i, n := range protoNames() {
		if p&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, "+")
}

// Count returns the number of protocols in p.
func (p Protos) Count() int { return bits.OnesCount8(uint8(p)) }
