package requirements

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// The repair of a requirement that a cause breaks is ACCEPT rules that
// restore what the cause takes, and nothing else (docs/fixing.md):
//
//   - A DROP rule: the new rules go right above it, in its group, and must
//     accept every flow of the requirements it drops, in every binding of
//     the cluster where it drops them.
//   - No rule: the new rules go at the end of one group of the binding,
//     the node group's own: the last group of the binding that every
//     binding of the cluster's nodes (or masters) binds and nothing else
//     does; else the last that they all bind; else the last of the
//     binding. Its rules must be in the input in full, in a known order.
//
// A new rule may also match flows whose fate it does not change in any
// binding the group is in (a rule above decides them, or they are accepted
// anyway), flows the requirements need and miss there, and the flows the
// requirement exempts (TCP 22 and 3389 for TKESG101 and 102), which only a
// rule of protocol ALL can leave out of nothing: the message says so when
// a new rule accepts them. The driver then proves the change.

// maxDescription is the longest description Tencent Cloud keeps.
const maxDescription = 100

// repairRule plans the repair of a rule cause.
func (e *evaluator) repairRule(p *pendingCause) (repairs []analysis.Repair, why string) {
	first := p.causes[0]
	r := first.c.rule
	if forbids(first.c) {
		return nil, ""
	}
	for _, tc := range p.causes {
		if seg := segmentOf(tc.t.list, r); seg == nil || !seg.Ordered {
			why := "the order of its rules is undefined"
			if seg != nil && seg.Why != "" {
				why = seg.Why
			}
			return nil, fmt.Sprintf("no rule can be placed above %s: %s", r.Ref(), why)
		}
	}
	var must flows.Set
	var fs []*failure
	for _, tc := range p.causes {
		must = must.Union(causeFlows(tc.c))
		fs = append(fs, tc.c.failures...)
	}
	if whole(first.t.list, r, must, e.env()) {
		names, n := ids(fs)
		return nil, fmt.Sprintf("every flow that %s (%s) decides is one %s %s: delete the rule, since an ACCEPT above it would leave it no use",
			r.Ref(), r.Text(), names, plural(n, "needs", "need"))
	}
	at := placement{group: r.Group, before: r}
	repair, why := e.plan(first.t, p.dir, at, must, fs)
	if repair == nil {
		return nil, why
	}
	return []analysis.Repair{*repair}, ""
}

// whole reports whether every flow that rule r of l decides (those no
// rule above it decides) is in must.
func whole(l flows.List, r *flows.Rule, must flows.Set, env *flows.Env) bool {
	if !r.Certain() {
		return false
	}
	var own flows.Set
	for _, s := range r.Services {
		own = own.Union(flows.NewSet(s.Protos, s.Ports, r.Peer))
	}
	var decided flows.Set
	for _, p := range l.Evaluate(own, env) {
		if p.Rule == r {
			decided = decided.Union(p.Flows)
		}
	}
	return !decided.IsEmpty() && must.Contains(flows.Possible(decided))
}

// repairNoMatch plans the repair of flows that no rule of t's binding
// matches.
// The groups are tried in order of preference (ownGroups): the driver
// offers the first repair it can write and prove.
func (e *evaluator) repairNoMatch(t target, d model.Direction, c *cause) (repairs []analysis.Repair, why string) {
	if forbids(c) {
		return nil, ""
	}
	sgs, why := e.ownGroups(t, d)
	var out []analysis.Repair
	var whys []string
	for _, sg := range sgs {
		repair, why := e.plan(t, d, placement{group: sg}, causeFlows(c), c.failures)
		if repair == nil {
			whys = append(whys, why)
			continue
		}
		out = append(out, *repair)
	}
	if len(out) == 0 {
		if why != "" {
			whys = append(whys, why)
		}
		return nil, strings.Join(unique(whys), "; ")
	}
	return out, ""
}

// placement is where new rules go: right above before, or at the end of
// group's list when before is nil.
type placement struct {
	group  *model.SecurityGroup
	before *flows.Rule
}

// position returns the index in l, counting every rule of every segment,
// where the rules of at go; ok is false when l does not hold at's group.
func (at placement) position(l flows.List) (int, bool) {
	n := 0
	for _, seg := range l {
		for i, r := range seg.Rules {
			if at.before != nil && r == at.before {
				return n + i, true
			}
		}
		n += len(seg.Rules)
		if at.before == nil && seg.Group == at.group {
			return n, true
		}
	}
	if at.before == nil && len(l) == 1 && !l[0].Ordered {
		// The groups of a set, merged: a rule that only accepts flows no
		// rule matches may go anywhere.
		return n, true
	}
	return 0, false
}

