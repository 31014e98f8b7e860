package flows

// Env is what evaluation knows about opaque peers: for each symbol, a set that
// holds all its members. A symbol without a bound may be anywhere in the
// world.
type Env struct {
	Bounds map[string]Addrs
	// Isolated makes opaque peers match only their own symbol, never the
	// concrete addresses of their bound. Shadow analysis uses it: there a
	// group's members are represented by the symbol alone.
	Isolated bool
	// StrictAccept makes an ACCEPT whose peer is opaque match only flows
	// from that same opaque set (or one its bound proves inside the rule),
	// never "maybe" other addresses: requirement checks need a proof of
	// acceptance (docs/design.md#three-valued-answers). An opaque DROP still
	// may match.
	StrictAccept bool
	// Loose symbols stand for a CIDR the input does not give (a cluster's
	// unknown container network): a rule whose CIDR overlaps their bound
	// may match them, whatever StrictAccept says, and one that covers the
	// bound matches them for certain.
	Loose map[string]bool
}

// Bound returns the known superset of symbol s.
func (e *Env) Bound(s string) Addrs {
	if b, ok := e.bound(s); ok {
		return b
	}
	return World()
}

// bound returns the bound of s, and false when s has none.
func (e *Env) bound(s string) (Addrs, bool) {
	if e == nil {
		return Addrs{}, false
	}
	b, ok := e.Bounds[s]
	return b, ok
}

// Match splits the flows of box b that r matches into those it matches for
// certain and those it may match.
func (r *Rule) Match(b Box, env *Env) (certain, maybe Set) {
	if !r.Valid() || !r.mayTouch(b) {
		return nil, nil
	}
	defAddrs, maybeAddrs := r.matchAddrs(b.Addrs, env)
	if defAddrs.IsEmpty() && maybeAddrs.IsEmpty() {
		return nil, nil
	}
	// Most rules have one service and a peer that is certain or not:
	// unions with an empty side are skipped, as they give the other side.
	anyAddrs := defAddrs
	switch {
	case defAddrs.IsEmpty():
		anyAddrs = maybeAddrs
	case !maybeAddrs.IsEmpty():
		anyAddrs = defAddrs.Union(maybeAddrs)
	}
	var defSvc Set
	for _, s := range r.Services {
		ports := b.Ports.Intersect(s.Ports)
		if c := (Box{b.Protos & s.Protos, ports, defAddrs}); !c.IsEmpty() {
			certain = unionBox(certain, c)
		}
		if d := (Box{b.Protos & s.Protos, ports, maybeAddrs}); !d.IsEmpty() {
			maybe = unionBox(maybe, d)
		}
		if a := (Box{b.Protos & s.Protos, ports, anyAddrs}); !a.IsEmpty() {
			defSvc = unionBox(defSvc, a)
		}
	}
	for _, s := range r.MaybeServices {
		m := NewSet(b.Protos&s.Protos, b.Ports.Intersect(s.Ports), anyAddrs).Subtract(defSvc)
		maybe = maybe.Union(m)
	}
	return certain, maybe
}

// unionBox returns s ∪ {b} for a box b that is not empty.
func unionBox(s Set, b Box) Set {
	if len(s) == 0 {
		return Set{b}
	}
	return s.Union(Set{b})
}

