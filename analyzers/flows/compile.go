package flows

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Outcome is a set of possible results of evaluating a flow.
type Outcome uint8

// The results of a flow. NoMatch is DROP when the rule list is complete.
const (
	Accept Outcome = 1 << iota
	Drop
	NoMatch
)

// Service is a protocol set with its ports.
type Service struct {
	Protos Protos
	Ports  Ports
}

// Problem is a reason why a rule is invalid (TKESG402).
type Problem struct {
	Range   model.Range
	Message string
}

// Rule is a model rule compiled for evaluation. An invalid rule (one with
// Problems) matches nothing: Tencent Cloud would refuse it.
type Rule struct {
	Source *model.Rule
	// Group is the security group the rule belongs to.
	Group *model.SecurityGroup
	// Actions is Accept or Drop, or both when the action is unresolved.
	Actions Outcome
	// Services match for certain; MaybeServices may match (an unresolved
	// protocol, port or service template).
	Services      []Service
	MaybeServices []Service
	// Peer is the set of peers the rule names: concrete ranges, or symbols.
	Peer Addrs
	// PeerUnknown is true when the peer is unresolved: it may be anything
	// its field can hold, which PeerDomain bounds (an unresolved cidr_block
	// is some IPv4 range, never IPv6).
	PeerUnknown bool
	PeerDomain  Addrs
	// PeerIsGroup is true when the unresolved peer is a security group:
	// its members may be any addresses, but never the whole world.
	PeerIsGroup bool
	// Unknowns name the unresolved values of the rule.
	Unknowns []string
	// PeerLabel is how messages name the peer: the CIDR as written, "sg
	// <name>" for a group, a template's name. It does not depend on the
	// input format.
	PeerLabel string
	Problems  []Problem
	// peerTemplateMissing is true when the peer names an address template
	// that the input does not define.
	peerTemplateMissing bool
	// hull bounds the services, certain and maybe, for quick rejection.
	hull hull
}

// Valid reports whether the rule has no problem.
func (r *Rule) Valid() bool { return len(r.Problems) == 0 }

// Certain reports whether every part of the rule is resolved, so that its
// match is exact.
func (r *Rule) Certain() bool { return len(r.Unknowns) == 0 && len(r.Peer.Syms) == 0 }

// MayCoverWorld reports whether the rule's peer covers the world or might:
// it is unresolved (and not a group), or it names an address template whose
// members are not in the input.
func (r *Rule) MayCoverWorld() bool {
	return r.CoversWorld() || r.PeerUnknown && !r.PeerIsGroup || slices.ContainsFunc(r.Peer.Syms, isTemplateSymbol)
}

// OpaqueTemplate reports whether the rule's peer is an address template
// whose members the input does not give, and says which in a few words:
// "address template ipm-12345678, which is not in the input".
func (r *Rule) OpaqueTemplate() (string, bool) {
	if !slices.ContainsFunc(r.Peer.Syms, isTemplateSymbol) {
		return "", false
	}
	if r.peerTemplateMissing {
		return "address template " + r.PeerLabel + ", which is not in the input", true
	}
	return r.PeerLabel + ", whose members are not known", true
}

// CoversWorld reports whether the rule's peer certainly holds all of IPv4 or
// all of IPv6.
func (r *Rule) CoversWorld() bool {
	return !r.PeerUnknown && (r.Peer.CoversWorld4() || r.Peer.CoversWorld6())
}

// Compile turns a model rule into a Rule, resolving templates and groups with
// res and validating every field.
func Compile(src *model.Rule, res *Resolver) *Rule {
	r := &Rule{Source: src}
	if src.Malformed != "" {
		r.problem(src.Range, "%s", src.Malformed)
		return r
	}
	r.compileAction()
	r.compileService(res)
	r.compilePeer(res)
	if len(r.Problems) > 0 {
		r.Services, r.MaybeServices, r.Peer, r.PeerUnknown, r.PeerIsGroup = nil, nil, Addrs{}, false, false
	}
	r.hull = servicesHull(r.Services, r.MaybeServices)
	return r
}

func (r *Rule) problem(rng model.Range, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{rng, fmt.Sprintf(format, args...)})
}

func (r *Rule) unknown(v model.String, field string) {
	reason := v.Reason()
	if reason == "" {
		reason = field + " is unresolved"
	}
	r.Unknowns = append(r.Unknowns, reason)
}

