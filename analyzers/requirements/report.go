package requirements

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// report turns one cause into one finding. A rule cause is reported once
// per cluster, role and direction, when the cluster is done (flush): the
// repair restores what it drops in every binding it breaks.
func (e *evaluator) report(t target, d model.Direction, c *cause) {
	if c.rule != nil {
		key := ruleCause{t.role, d, c.rule}
		if p, ok := e.pendingBy[key]; ok {
			p.causes = append(p.causes, targetCause{t, c})
			return
		}
	}
	f := c.primary()
	w, _ := f.flows.Witness()
	flow := flowText(w, f.rows, t.who, d)
	var msg string
	var at analysis.Object
	var aspect []string
	var related []analysis.Related
	switch {
	case c.rule != nil && f.req.Require == "forbid":
		msg = fmt.Sprintf("%s is accepted by %s (%s), which %s forbids: %s", flow, c.rule.Ref(), c.rule.Text(), f.req.ID, f.req.Title)
	case c.rule != nil:
		msg = fmt.Sprintf("%s is dropped by %s (%s)", flow, c.rule.Ref(), c.rule.Text())
		if later := acceptsLater(t.list, c.rule, w); later != nil {
			msg += fmt.Sprintf(" before %s could accept it", later.Ref())
			related = append(related, analysis.Related{Range: later.Source.Range, Message: later.Ref() + " would accept it"})
		}
		msg += opaqueAccepts(t.list, c.rule, w, &related)
		msg += "; TKE needs it: " + f.req.Title
	default:
		msg = fmt.Sprintf("%s matches no rule of %s, so it is dropped", flow, groupNames(t.binding.SGs))
		msg += opaqueAccepts(t.list, nil, w, &related) + "; " + f.req.Title
	}
	if c.rule != nil {
		at = onTarget{t: t, at: c.rule.Range(), res: c.rule.Resource()}
		aspect = []string{d.String(), c.rule.Group.Resource.Address, c.rule.Text()}
		if t.role != "any" {
			related = append(related, analysis.Related{Range: t.binding.At, Message: fmt.Sprintf("%s are bound to %s here", t.who, groupNames(t.binding.SGs))})
			related = append(related, bindingRelated(t.binding)...)
		}
	} else {
		place := onTarget{t: t, at: t.binding.At, res: t.binding.Resource()}
		aspect = []string{d.String(), "binding", t.binding.Field, groupAddresses(t.binding.SGs)}
		if d == model.Egress {
			// Egress is edited in the rules: point there, with the
			// binding as a related location. The finding still belongs to
			// the binding's node group, but is evaluated where the rules
			// are.
			if rng, owner, ok := e.rulesPlace(t.binding.SGs, d); ok {
				place.at, place.res.CallChain, place.res.Module = rng, owner.CallChain, owner.Module
				if t.role != "any" {
					related = append(related, analysis.Related{Range: t.binding.At, Message: fmt.Sprintf("%s are bound to %s here", t.who, groupNames(t.binding.SGs))})
				}
			}
		}
		related = append(related, bindingRelated(t.binding)...)
		for _, g := range t.binding.Groups[min(1, len(t.binding.Groups)):] {
			related = append(related, analysis.Related{Range: g.Binding.Groups.Range(), Message: "the same groups are bound here"})
		}
		at = place
	}
	if others := otherIDs(c, f); others != "" {
		msg += "; the same cause also breaks " + others
	}
	related = append(related, e.clusterRelated(t)...)
	e.recordCause(t, d, c, f, w, at.Range())
	diag := analysis.Diagnostic{
		Check: f.req.ID, Level: causeLevel(c, f), At: at, Aspect: aspect, Message: msg, Related: related,
	}
	if c.rule == nil {
		diag.Repairs, diag.NoRepair = e.repairNoMatch(t, d, c)
		e.pass.Report(diag)
		return
	}
	p := &pendingCause{diag: diag, dir: d, causes: []targetCause{{t, c}}}
	if e.pendingBy == nil {
		e.pendingBy = map[ruleCause]*pendingCause{}
	}
	e.pendingBy[ruleCause{t.role, d, c.rule}] = p
	e.pending = append(e.pending, p)
}

// pendingCause is the finding of a rule cause, with every binding of the
// cluster where the rule is the cause.
type pendingCause struct {
	diag   analysis.Diagnostic
	dir    model.Direction
	causes []targetCause
}

// targetCause is one cause in one target.
type targetCause struct {
	t target
	c *cause
}

