package requirements

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// report turns one cause into one finding.
func (e *evaluator) report(t target, d model.Direction, c *cause) {
	if c.rule != nil {
		key := ruleCause{t.role, d, c.rule}
		if e.reported == nil {
			e.reported = map[ruleCause]bool{}
		}
		if e.reported[key] {
			return
		}
		e.reported[key] = true
	}
	f := c.primary()
	w, _ := f.flows.Witness()
	flow := flowText(w, f.rows, t.who, d)
	var msg string
	var rng model.Range
	var related []analysis.Related
	address, chain := "", []model.Range(nil)
	key := ""
	switch {
	case c.rule != nil && f.req.Require == "forbid":
		msg = fmt.Sprintf("%s is accepted by %s (%s), which %s forbids: %s", flow, c.rule.Ref(), c.rule.Text(), f.req.ID, f.req.Title)
	case c.rule != nil:
		msg = fmt.Sprintf("%s is dropped by %s (%s)", flow, c.rule.Ref(), c.rule.Text())
		if later := acceptsLater(t.list, c.rule, w); later != nil {
			msg += fmt.Sprintf(" before %s could accept it", later.Ref())
			related = append(related, analysis.Related{Range: later.Source.Range, Message: later.Ref() + " would accept it"})
		}
		msg += "; TKE needs it: " + f.req.Title
	default:
		msg = fmt.Sprintf("%s matches no rule of %s, so it is dropped; %s", flow, groupNames(t.binding.SGs), f.req.Title)
	}
	if c.rule != nil {
		rng = c.rule.Source.Range
		address, chain = c.rule.Source.Owner.Address, c.rule.Source.Owner.CallChain
		key = c.rule.Group.Resource.Address + "|" + c.rule.Text()
		if t.role != "any" {
			related = append(related, analysis.Related{Range: t.binding.Range, Message: fmt.Sprintf("%s are bound to %s here", t.who, groupNames(t.binding.SGs))})
		}
	} else {
		rng = t.binding.Range
		if len(t.binding.Groups) > 0 {
			g := t.binding.Groups[0]
			address, chain = g.Resource.Address, g.Resource.CallChain
		}
		key = "binding|" + t.binding.Field + "|" + groupAddresses(t.binding.SGs)
		for _, g := range t.binding.Groups[min(1, len(t.binding.Groups)):] {
			related = append(related, analysis.Related{Range: g.Binding.Groups.Range(), Message: "the same groups are bound here"})
		}
	}
	if others := otherIDs(c, f); others != "" {
		msg += "; the same cause also breaks " + others
	}
	related = append(related, e.contextRelated(t)...)
	level := causeLevel(c, f)
	e.pass.Report(analysis.Diagnostic{
		Check: f.req.ID, Level: level, Range: rng, Message: msg, Related: dedupe(related),
		Fingerprint: strings.Join([]string{t.ctx.Address, t.role, d.String(), key}, "|"),
		Address:     address, CallChain: chain,
	})
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

func witnessSet(w flows.Flow) flows.Set {
	ports := flows.AllPorts()
	if w.Port != 0 {
		ports = flows.PortRange(w.Port, w.Port)
	}
	if !w.Addr.IsValid() {
		return flows.NewSet(w.Proto, ports, flows.Symbol(w.Sym))
	}
	a, _ := flows.ParseCIDR(w.Addr.String())
	return flows.NewSet(w.Proto, ports, a)
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

// otherIDs names the requirements the cause breaks besides f's.
func otherIDs(c *cause, f *failure) string {
	var ids []string
	for _, g := range c.failures {
		if g != f {
			ids = append(ids, g.req.ID)
		}
	}
	slices.Sort(ids)
	return strings.Join(ids, ", ")
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

func (e *evaluator) contextRelated(t target) []analysis.Related {
	var out []analysis.Related
	if !t.ctx.Decl.IsZero() {
		out = append(out, analysis.Related{Range: t.ctx.Decl, Message: "cluster " + t.ctx.Name + " is defined here"})
	}
	for _, sg := range t.binding.SGs {
		if sg.Defined && !sg.Resource.DeclRange.IsZero() {
			out = append(out, analysis.Related{Range: sg.Resource.DeclRange, Message: "sg " + sg.DisplayName() + " is defined here"})
		}
	}
	return out
}

func dedupe(rs []analysis.Related) []analysis.Related {
	var out []analysis.Related
	for _, r := range rs {
		if r.Range.IsZero() || slices.ContainsFunc(out, func(o analysis.Related) bool { return o.Range == r.Range }) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func noteLevel() *analysis.Level {
	l := analysis.LevelNote
	return &l
}

// reportUnknown gives one note for the requirements of a target that could
// not be decided for some flows.
func (e *evaluator) reportUnknown(t target, d model.Direction, reqs []*Requirement, unknown map[*Requirement]flows.Set, reasons []string) {
	var ids []string
	var sample flows.Set
	var sampleRows []row
	for _, req := range reqs {
		if s, ok := unknown[req]; ok && !s.IsEmpty() {
			ids = append(ids, req.ID)
			if sample == nil {
				sample, sampleRows = s, rows(req.Flows, t.ctx, e.comp.Resolver())
			}
		}
	}
	if len(ids) == 0 {
		return
	}
	slices.Sort(reasons)
	reasons = slices.Compact(reasons)
	shown := reasons
	if len(shown) > 3 {
		shown = append(slices.Clone(shown[:3]), fmt.Sprintf("and %d more", len(shown)-3))
	}
	w, _ := sample.Witness()
	msg := fmt.Sprintf("%s could not be decided for every flow (for example %s): %s",
		strings.Join(ids, ", "), flowText(w, sampleRows, t.who, d), strings.Join(shown, "; "))
	e.pass.Report(analysis.Diagnostic{
		Check: ids[0], Level: noteLevel(), Range: t.binding.Range, Message: msg, Undecided: reasons,
		Related:     dedupe(e.contextRelated(t)),
		Fingerprint: strings.Join([]string{t.ctx.Address, t.role, d.String(), "undecided", groupAddresses(t.binding.SGs)}, "|"),
	})
}

// reportMissing gives one note per network of the cluster that the
// requirements need and the input does not fully give.
func (e *evaluator) reportMissing(reqs []*Requirement) {
	ctx := e.ctx
	for _, n := range []struct {
		peer, what, flag, key string
		missing               []string
	}{
		{PeerClusterNetwork, "cluster network", "--vpc-cidr", "cluster_network", ctx.ClusterNet.Missing},
		{PeerContainerNetwork, "container network", "--container-cidr", "container_network", ctx.ContainerNet.Missing},
	} {
		if len(n.missing) == 0 {
			continue
		}
		var ids []string
		for _, r := range reqs {
			if usesPeer(r, n.peer) && (r.AppliesTo == "node" || r.AppliesTo == "master" && ctx.Independent()) {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		msg := fmt.Sprintf("the %s of cluster %s is unknown (%s), so %s are decided only where the answer does not depend on it; give it with %s or clusters[].%s in .tkesglint.yml",
			n.what, ctx.Name, strings.Join(n.missing, "; "), strings.Join(ids, ", "), n.flag, n.key)
		rng := ctx.Decl
		if rng.IsZero() && len(ctx.Nodes) > 0 {
			rng = ctx.Nodes[0].Range
		}
		e.pass.Report(analysis.Diagnostic{
			Check: ids[0], Level: noteLevel(), Range: rng, Message: msg, Undecided: n.missing,
			Fingerprint: ctx.Address + "|missing|" + n.peer,
		})
	}
}

func usesPeer(r *Requirement, peer string) bool {
	for _, fs := range [][]Flow{r.Flows, r.SatisfiedBy} {
		for _, f := range fs {
			if slices.Contains(f.Peers, peer) {
				return true
			}
		}
	}
	return false
}