// plan turns the flows to restore at a placement into a repair: the
// rules, checked against every binding of the cluster the group is in.
func (e *evaluator) plan(t target, d model.Direction, at placement, must flows.Set, fs []*failure) (repair *analysis.Repair, why string) {
	if why := e.unwritable(must, t.cl); why != "" {
		return nil, why
	}
	var exempt flows.Set
	for _, f := range fs {
		exempt = exempt.Union(union(f.rows).Subtract(f.query))
	}
	syms := slices.Concat(must.Addrs().Syms, exempt.Addrs().Syms)
	universe := flows.Universe(syms...)
	env := e.env()
	may := universe
	// kept are the exempt flows whose fate the new rules change in no
	// binding: a rule above them (the user's DROP of TCP 22) decides them.
	var kept flows.Set
	placed := false
	for _, o := range e.affected(t, d, at) {
		pos, ok := at.position(o.list)
		if !ok {
			continue
		}
		may = may.Intersect(unchanged(o.list, pos, universe, env).Union(missing(o.list, fs, env)))
		if !placed {
			kept, placed = exempt, true
		}
		kept = kept.Intersect(unchanged(o.list, pos, exempt, env))
	}
	// The flows a requirement exempts (TCP 22 and 3389 of TKESG101) are
	// not restored where the rule format can leave them out: a DROP the
	// user wrote above the missing flows may be what keeps SSH closed.
	// Only when no rules can do without them (a protocol only ALL names)
	// may the repair take them too, and it says so.
	shapes, err := flows.Cover(must, may.Union(must))
	if errors.Is(err, flows.ErrNoCover) {
		shapes, err = flows.Cover(must, may.Union(exempt).Union(must))
	}
	if err != nil {
		if errors.Is(err, flows.ErrNoCover) {
			return nil, "no ACCEPT rules restore exactly what is missing: " + strings.TrimPrefix(err.Error(), flows.ErrNoCover.Error()+": ")
		}
		return nil, err.Error()
	}
	flows.SortShapes(shapes)
	rules, origins := e.newRules(shapes, d, t.cl, fs)
	var covered flows.Set
	for _, s := range shapes {
		covered = covered.Union(s.Set())
	}
	msg := placeText(at, d, rules, shapes)
	if extra := flows.Possible(covered.Intersect(exempt).Subtract(kept)).Subtract(must); !extra.IsEmpty() {
		var exempting []*failure
		for _, f := range fs {
			if !extra.Intersect(union(f.rows).Subtract(f.query)).IsEmpty() {
				exempting = append(exempting, f)
			}
		}
		names, n := ids(exempting)
		msg += fmt.Sprintf("; %s also %s %s, which %s %s not require (TKE's own rules accept this traffic too)",
			plural(len(shapes), "it", "they"), plural(len(shapes), "accepts", "accept"), setText(extra, d),
			names, plural(n, "does", "do"))
	}
	repair = &analysis.Repair{
		Message: msg,
		Change: model.Change{Insert: &model.Insertion{
			Group: at.group, Direction: d, Before: sourceOf(at.before), Rules: rules,
			Owners: e.ownersOf(at.group), Origins: origins,
		}},
		Subject: t.who,
	}
	if t.role != "any" {
		repair.AlsoBound = e.binders(at.group, t)
		for _, b := range e.bindingsOf(t) {
			for _, g := range b.Groups {
				repair.Serves = append(repair.Serves, g.Resource.Address)
			}
		}
	}
	return repair, ""
}

// affected returns the targets of the cluster in t's role and direction
// whose list the new rules go into, t included.
func (e *evaluator) affected(t target, d model.Direction, at placement) []target {
	if t.role == "any" {
		return []target{t}
	}
	var out []target
	for _, o := range e.targets() {
		if o.role != t.role || o.binding.Empty || o.binding.Unresolved != "" || !slices.Contains(o.binding.SGs, at.group) {
			continue
		}
		if o.binding == t.binding {
			o.list = t.list
		} else {
			o.list = e.listOf(o.binding, d)
		}
		out = append(out, o)
	}
	if len(out) == 0 {
		out = append(out, t)
	}
	return out
}

// unchanged returns the flows of q whose fate does not change when ACCEPT
// rules go at index pos of l: a rule above decides them, or they are
// accepted whatever the order.
func unchanged(l flows.List, pos int, q flows.Set, env *flows.Env) flows.Set {
	index := map[*flows.Rule]int{}
	n := 0
	ordered := true
	for _, seg := range l {
		ordered = ordered && seg.Ordered
		for _, r := range seg.Rules {
			index[r] = n
			n++
		}
	}
	var out flows.Set
	for _, p := range l.Evaluate(q, env) {
		if p.Verdict == flows.Accepted || ordered && p.Rule != nil && index[p.Rule] < pos {
			out = out.Union(p.Flows)
		}
	}
	return out
}