// flush reports the rule causes of the cluster, each with its repair.
func (e *evaluator) flush() {
	for _, p := range e.pending {
		p.diag.Repairs, p.diag.NoRepair = e.repairRule(p)
		e.pass.Report(p.diag)
	}
	e.pending, e.pendingBy = nil, nil
}

// onTarget is a place of a finding about target t: a rule, or its binding.
// The finding is identified by the cluster and the role of the target,
// then by its aspect (the direction and the cause).
type onTarget struct {
	t   target
	at  model.Range
	res model.Resource
}

func (o onTarget) Range() model.Range       { return o.at }
func (o onTarget) Resource() model.Resource { return o.res }
func (o onTarget) Key() string              { return o.t.cl.Address + "|" + o.t.role }

// rulesPlace returns where the rules of direction d of the first group of
// sgs that the input defines are written, the place to add one: the span
// of its rules when one resource holds them all, else the resource that
// owns all its rules (a rule set without rules of d), else the group's
// definition. It also returns the resource that holds that place.
func (e *evaluator) rulesPlace(sgs []*model.SecurityGroup, d model.Direction) (model.Range, model.Resource, bool) {
	for _, sg := range sgs {
		if !sg.Defined {
			continue
		}
		if rules := sg.Rules(d).Rules; len(rules) > 0 {
			first, last := rules[0], rules[len(rules)-1]
			if slices.ContainsFunc(rules, func(r *model.Rule) bool { return r.Owner.Address != first.Owner.Address }) ||
				first.Range.Filename != last.Range.Filename || model.CompareRanges(first.Range, last.Range) > 0 {
				return sg.Resource.DeclRange, sg.Resource, true
			}
			return model.Range{Filename: first.Range.Filename, Start: first.Range.Start, End: last.Range.End}, first.Owner, true
		}
		for _, o := range e.ownersOf(sg) {
			if o.Kind.Exclusive() {
				return o.Resource.DeclRange, o.Resource, true
			}
		}
		return sg.Resource.DeclRange, sg.Resource, true
	}
	return model.Range{}, model.Resource{}, false
}

// flowText writes a witness flow with its direction and what its peer is.
func flowText(w flows.Flow, rs []row, who string, d model.Direction) string {
	peer := w.Peer()
	if label := describe(w, rs); label != "" && label != peer {
		peer += " (" + label + ")"
	}
	if d == model.Egress {
		return fmt.Sprintf("%s from %s to %s", w, who, peer)
	}
	return fmt.Sprintf("%s from %s to %s", w, peer, who)
}

// acceptsLater returns the first rule after r in l that certainly accepts w.
func acceptsLater(l flows.List, r *flows.Rule, w flows.Flow) *flows.Rule {
	probe := witnessSet(w)
	seen := false
	for _, seg := range l {
		for _, x := range seg.Rules {
			if x == r {
				seen = true
				continue
			}
			if !seen || x.Actions != flows.Accept {
				continue
			}
			if c, _ := x.MatchSet(probe, nil); !c.IsEmpty() {
				return x
			}
		}
	}
	return nil
}

// opaqueAccepts says which ACCEPT rules before r in l (every rule of l when
// r is nil) would accept w if the address template they name, whose members
// the input does not give, held w's peer. Such a rule satisfies a
// requirement only where the requirement names that same template
// (docs/design.md#three-valued-answers), so the verdict stands, but the
// reader must know what it rests on: it returns a clause for the message,
// and adds each rule to related.
func opaqueAccepts(l flows.List, r *flows.Rule, w flows.Flow, related *[]analysis.Related) string {
	var first string
	for _, seg := range l {
		for _, x := range seg.Rules {
			if x == r {
				return first
			}
			name, opaque := x.OpaqueTemplate()
			if !opaque || x.Actions != flows.Accept {
				continue
			}
			if c, _ := x.MatchSet(flows.NewSet(w.Proto, witnessPorts(w), x.Peer), nil); c.IsEmpty() {
				continue
			}
			what := fmt.Sprintf("%s is in %s", w.Peer(), name)
			if first == "" {
				first = fmt.Sprintf(", unless %s: %s (%s) would then accept it", what, x.Ref(), x.Text())
			}
			*related = append(*related, analysis.Related{Range: x.Source.Range, Message: fmt.Sprintf("%s accepts it if %s", x.Ref(), what)})
		}
	}
	return first
}