func (r *Rule) compileAction() {
	a := r.Source.Action
	v, ok := a.Get()
	switch {
	case !ok:
		r.Actions = Accept | Drop
		r.unknown(a, "action")
	case strings.EqualFold(strings.TrimSpace(v), "accept"):
		r.Actions = Accept
	case strings.EqualFold(strings.TrimSpace(v), "drop"):
		r.Actions = Drop
	case a.State() == model.Defaulted:
		r.problem(r.Source.Range, "the rule has no action (want ACCEPT or DROP)")
	default:
		r.problem(a.Range(), "unknown action %q (want ACCEPT or DROP)", v)
	}
}

func (r *Rule) compileService(res *Resolver) {
	src := r.Source
	if tmpl := firstSet(src.ServiceTemplate, src.ServiceTemplateGroup); tmpl != nil {
		svcs, ok := serviceTemplate(*tmpl, res, map[string]bool{})
		if ok {
			r.Services = svcs
		} else {
			r.MaybeServices = []Service{{AllProtos, AllPorts()}}
			r.unknown(*tmpl, "service template")
		}
		return
	}
	protos, protoKnown, ok := r.compileProtocol()
	if !ok {
		return
	}
	ports, portKnown, ok := r.compilePort()
	if !ok {
		return
	}
	if protoKnown && portKnown && !ports.IsAll() && protos&^PortProtos != 0 {
		r.problem(src.Port.Range(), "port %s is given with protocol %s; only TCP and UDP have ports (use ALL)", ports, protoName(src.Protocol))
		return
	}
	switch {
	case protoKnown && portKnown:
		r.Services = []Service{{protos, ports}}
	case protoKnown && protos&^PortProtos != 0:
		// Ports do not narrow these protocols; an unknown port only matters
		// for TCP and UDP.
		r.Services = []Service{{protos &^ PortProtos, AllPorts()}}
		if protos&PortProtos != 0 {
			r.MaybeServices = []Service{{protos & PortProtos, AllPorts()}}
		}
	case protoKnown:
		r.MaybeServices = []Service{{protos, AllPorts()}}
	case portKnown && !ports.IsAll():
		r.MaybeServices = []Service{{PortProtos, ports}}
	default:
		r.MaybeServices = []Service{{AllProtos, AllPorts()}}
	}
}

// compileProtocol reads the protocol: known is false when it is unresolved,
// ok is false when it is invalid (a problem was recorded).
func (r *Rule) compileProtocol() (protos Protos, known, ok bool) {
	src := r.Source
	v, resolved := src.Protocol.Get()
	switch {
	case !resolved:
		r.unknown(src.Protocol, "protocol")
		return AllProtos, false, true
	case src.Protocol.State() != model.Written:
		return AllProtos, true, true
	}
	p, valid := ParseProto(v)
	if !valid {
		r.problem(src.Protocol.Range(), "unknown protocol %q (want TCP, UDP, ICMP, ICMPv6, GRE or ALL)", v)
		return 0, false, false
	}
	return p, true, true
}

// compilePort reads the port like compileProtocol reads the protocol.
func (r *Rule) compilePort() (ports Ports, known, ok bool) {
	src := r.Source
	v, resolved := src.Port.Get()
	switch {
	case !resolved:
		r.unknown(src.Port, "port")
		return AllPorts(), false, true
	case src.Port.State() != model.Written:
		return AllPorts(), true, true
	}
	p, err := ParsePorts(v)
	if err != nil {
		r.problem(src.Port.Range(), "%v", err)
		return nil, false, false
	}
	return p, true, true
}

func protoName(p model.String) string {
	if v, ok := p.Get(); ok && p.State() == model.Written {
		return strings.ToUpper(v)
	}
	return "ALL"
}

// firstSet returns the first value that is set, not defaulted. (The
// parsers turn the empty strings their formats write for an absent value
// into its absence: model.OmitEmpty.)
func firstSet(vs ...model.String) *model.String {
	for i := range vs {
		if vs[i].State() != model.Defaulted {
			return &vs[i]
		}
	}
	return nil
}