// missing returns the flows of the requirements of fs that l drops.
func missing(l flows.List, fs []*failure, env *flows.Env) flows.Set {
	var out flows.Set
	for _, f := range fs {
		for _, p := range l.Evaluate(f.query, env) {
			if p.Verdict == flows.Dropped {
				out = out.Union(p.Flows)
			}
		}
	}
	return out
}

// causeFlows returns what a cause takes from the requirements it breaks.
func causeFlows(c *cause) flows.Set {
	var s flows.Set
	for _, f := range c.failures {
		s = s.Union(f.flows)
	}
	return s
}

// forbids reports whether the cause breaks a requirement that forbids
// flows: a rule that accepts them has no mechanical repair.
func forbids(c *cause) bool {
	return slices.ContainsFunc(c.failures, func(f *failure) bool { return f.req.Require == "forbid" })
}

// segmentOf returns the segment of l that holds r.
func segmentOf(l flows.List, r *flows.Rule) *flows.Segment {
	for i := range l {
		if slices.Contains(l[i].Rules, r) {
			return &l[i]
		}
	}
	return nil
}

// ownersOf returns the resources that define rules of sg.
func (e *evaluator) ownersOf(sg *model.SecurityGroup) []*model.RuleOwner {
	refs := sg.Refs()
	var out []*model.RuleOwner
	for _, o := range e.pass.Input.RuleOwners {
		if v, ok := o.SecurityGroup.Get(); ok && slices.Contains(refs, v) {
			out = append(out, o)
		}
	}
	return out
}

// sourceOf returns the model rule of r, nil for nil.
func sourceOf(r *flows.Rule) *model.Rule {
	if r == nil {
		return nil
	}
	return r.Source
}

// ownGroups returns the groups of t's binding that new rules for flows
// no rule matches may go into, best first (see the top of this file), or
// says why there is none.
func (e *evaluator) ownGroups(t target, d model.Direction) (groups []*model.SecurityGroup, why string) {
	var editable, common, own []*model.SecurityGroup
	var whys []string
	bindings := e.bindingsOf(t)
	for _, sg := range t.binding.SGs {
		list := sg.Rules(d)
		switch {
		case !sg.Defined:
			whys = append(whys, "sg "+sg.DisplayName()+" is not defined in the input")
			continue
		case !list.Complete || !list.Ordered:
			whys = append(whys, fmt.Sprintf("the %s rules of sg %s cannot take one at a known place: %s", d, sg.DisplayName(), list.Why))
			continue
		}
		editable = append(editable, sg)
		if !slices.ContainsFunc(bindings, func(b *topology.Binding) bool { return !slices.Contains(b.SGs, sg) }) {
			common = append(common, sg)
			if !e.boundOutside(sg, t) {
				own = append(own, sg)
			}
		}
	}
	var out []*model.SecurityGroup
	for _, list := range [][]*model.SecurityGroup{own, common, editable} {
		for _, sg := range slices.Backward(list) {
			if !slices.Contains(out, sg) {
				out = append(out, sg)
			}
		}
	}
	if len(out) > 0 {
		return out, ""
	}
	if len(whys) == 0 {
		return nil, "no security group is bound"
	}
	return nil, "no bound security group can take a rule: " + strings.Join(whys, "; ")
}

// bindingsOf returns the bindings of t's cluster in t's role.
func (e *evaluator) bindingsOf(t target) []*topology.Binding {
	switch t.role {
	case "node":
		return t.cl.Nodes
	case "master":
		return t.cl.Masters
	}
	return []*topology.Binding{t.binding}
}