func witnessSet(w flows.Flow) flows.Set {
	ports := witnessPorts(w)
	if !w.Addr.IsValid() {
		return flows.NewSet(w.Proto, ports, flows.Symbol(w.Sym))
	}
	a, _ := flows.ParseCIDR(w.Addr.String())
	return flows.NewSet(w.Proto, ports, a)
}

// witnessPorts is the port of a witness flow, or every port.
func witnessPorts(w flows.Flow) flows.Ports {
	if w.Port != 0 {
		return flows.PortRange(w.Port, w.Port)
	}
	return flows.AllPorts()
}

func groupNames(sgs []*model.SecurityGroup) string {
	if len(sgs) == 0 {
		return "any security group"
	}
	names := make([]string, len(sgs))
	for i, sg := range sgs {
		names[i] = "sg " + sg.DisplayName()
	}
	return strings.Join(names, ", ")
}

// groupAddresses is the part of a fingerprint that names the groups of a
// binding: their addresses sorted, since reordering the groups (the very
// change that fixes a TKESG101) must not make an unchanged finding new.
func groupAddresses(sgs []*model.SecurityGroup) string {
	names := make([]string, len(sgs))
	for i, sg := range sgs {
		names[i] = sg.Resource.Address
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

// otherIDs names the requirements the cause breaks besides f's, each with
// what it requires: "TKESG103 (nodes accept UDP 53 from the container
// network) and TKESG104 (…)".
func otherIDs(c *cause, f *failure) string {
	var others []*Requirement
	for _, g := range c.failures {
		if g != f {
			others = append(others, g.req)
		}
	}
	slices.SortFunc(others, func(a, b *Requirement) int { return strings.Compare(a.ID, b.ID) })
	names := make([]string, len(others))
	for i, r := range others {
		names[i] = r.ID + " (" + r.Title + ")"
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// causeLevel is the level of the finding of cause c, reported under f: the
// most severe level among the requirements it breaks, so that an error it
// causes is never reported as a note because another requirement lost a
// larger share. Nil means f's own requirement level.
func causeLevel(c *cause, f *failure) *analysis.Level {
	own := effectiveLevel(f)
	best := own
	for _, g := range c.failures {
		if l := effectiveLevel(g); l < best {
			best = l
		}
	}
	if base, err := analysis.ParseLevel(f.req.Level); err == nil && best == base {
		return nil
	}
	return &best
}

// effectiveLevel is what failure f is worth on its own.
func effectiveLevel(f *failure) analysis.Level {
	if l := levelOf(f); l != nil {
		return *l
	}
	l, err := analysis.ParseLevel(f.req.Level)
	if err != nil {
		return analysis.LevelError
	}
	return l
}

// levelOf is the requirement's level, or a row's own level when only rows
// with that level fail.
func levelOf(f *failure) *analysis.Level {
	rest := f.flows
	override := ""
	for _, r := range f.rows {
		if r.level == "" {
			continue
		}
		if !rest.Intersect(r.set).IsEmpty() {
			override = r.level
		}
		rest = rest.Subtract(r.set)
	}
	if !rest.IsEmpty() || override == "" {
		return nil
	}
	l, err := analysis.ParseLevel(override)
	if err != nil {
		return nil
	}
	return &l
}

func (e *evaluator) clusterRelated(t target) []analysis.Related {
	var out []analysis.Related
	if !t.cl.Decl.IsZero() {
		out = append(out, analysis.Related{Range: t.cl.Decl, Message: "cluster " + t.cl.Name + " is defined here"})
	}
	for _, sg := range t.binding.SGs {
		if sg.Defined && !sg.Resource.DeclRange.IsZero() {
			out = append(out, analysis.Related{Range: sg.Resource.DeclRange, Message: "sg " + sg.DisplayName() + " is defined here"})
		}
	}
	return out
}

// undecided is what could not be decided for some targets of a cluster, for
// one set of reasons: one note (docs/design.md#three-valued-answers: each
// missing value said once).
type undecided struct {
	role    string
	reasons []string
	ids     []string
	// example is a witness flow, with the requirement it belongs to.
	example string
	targets []target
}

// reportUnknown records the requirements of target t that could not be
// decided for some flows in direction d; reportUndecided says them.
func (e *evaluator) reportUnknown(t target, d model.Direction, reqs []*Requirement, unknown map[*Requirement]flows.Set, reasons []string) {
	var ids []string
	var sample flows.Set
	var sampleRows []row
	concrete := false
	known := flows.NewSet(flows.AllProtos, flows.AllPorts(), flows.World())
	for _, req := range reqs {
		s, ok := unknown[req]
		if !ok || s.IsEmpty() {
			continue
		}
		ids = append(ids, req.ID)
		// A witness from known addresses says more than one from a
		// network whose CIDR is unknown.
		if c := s.Intersect(known); !concrete && !c.IsEmpty() {
			sample, sampleRows, concrete = c, rows(req.Flows, t.cl, e.comp.Resolver()), true
		} else if sample == nil {
			sample, sampleRows = s, rows(req.Flows, t.cl, e.comp.Resolver())
		}
	}
	if len(ids) == 0 {
		return
	}
	reasons = slices.Clone(reasons)
	slices.Sort(reasons)
	reasons = slices.Compact(reasons)
	var u *undecided
	for _, x := range e.undecided {
		if x.role == t.role && slices.Equal(x.reasons, reasons) {
			u = x
			break
		}
	}
	if u == nil {
		w, _ := sample.Witness()
		u = &undecided{role: t.role, reasons: reasons, example: flowText(w, sampleRows, t.who, d)}
		e.undecided = append(e.undecided, u)
	}
	for _, id := range ids {
		if !slices.Contains(u.ids, id) {
			u.ids = append(u.ids, id)
		}
	}
	if !slices.ContainsFunc(u.targets, func(x target) bool { return x.binding == t.binding }) {
		u.targets = append(u.targets, t)
	}
}

// reportUndecided gives one note per set of reasons: at the first binding
// they leave undecided, with the others as related locations, for every
// requirement and direction they touch.
func (e *evaluator) reportUndecided() {
	for _, u := range e.undecided {
		slices.Sort(u.ids)
		shown := u.reasons
		if len(shown) > 3 {
			shown = append(slices.Clone(shown[:3]), fmt.Sprintf("and %d more", len(shown)-3))
		}
		t := u.targets[0]
		msg := fmt.Sprintf("%s could not be decided for every flow (for example %s): %s",
			strings.Join(u.ids, ", "), u.example, strings.Join(shown, "; "))
		related := bindingRelated(t.binding)
		for _, o := range u.targets[1:] {
			related = append(related, analysis.Related{Range: o.binding.At, Message: "the same is undecided for " + o.who + " bound here"})
			related = append(related, bindingRelated(o.binding)...)
		}
		related = append(related, e.clusterRelated(t)...)
		e.pass.Report(analysis.Diagnostic{
			Check: u.ids[0], At: onTarget{t: t, at: t.binding.At, res: t.binding.Resource()},
			Aspect:  []string{"undecided", groupAddresses(t.binding.SGs)},
			Message: msg, Undecided: u.reasons, Related: related,
		})
	}
	e.undecided = nil
}

// bindingRelated points at where a calling module chose the groups of the
// first node group of b, when it did.
func bindingRelated(b *topology.Binding) []analysis.Related {
	if len(b.Groups) == 0 || b.Groups[0].Binding.Origin.IsZero() {
		return nil
	}
	return []analysis.Related{{Range: b.Groups[0].Binding.Origin, Message: "the calling module chooses the bound security groups here"}}
}

// reportMissing gives one note per network of the cluster whose CIDRs
// are (partly) missing, when knowing them would decide some requirement
// (checkRuleset records which): never for a cluster where nothing else
// is known either.
func (e *evaluator) reportMissing() {
	cl := e.cl
	for _, n := range []struct {
		peer, what string
		net        topology.Network
	}{
		{PeerClusterNetwork, "cluster network", cl.ClusterNet},
		{PeerContainerNetwork, "container network", cl.ContainerNet},
	} {
		ids := slices.Clone(e.needNet[n.peer])
		if len(n.net.Missing) == 0 || len(ids) == 0 {
			continue
		}
		slices.Sort(ids)
		missing := unique(n.net.Missing)
		msg := fmt.Sprintf("the %s of cluster %s is unknown (%s), so %s are decided only where the answer does not depend on it",
			n.what, cl.Name, strings.Join(missing, "; "), strings.Join(ids, ", "))
		if n.net.Supply != "" {
			msg += "; give it with " + n.net.Supply
		}
		e.pass.Report(analysis.Diagnostic{
			Check: ids[0], At: cl, Aspect: []string{"missing", n.peer}, Message: msg, Undecided: missing,
		})
	}
}

// unique returns ss without repetitions, in their first order.
func unique(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