// serviceTemplate resolves a ppm-/ppmg- reference to its services.
func serviceTemplate(ref model.String, res *Resolver, seen map[string]bool) ([]Service, bool) {
	id, ok := ref.Get()
	if !ok || res == nil || seen[id] {
		return nil, false
	}
	seen[id] = true
	t := res.service[id]
	if t == nil {
		return nil, false
	}
	var out []Service
	if t.Group {
		members, ok := t.Members.Get()
		if !ok {
			return nil, false
		}
		for _, m := range members {
			svcs, ok := serviceTemplate(m, res, seen)
			if !ok {
				return nil, false
			}
			out = append(out, svcs...)
		}
		return out, true
	}
	entries, ok := t.Services.Get()
	if !ok {
		return nil, false
	}
	for _, e := range entries {
		v, ok := e.Get()
		if !ok {
			return nil, false
		}
		s, err := ParseServiceEntry(v)
		if err != nil {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// ParseServiceEntry reads a protocol-template entry: tcp:80, tcp:80,443,
// udp:3306-20000, tcp:all, icmp, gre.
func ParseServiceEntry(s string) (Service, error) {
	name, ports, hasPorts := strings.Cut(strings.TrimSpace(s), ":")
	p, ok := ParseProto(name)
	if !ok || p == AllProtos {
		return Service{}, errorf("unknown protocol in service %q", s)
	}
	if !hasPorts || p&PortProtos == 0 {
		return Service{p, AllPorts()}, nil
	}
	pp, err := ParsePorts(ports)
	if err != nil {
		return Service{}, err
	}
	return Service{p, pp}, nil
}

// peerWords names a kind of peer for a person.
func peerWords(k model.PeerKind) string {
	switch k {
	case model.PeerCIDR:
		return "CIDR"
	case model.PeerIPv6CIDR:
		return "IPv6 CIDR"
	case model.PeerSecurityGroup:
		return "security group"
	case model.PeerAddressTemplate:
		return "address template"
	case model.PeerAddressTemplateGroup:
		return "address template group"
	}
	return k.String()
}

// emptyPeers returns the peers that the rule writes but leaves empty ("",
// or an expression that gives ""), in the order they are written: the
// parsers keep them as defaulted at the place they are written, inside the
// rule, while an absent peer is defaulted at the rule itself. A rule that
// names no peer because a module fills its peer with "" points there, not
// at the whole rule.
func emptyPeers(rule *model.Rule) []model.Peer {
	var out []model.Peer
	for _, p := range []model.Peer{
		{Kind: model.PeerCIDR, Value: rule.CIDR}, {Kind: model.PeerIPv6CIDR, Value: rule.IPv6CIDR},
		{Kind: model.PeerSecurityGroup, Value: rule.SecurityGroup},
		{Kind: model.PeerAddressTemplate, Value: rule.AddressTemplate},
		{Kind: model.PeerAddressTemplateGroup, Value: rule.AddressTemplateGroup},
	} {
		if rng := p.Value.Range(); p.Value.State() == model.Defaulted && rng != rule.Range && within(rng, rule.Range) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b model.Peer) int {
		switch {
		case before(a.Value.Range().Start, b.Value.Range().Start):
			return -1
		case before(b.Value.Range().Start, a.Value.Range().Start):
			return 1
		}
		return 0
	})
	return out
}

// joinAnd joins words as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// within reports whether inner lies in outer.
func within(inner, outer model.Range) bool {
	return inner.Filename == outer.Filename && !inner.IsZero() &&
		!before(inner.Start, outer.Start) && !before(outer.End, inner.End)
}

// before reports whether a comes before b.
func before(a, b model.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
}

func (r *Rule) compilePeer(res *Resolver) {
	peers := r.Source.Peer()
	switch len(peers) {
	case 0:
		if empty := emptyPeers(r.Source); len(empty) > 0 {
			words := make([]string, len(empty))
			for i, p := range empty {
				words[i] = peerWords(p.Kind)
			}
			words[0] += " (here)"
			verb := "is"
			if len(words) > 1 {
				verb = "are"
			}
			r.problem(empty[0].Value.Range(), "the rule names no peer: its %s %s empty (want exactly one CIDR, IPv6 CIDR, security group or address template)", joinAnd(words), verb)
			return
		}
		r.problem(r.Source.Range, "the rule names no peer (want exactly one CIDR, IPv6 CIDR, security group or address template)")
		return
	case 1:
	default:
		r.problem(r.Source.Range, "the rule names %d peers (%s); exactly one is allowed", len(peers), fieldNames(peers))
		return
	}
	p := peers[0]
	v, ok := p.Value.Get()
	if !ok {
		r.PeerUnknown = true
		r.PeerDomain = peerDomain(r.Source.Kind, p.Kind)
		r.PeerIsGroup = p.Kind == model.PeerSecurityGroup
		r.unknown(p.Value, p.Kind.String())
		return
	}
	v = strings.TrimSpace(v)
	r.PeerLabel = v
	switch p.Kind {
	case model.PeerCIDR, model.PeerIPv6CIDR:
		a, err := ParseCIDR(v)
		if err != nil {
			r.problem(p.Value.Range(), "%v", err)
			return
		}
		r.Peer = a
		r.checkFamily(p.Value)
	case model.PeerSecurityGroup:
		r.Peer = Symbol(res.GroupSymbol(v))
		r.PeerLabel = r.Peer.Syms[0]
	case model.PeerAddressTemplate, model.PeerAddressTemplateGroup:
		r.Peer = addressTemplate(v, res, map[string]bool{})
		r.PeerLabel = res.templateName(v)
		r.peerTemplateMissing = res == nil || res.addrs[v] == nil
	}
}

// peerDomain is what an unresolved peer field may hold: the API's CidrBlock
// is IPv4 and Ipv6CidrBlock IPv6; a lite rule's source, a group or a
// template may be anything.
func peerDomain(kind model.RuleKind, peer model.PeerKind) Addrs {
	switch {
	case peer == model.PeerIPv6CIDR:
		return World6()
	case peer == model.PeerCIDR && kind != model.LiteRule:
		return World4()
	}
	return World()
}

func fieldNames(ps []model.Peer) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Kind.String()
	}
	return strings.Join(names, ", ")
}