// binders returns what binds sg in the input, besides the bindings of the
// cluster of t in t's role: node groups of other roles or clusters,
// instances, endpoints.
func (e *evaluator) binders(sg *model.SecurityGroup, t target) []string {
	res := e.comp.Resolver()
	var out []string
	names := func(l model.StringList) bool {
		vs, _ := l.Get()
		return slices.ContainsFunc(vs, func(v model.String) bool { s, ok := v.Get(); return ok && res.SecurityGroup(s) == sg })
	}
	mine := map[*model.NodeGroup]bool{}
	for _, b := range e.bindingsOf(t) {
		for _, g := range b.Groups {
			mine[g] = true
		}
	}
	for _, c := range e.pass.Input.Clusters {
		for _, g := range slices.Concat(c.NodeGroups, c.MasterGroups) {
			if !mine[g] && names(g.Binding.Groups) {
				out = append(out, g.Resource.Address)
			}
		}
		for _, ep := range []model.String{c.Endpoint.InternetSecurityGroup, c.Endpoint.IntranetSecurityGroup} {
			if s, ok := ep.Get(); ok && res.SecurityGroup(s) == sg {
				out = append(out, "the API endpoint of "+c.Resource.Address)
			}
		}
	}
	members := map[string]bool{}
	for _, b := range e.bindingsOf(t) {
		for _, g := range b.Groups {
			ids, _ := g.Instances.Get()
			for _, id := range ids {
				members[id.Value()] = true
			}
		}
	}
	for _, inst := range e.pass.Input.Instances {
		if members[inst.Resource.Address] || members[inst.ID.Value()] {
			continue // a CVM of these very nodes
		}
		for _, b := range inst.Bindings {
			if names(b.Groups) {
				out = append(out, inst.Resource.Address)
				break
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// boundOutside reports whether anything but the bindings of t's cluster
// in t's role binds sg.
func (e *evaluator) boundOutside(sg *model.SecurityGroup, t target) bool {
	return t.role != "any" && len(e.binders(sg, t)) > 0
}

// unwritable says why no rule can name some peer of must: a network whose
// CIDRs are unknown, a group that is not a node group of the cluster.
func (e *evaluator) unwritable(must flows.Set, cl *topology.Cluster) string {
	groups := e.symbolGroups(cl)
	for _, sym := range must.Addrs().Syms {
		if groups[sym] != nil {
			continue
		}
		for _, n := range []struct {
			label string
			net   topology.Network
		}{{"cluster network", cl.ClusterNet}, {"container network", cl.ContainerNet}, {"service network", cl.ServiceNet}} {
			if sym == unknownNetwork(n.label) {
				msg := fmt.Sprintf("the %s of cluster %s is unknown (%s), so no rule can name it", n.label, cl.Name, strings.Join(unique(n.net.Missing), "; "))
				if n.net.Supply != "" {
					msg += "; give it with " + n.net.Supply
				}
				return msg
			}
		}
		return "no rule can name " + sym + ", whose members are not known"
	}
	return ""
}

// symbolGroups maps the opaque sets of the node groups of cl to them.
func (e *evaluator) symbolGroups(cl *topology.Cluster) map[string]*model.SecurityGroup {
	out := map[string]*model.SecurityGroup{}
	for _, sg := range cl.NodeGroups() {
		out[e.comp.Resolver().GroupSymbol(sg.Resource.Address)] = sg
	}
	return out
}

// newRules writes shapes as ACCEPT rules of direction d, each described by
// the requirements it serves, with the values of the input their CIDRs
// come from.
func (e *evaluator) newRules(shapes []flows.Shape, d model.Direction, cl *topology.Cluster, fs []*failure) (rules []*model.Rule, origins map[*model.Rule]model.Origin) {
	groups := e.symbolGroups(cl)
	origins = map[*model.Rule]model.Origin{}
	for _, s := range shapes {
		w := func(v string) model.String { return model.WrittenValue(v, model.Range{}) }
		none := model.DefaultedValue("", model.Range{})
		r := &model.Rule{
			Direction: d, Action: w("ACCEPT"), Protocol: w(s.ProtocolText()), Port: w(s.PortText()),
			CIDR: none, IPv6CIDR: none, SecurityGroup: none, AddressTemplate: none, AddressTemplateGroup: none,
			ServiceTemplate: none, ServiceTemplateGroup: none,
			PolicyIndex: model.DefaultedValue(0, model.Range{}),
		}
		switch {
		case s.Sym != "":
			r.SecurityGroup = w(groups[s.Sym].Resource.Address)
		case s.Prefix.Addr().Is6():
			r.IPv6CIDR = w(s.Prefix.String())
		default:
			r.CIDR = w(s.Prefix.String())
		}
		r.Description = w(description(s, fs))
		if o, ok := originOf(s, cl); ok {
			origins[r] = o
		}
		rules = append(rules, r)
	}
	return rules, origins
}

// originOf returns the value of the input that the CIDR of shape s is, or
// a part of: a CIDR of one of the networks of cl. Two values that give it
// in different ways name none.
func originOf(s flows.Shape, cl *topology.Cluster) (model.Origin, bool) {
	if s.Sym != "" {
		return model.Origin{}, false
	}
	var found []model.Origin
	for _, n := range []topology.Network{cl.ContainerNet, cl.ClusterNet, cl.ServiceNet} {
		for _, o := range n.Origins {
			p, err := netip.ParsePrefix(strings.TrimSpace(o.Value.Value()))
			if err != nil {
				continue
			}
			p = p.Masked()
			if !p.Contains(s.Prefix.Addr()) || p.Bits() > s.Prefix.Bits() {
				continue
			}
			o.Exact = p == s.Prefix
			if !slices.ContainsFunc(found, func(f model.Origin) bool {
				return f.Value.Range() == o.Value.Range() && f.Scope.Address == o.Scope.Address
			}) {
				found = append(found, o)
			}
		}
	}
	if len(found) != 1 {
		return model.Origin{}, false
	}
	return found[0], true
}

// description says which requirements a new rule serves: the one it
// restores the most of, and those it restores in full ("TKESG101, TKESG103:
// nodes accept UDP 53 from the container network"), within the
// length Tencent Cloud keeps.
func description(s flows.Shape, fs []*failure) string {
	set := s.Set()
	var primary *Requirement
	best, whole := -1.0, 0.0
	for _, f := range fs {
		// Of requirements the rule restores as much of, the narrowest
		// says best what the rule is for (UDP 53 from the pods is
		// TKESG103's, though TKESG101 needs it too).
		share, size := set.Intersect(f.flows).Size(), f.query.Size()
		if share > best*(1+1e-9) || share >= best*(1-1e-9) && size < whole*(1-1e-9) {
			primary, best, whole = f.req, share, size
		}
	}
	served := []*Requirement{primary}
	for _, f := range fs {
		if !f.flows.IsEmpty() && set.Contains(f.flows) && !slices.Contains(served, f.req) {
			served = append(served, f.req)
		}
	}
	slices.SortFunc(served, func(a, b *Requirement) int { return strings.Compare(a.ID, b.ID) })
	idList := make([]string, len(served))
	for i, r := range served {
		idList[i] = r.ID
	}
	desc := strings.Join(idList, ", ") + ": " + primary.Title
	for utf8.RuneCountInString(desc) > maxDescription {
		desc = string([]rune(desc)[:maxDescription-1]) + "…"
	}
	return desc
}

// ids lists the requirements of fs, "TKESG101" or "TKESG101 and
// TKESG102", and says how many there are.
func ids(fs []*failure) (text string, n int) {
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.req.ID) {
			out = append(out, f.req.ID)
		}
	}
	slices.Sort(out)
	if len(out) == 1 {
		return out[0], 1
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1], len(out)
}

// placeText says what the repair does: "Insert ACCEPT ALL from
// 172.16.0.0/16 above ingress rule 2 of sg nodes", "Add 2 ACCEPT rules at
// the end of the egress rules of sg nodes: …".
func placeText(at placement, d model.Direction, rules []*model.Rule, shapes []flows.Shape) string {
	texts := make([]string, len(shapes))
	for i, s := range shapes {
		texts[i] = shapeText(s, d)
	}
	what := "ACCEPT " + texts[0]
	if len(rules) > 1 {
		what = fmt.Sprintf("%d ACCEPT rules", len(rules))
	}
	var msg string
	if at.before != nil {
		msg = fmt.Sprintf("Insert %s above %s (%s)", what, at.before.Ref(), at.before.Text())
	} else {
		msg = fmt.Sprintf("Add %s at the end of the %s rules of sg %s", what, d, at.group.DisplayName())
	}
	if len(rules) > 1 {
		msg += ": " + strings.Join(texts, "; ")
	}
	return msg
}

// shapeText writes a new rule as Rule.Text does, without the action, and
// with the group a rule names by its address.
func shapeText(s flows.Shape, d model.Direction) string {
	peer := s.Prefix.String()
	if s.Sym != "" {
		peer = s.Sym
	}
	word := " from "
	if d == model.Egress {
		word = " to "
	}
	if s.Ports.IsAll() {
		return s.ProtocolText() + word + peer
	}
	return s.ProtocolText() + " " + s.PortText() + word + peer
}

// setText writes a set of flows for a message: "TCP 22,3389 from
// 172.16.0.0/16".
func setText(s flows.Set, d model.Direction) string {
	word := " from "
	if d == model.Egress {
		word = " to "
	}
	parts := make([]string, len(s))
	for i, b := range s {
		text := b.Protos.String()
		if !b.Ports.IsAll() {
			text += " " + b.Ports.String()
		}
		parts[i] = text + word + b.Addrs.String()
	}
	return strings.Join(parts, " and ")
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