// matchAddrs splits peers a into those r's peer holds for certain and those
// it may hold.
func (r *Rule) matchAddrs(a Addrs, env *Env) (certain, maybe Addrs) {
	if r.PeerUnknown {
		// Groups may have members in the domain: they stay possible.
		return Addrs{}, Addrs{Ranges: a.Intersect(r.PeerDomain).Ranges, Syms: a.Syms}
	}
	isolated := env != nil && (env.Isolated || env.StrictAccept && r.Actions == Accept)
	concrete := r.Peer.Concrete()
	certain = a.Concrete().Intersect(concrete)
	var opaqueBound Addrs
	if !isolated {
		for _, t := range r.Peer.Syms {
			opaqueBound = opaqueBound.Union(env.Bound(t))
		}
	}
	maybe = a.Concrete().Intersect(opaqueBound).Subtract(certain)
	// Most symbols have no bound: the world is theirs, and what the peer
	// makes of it is worked out once for all of them.
	var world *peerOfBound
	for _, s := range a.Syms {
		if r.Peer.HasSym(s) {
			certain.Syms = append(certain.Syms, s)
			continue
		}
		var p peerOfBound
		if bound, ok := env.bound(s); ok {
			p = newPeerOfBound(bound, concrete, opaqueBound)
		} else {
			if world == nil {
				w := peerOfWorld(concrete, opaqueBound)
				world = &w
			}
			p = *world
		}
		switch {
		case p.covered:
			certain.Syms = append(certain.Syms, s)
		case isolated && !env.Loose[s]:
		case p.overlaps:
			maybe.Syms = append(maybe.Syms, s)
		}
	}
	return certain, maybe
}

// peerOfBound is how a rule's peer meets the bound of a symbol: whether the
// concrete peer covers it (its members all match), or the concrete peer or
// the bounds of the peer's own symbols overlap it (some may).
type peerOfBound struct {
	covered, overlaps bool
}

// newPeerOfBound tells how the peer meets bound without building a set:
// shadow analysis asks it of every rule of every list.
func newPeerOfBound(bound, concrete, opaqueBound Addrs) peerOfBound {
	return peerOfBound{
		// concrete has no symbols: a bound with one is never covered.
		covered:  len(bound.Syms) == 0 && bound.coversRanges(concrete),
		overlaps: bound.overlaps(concrete) || bound.overlaps(opaqueBound),
	}
}

// peerOfWorld is newPeerOfBound(World(), concrete, opaqueBound): every
// concrete range lies in the world, and the world has no symbol.
func peerOfWorld(concrete, opaqueBound Addrs) peerOfBound {
	return peerOfBound{
		covered:  concrete.CoversWorld4() && concrete.CoversWorld6(),
		overlaps: len(concrete.Ranges) > 0 || len(opaqueBound.Ranges) > 0,
	}
}

// hull bounds a set of flows in the protocol and port dimensions: the
// protocols of any part, and the lowest and highest port. Flows whose hulls
// do not overlap have no protocol and port in common.
type hull struct {
	protos Protos
	lo, hi uint16
}

// overlaps reports whether h and g may have a protocol and a port in
// common. An empty hull overlaps nothing.
func (h hull) overlaps(g hull) bool {
	return h.protos&g.protos != 0 && h.lo <= g.hi && g.lo <= h.hi
}

func (h hull) add(p Protos, ports Ports) hull {
	if p == 0 || ports.IsEmpty() {
		return h
	}
	lo, hi := ports[0].Lo, ports[len(ports)-1].Hi
	if h.protos == 0 {
		return hull{p, lo, hi}
	}
	return hull{h.protos | p, min(h.lo, lo), max(h.hi, hi)}
}

// servicesHull is the hull of the services of lists.
func servicesHull(lists ...[]Service) hull {
	var h hull
	for _, svcs := range lists {
		for _, s := range svcs {
			h = h.add(s.Protos, s.Ports)
		}
	}
	return h
}

// setHull is the hull of s.
func setHull(s Set) hull {
	var h hull
	for _, b := range s {
		h = h.add(b.Protos, b.Ports)
	}
	return h
}

// mayTouch is a cheap test that rules out most rules for most boxes before
// any set is built: some service of r must share a protocol and a port with b.
func (r *Rule) mayTouch(b Box) bool {
	for _, svcs := range [2][]Service{r.Services, r.MaybeServices} {
		for _, s := range svcs {
			if b.Protos&s.Protos != 0 && b.Ports.overlaps(s.Ports) {
				return true
			}
		}
	}
	return false
}