// checkFamily rejects ICMP with an IPv6 peer and ICMPv6 with an IPv4 one.
func (r *Rule) checkFamily(peer model.String) {
	if len(r.Services) != 1 {
		return
	}
	is6 := len(r.Peer.Ranges) > 0 && r.Peer.Ranges[0].Lo.Is6()
	switch p := r.Services[0].Protos; {
	case p == ICMP && is6:
		r.problem(r.Source.Protocol.Range(), "ICMP with the IPv6 peer %s; IPv6 uses ICMPv6", peer.Value())
	case p == ICMPv6 && !is6:
		r.problem(r.Source.Protocol.Range(), "ICMPv6 with the IPv4 peer %s; IPv4 uses ICMP", peer.Value())
	}
}

// ParseCIDR reads a peer address as Tencent Cloud does: an IPv4 or IPv6
// address or prefix. Any 0.0.0.0/n is the whole IPv4 world, as the API treats
// it; host bits of other prefixes are ignored.
func ParseCIDR(s string) (Addrs, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return Addrs{}, errorf("%q is not a valid CIDR", s)
		}
		if p.Addr().Is4() && p.Addr().IsUnspecified() {
			return World4(), nil
		}
		return Prefix(p), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return Addrs{}, errorf("%q is not a valid IP address or CIDR", s)
	}
	return Prefix(netip.PrefixFrom(a, a.BitLen())), nil
}

// IsWorldAlias reports whether s is written as 0.0.0.0/n with n > 0, which
// Tencent Cloud silently treats as 0.0.0.0/0.
func IsWorldAlias(s string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	return err == nil && p.Addr().Is4() && p.Addr().IsUnspecified() && p.Bits() > 0
}

// addressTemplate resolves an ipm-/ipmg- reference to its members; a template
// templateSymbol starts the symbol of an address template whose members are
// not known.
const templateSymbol = "template "

// isTemplateSymbol reports whether a symbol stands for an address template.
func isTemplateSymbol(s string) bool { return strings.HasPrefix(s, templateSymbol) }

// whose members are not in the input is an opaque symbol.
func addressTemplate(ref string, res *Resolver, seen map[string]bool) Addrs {
	opaque := Symbol(templateSymbol + ref)
	if res == nil || seen[ref] {
		return opaque
	}
	seen[ref] = true
	t := res.addrs[ref]
	if t == nil {
		return opaque
	}
	if id, ok := t.ID.Get(); ok && id != "" {
		opaque = Symbol(templateSymbol + id)
	} else {
		opaque = Symbol(templateSymbol + t.Resource.Address)
	}
	var out Addrs
	if t.Group {
		members, ok := t.Members.Get()
		if !ok {
			return opaque
		}
		for _, m := range members {
			v, ok := m.Get()
			if !ok {
				return opaque
			}
			out = out.Union(addressTemplate(v, res, seen))
		}
		return out
	}
	entries, ok := t.Addresses.Get()
	if !ok {
		return opaque
	}
	for _, e := range entries {
		v, ok := e.Get()
		if !ok {
			return opaque
		}
		a, err := ParseAddressEntry(v)
		if err != nil {
			return opaque
		}
		out = out.Union(a)
	}
	return out
}

// ParseAddressEntry reads an address-template entry: an IP, a CIDR or a range
// a-b.
func ParseAddressEntry(s string) (Addrs, error) {
	lo, hi, isRange := strings.Cut(strings.TrimSpace(s), "-")
	if !isRange {
		return ParseCIDR(s)
	}
	l, err1 := netip.ParseAddr(strings.TrimSpace(lo))
	h, err2 := netip.ParseAddr(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil || l.Is4() != h.Is4() || l.Compare(h) > 0 {
		return Addrs{}, errorf("%q is not a valid address range", s)
	}
	return Addrs{Ranges: []AddrRange{{l, h}}}, nil
}
