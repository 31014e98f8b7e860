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
	// acceptance (requirements.md §3). An opaque DROP still may match.
	StrictAccept bool
	// Loose symbols stand for a CIDR the input does not give (a cluster's
	// unknown container network): a rule whose CIDR overlaps their bound
	// may match them, whatever StrictAccept says, and one that covers the
	// bound matches them for certain.
	Loose map[string]bool
}

// Bound returns the known superset of symbol s.
func (e *Env) Bound(s string) Addrs {
	if e != nil {
		if b, ok := e.Bounds[s]; ok {
			return b
		}
	}
	return World()
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
	anyAddrs := defAddrs.Union(maybeAddrs)
	var defSvc Set
	for _, s := range r.Services {
		c := Box{b.Protos & s.Protos, b.Ports.Intersect(s.Ports), defAddrs}
		if !c.IsEmpty() {
			certain = certain.Union(Set{c})
		}
		if d := (Box{b.Protos & s.Protos, b.Ports.Intersect(s.Ports), maybeAddrs}); !d.IsEmpty() {
			maybe = maybe.Union(Set{d})
		}
		defSvc = defSvc.Union(NewSet(b.Protos&s.Protos, b.Ports.Intersect(s.Ports), anyAddrs))
	}
	for _, s := range r.MaybeServices {
		m := NewSet(b.Protos&s.Protos, b.Ports.Intersect(s.Ports), anyAddrs).Subtract(defSvc)
		maybe = maybe.Union(m)
	}
	return certain, maybe
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
	for _, s := range a.Syms {
		bound := env.Bound(s)
		switch {
		case r.Peer.HasSym(s) || bound.Subtract(concrete).IsEmpty():
			certain.Syms = append(certain.Syms, s)
		case isolated && !env.Loose[s]:
		case !bound.Intersect(concrete).IsEmpty() || !bound.Intersect(opaqueBound).IsEmpty():
			maybe.Syms = append(maybe.Syms, s)
		}
	}
	return certain, maybe
}

// mayTouch is a cheap test that rules out most rules for most boxes before
// any set is built: some service of r must share a protocol and a port with b.
func (r *Rule) mayTouch(b Box) bool {
	for _, svcs := range [2][]Service{r.Services, r.MaybeServices} {
		for _, s := range svcs {
			if b.Protos&s.Protos != 0 && portsOverlap(b.Ports, s.Ports) {
				return true
			}
		}
	}
	return false
}

func portsOverlap(p, q Ports) bool {
	i, j := 0, 0
	for i < len(p) && j < len(q) {
		if p[i].Lo <= q[j].Hi && q[j].Lo <= p[i].Hi {
			return true
		}
		if p[i].Hi < q[j].Hi {
			i++
		} else {
			j++
		}
	}
	return false
}
