package requirements

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// New returns the analyzer of the requirements of rulesets over the clusters
// that topo (a topology.New analyzer) resolves. The checks of
// built-in requirements get their title and help from their documentation
// page where checks are assembled (rulesets.Document); those of users'
// rulesets say what the ruleset says.
func New(rulesets []*Ruleset, topo *analysis.Analyzer) *analysis.Analyzer {
	a := &analysis.Analyzer{Name: "requirements", Requires: []*analysis.Analyzer{compiled.Analyzer, topo}}
	var reqs []*Requirement
	for _, rs := range rulesets {
		for _, req := range rs.Requirements {
			req.Ruleset = rs.Name
			reqs = append(reqs, req)
			a.Checks = append(a.Checks, checkOf(req, rs.Builtin))
		}
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		// A requirement whose check is off is not evaluated at all: a cause
		// that breaks it and others is reported, and repaired, for the
		// others alone, so that its flows are never written (a disabled
		// TKESG104 opens no NodePorts to the world).
		on := slices.DeleteFunc(slices.Clone(reqs), func(r *Requirement) bool { return !pass.On(r.ID) })
		return run(pass, topology.Of(pass, topo), on), nil
	}
	return a
}

func checkOf(req *Requirement, builtin bool) *analysis.Check {
	level, err := analysis.ParseLevel(req.Level)
	if err != nil {
		level = analysis.LevelError
	}
	if builtin {
		return analysis.NewCheck(req.ID, slug(req.Title), level, level.SecuritySeverity(), "high")
	}
	help := req.Help
	if strings.TrimSpace(help) == "" {
		help = fmt.Sprintf("Requirement %s of ruleset %s: %s.", req.ID, req.Ruleset, req.Title)
	}
	if req.Source != "" {
		help += "\n\nSource: " + req.Source
	}
	return &analysis.Check{
		ID: req.ID, Name: slug(req.Title), Level: level, Title: req.Title, Help: help,
		SecuritySeverity: level.SecuritySeverity(), Precision: "high", Tags: []string{"security", "tke", "ruleset"},
	}
}

// slug turns a title into a SARIF rule name: "nodes accept UDP 53 from the
// container network" → "nodes-accept-udp-53-from-the-container-network".
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// target is one ordered list of security groups that requirements are
// checked on: the binding of some nodes or masters of a cluster, or one
// group on its own.
type target struct {
	cl      *topology.Cluster
	role    string // node, master, endpoint-internet, endpoint-intranet, any
	binding *topology.Binding
	list    flows.List
	// who names the target in messages: "the nodes of cluster prod".
	who string
	// orderReported is set when the groups are bound through a set and
	// their rules conflict: TKESG303 says at the binding that their order
	// decides some flows, so notes do not say it again.
	orderReported bool
}

func run(pass *analysis.Pass, cls []*topology.Cluster, reqs []*Requirement) *Result {
	comp := compiled.Of(pass)
	result := &Result{Requirements: reqs}
	for _, cl := range cls {
		e := &evaluator{pass: pass, comp: comp, cl: cl, result: result}
		e.clusterResult()
		e.recordNotApplicable(inapplicable(reqs, cl), "master", nil, "the masters of cluster "+cl.Name, NotApplicable,
			"cluster "+cl.Name+" is "+cl.DeployType+": the requirement does not apply to it")
		e.recordNotApplicable(inapplicable(reqs, cl), "node", nil, "the nodes of cluster "+cl.Name, NotApplicable,
			"cluster "+cl.Name+" is "+cl.DeployType+" with network type "+cl.NetworkType+": the requirement does not apply to it")
		for _, t := range e.targets() {
			if t.binding.Empty && t.role == "node" {
				// Nothing can be decided for nodes bound to no group, and
				// TKESG305 already says so at this binding.
				e.recordNotApplicable(applicable(reqs, "node", model.Ingress, cl), "node", t.binding, t.who, Undecided,
					"no security group is bound, so the CVMs use the project's default security group, whose rules are not in the input (TKESG305)")
				e.recordNotApplicable(applicable(reqs, "node", model.Egress, cl), "node", t.binding, t.who, Undecided,
					"no security group is bound, so the CVMs use the project's default security group, whose rules are not in the input (TKESG305)")
				continue
			}
			t.orderReported = e.conflicting(t.binding)
			for _, d := range []model.Direction{model.Ingress, model.Egress} {
				e.check(t, d, applicable(reqs, t.role, d, cl))
			}
		}
		e.flush()
		e.reportMissing()
		e.reportUndecided()
	}
	for _, sg := range pass.Input.SecurityGroups {
		e := &evaluator{pass: pass, comp: comp, cl: standalone(), result: result}
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			t := target{cl: e.cl, role: "any", list: flows.List{comp.Segment(sg, d)}, who: "sg " + sg.DisplayName(),
				binding: &topology.Binding{SGs: []*model.SecurityGroup{sg}, At: sg.Resource.DeclRange, Ordered: true}}
			e.check(t, d, applicable(reqs, "any", d, nil))
		}
		e.flush()
		e.reportUndecided()
	}
	return result
}

// inapplicable returns the requirements for nodes or masters whose when:
// conditions exclude cl.
func inapplicable(reqs []*Requirement, cl *topology.Cluster) []*Requirement {
	var out []*Requirement
	for _, r := range reqs {
		if (r.AppliesTo == "node" || r.AppliesTo == "master") && !slices.Contains(applicable([]*Requirement{r}, r.AppliesTo, r.Direction, cl), r) {
			out = append(out, r)
		}
	}
	return out
}

// applicable returns the requirements for role and direction d that apply
// to cl (nil cl: only those without conditions).
func applicable(reqs []*Requirement, role string, d model.Direction, cl *topology.Cluster) []*Requirement {
	var out []*Requirement
	for _, r := range reqs {
		if r.AppliesTo != role || r.Direction != d {
			continue
		}
		if cl == nil && (len(r.When.DeployType) > 0 || len(r.When.NetworkType) > 0) {
			continue // a condition on the cluster holds for no group on its own
		}
		if cl != nil && (!matches(r.When.DeployType, cl.DeployType) || !matches(r.When.NetworkType, cl.NetworkType)) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func matches(list []string, v string) bool {
	if len(list) == 0 {
		return true
	}
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

type evaluator struct {
	pass *analysis.Pass
	comp *flows.Compiler
	cl   *topology.Cluster
	// pending holds the rule causes of this cluster, by role and
	// direction, reported by flush: a DROP that several bindings share is
	// one cause (docs/design.md#one-cause-one-finding: judged per cluster and direction).
	pending   []*pendingCause
	pendingBy map[ruleCause]*pendingCause
	// undecided collects what could not be decided, one entry per role and
	// set of reasons, so that each cause is said once (reportUndecided).
	undecided []*undecided
	// needNet lists, per network peer whose CIDRs are (partly) missing,
	// the requirements that knowing them would decide (reportMissing).
	needNet map[string][]string
	// result keeps what was decided, for the matrix (Result).
	result *Result
}

// ruleCause identifies a rule cause within one cluster.
type ruleCause struct {
	role string
	dir  model.Direction
	rule *flows.Rule
}

// targets lists the bindings of the cluster, and its endpoint groups.
func (e *evaluator) targets() []target {
	var out []target
	for _, role := range []topology.Role{topology.Node, topology.Master} {
		for _, b := range e.cl.Bindings(role) {
			name := "node"
			if role == topology.Master {
				name = "master"
			}
			out = append(out, target{cl: e.cl, role: name, binding: b, who: "the " + role.String() + " of cluster " + e.cl.Name})
		}
	}
	if c := e.cl.Model; c != nil {
		for _, ep := range []struct {
			role string
			ref  model.String
		}{{"endpoint-internet", c.Endpoint.InternetSecurityGroup}, {"endpoint-intranet", c.Endpoint.IntranetSecurityGroup}} {
			ref, ok := ep.ref.Get()
			if !ok || ref == "" {
				continue
			}
			sg := e.comp.Resolver().SecurityGroup(ref)
			if sg == nil {
				continue
			}
			out = append(out, target{cl: e.cl, role: ep.role, who: "the API endpoint of cluster " + e.cl.Name,
				binding: &topology.Binding{SGs: []*model.SecurityGroup{sg}, Ordered: true, At: ep.ref.Range(), Field: ep.role}})
		}
	}
	return out
}

// conflicting reports whether b binds groups through a set whose rules
// conflict in some direction: what TKESG303 reports (analyzers/binding).
func (e *evaluator) conflicting(b *topology.Binding) bool {
	if b.Ordered || len(b.SGs) < 2 || b.Unresolved != "" || b.Empty {
		return false
	}
	for _, d := range []model.Direction{model.Ingress, model.Egress} {
		if _, ok := flows.FindConflict(e.comp.List(b.SGs, d)); ok {
			return true
		}
	}
	return false
}

// listOf builds the evaluation list of a binding in direction d.
func (e *evaluator) listOf(b *topology.Binding, d model.Direction) flows.List {
	switch {
	case b.Unresolved != "":
		return flows.List{{Ordered: true, Why: "the bound security groups are unknown: " + b.Unresolved}}
	case b.Empty:
		return flows.List{{Ordered: true, Why: "no security group is bound, so the CVMs use the project's default security group, whose rules are not in the input"}}
	}
	l := e.comp.List(b.SGs, d)
	for i := range l {
		if !l[i].Complete && l[i].Why == "" {
			l[i].Why = "the rules of sg " + l[i].Group.DisplayName() + " are not all in the input"
		}
	}
	if b.Ordered || len(l) < 2 {
		return l
	}
	merged := flows.Segment{Group: l[0].Group, Members: l, Complete: l.Complete(),
		Why: "the order of " + groupNames(b.SGs) + " is undefined: " + b.Field + " is a set, whose order Terraform does not keep"}
	for _, s := range l {
		merged.Rules = append(merged.Rules, s.Rules...)
	}
	return flows.List{merged}
}

// env bounds the node groups' members by the cluster network.
func (e *evaluator) env() *flows.Env {
	env := &flows.Env{StrictAccept: true, Bounds: map[string]flows.Addrs{}, Loose: map[string]bool{}}
	for _, label := range []string{"cluster network", "container network", "service network"} {
		sym := unknownNetwork(label)
		env.Bounds[sym], env.Loose[sym] = privateRanges(), true
	}
	if e.cl.ClusterNet.Known() && len(e.cl.ClusterNet.Missing) == 0 {
		for _, sg := range e.cl.NodeGroups() {
			env.Bounds[e.comp.Resolver().GroupSymbol(sg.Resource.Address)] = e.cl.ClusterNet.Addrs
		}
	}
	return env
}

// failure is what one requirement loses to one cause.
type failure struct {
	req   *Requirement
	rows  []row
	query flows.Set
	flows flows.Set
}

// cause is a DROP (or, for forbid, ACCEPT) rule, or the binding itself.
type cause struct {
	rule     *flows.Rule // nil: no rule matches
	failures []*failure
}

// check evaluates reqs on target t in direction d, one ruleset at a time.
func (e *evaluator) check(t target, d model.Direction, reqs []*Requirement) {
	for len(reqs) > 0 {
		n := 1
		for n < len(reqs) && reqs[n].Ruleset == reqs[0].Ruleset {
			n++
		}
		e.checkRuleset(t, d, reqs[:n])
		reqs = reqs[n:]
	}
}

// checkRuleset evaluates the requirements of one ruleset.
func (e *evaluator) checkRuleset(t target, d model.Direction, reqs []*Requirement) {
	if t.list == nil {
		t.list = e.listOf(t.binding, d)
	}
	env := e.env()
	var causes []*cause
	unknown := map[*Requirement]flows.Set{}
	var reasons []string
	for _, req := range reqs {
		rs := rows(req.Flows, t.cl, e.comp.Resolver())
		q := flows.Possible(union(rs).Subtract(exceptSet(req.Except, union(rs), t.cl, e.comp.Resolver())))
		if q.IsEmpty() {
			continue
		}
		if t.list.Complete() {
			// Part of a network may be missing (one of two subnets): its
			// flows are not queried at all, and knowing them could decide.
			for _, ps := range rowPeers(rs) {
				if len(ps.addrs.Ranges) > 0 && len(ps.missing) > 0 {
					e.needNetwork([]string{ps.name}, req)
				}
			}
		}
		parts := t.list.Evaluate(q, env)
		if !fails(parts, req) {
			e.record(t, d, req, evaluated{rows: rs, query: q, parts: parts})
			continue
		}
		alt, ok := e.alternative(req, t, env)
		if ok {
			e.record(t, d, req, evaluated{rows: rs, query: q, parts: t.list.Evaluate(alt.set, env), alt: alt, altOK: true})
			continue
		}
		reqRows, reqQuery := rs, q
		if alt != nil {
			q, rs = alt.set, []row{*alt}
			parts = t.list.Evaluate(q, env)
		}
		e.record(t, d, req, evaluated{rows: reqRows, query: reqQuery, parts: parts, alt: alt})
		for _, p := range parts {
			failing := p.Verdict == flows.Dropped
			if req.Require == "forbid" {
				failing = p.Verdict == flows.Accepted
			}
			switch {
			case failing:
				c := findCause(&causes, p.Rule)
				f := c.failureOf(req, rs, q)
				f.flows = f.flows.Union(p.Flows)
			case p.Verdict == flows.Unknown && onlyUnknownNetworks(p.Flows) && networkDecides(t, p):
				// Flows from a network whose CIDR is unknown, and nothing
				// else missing: the note about the CIDR says so, once.
				e.needNetwork(unknownPeers(p.Flows), req)
			case p.Verdict == flows.Unknown:
				if why, ok := t.undecided(p); ok {
					unknown[req] = unknown[req].Union(p.Flows)
					reasons = append(reasons, why...)
				}
			}
		}
	}
	for _, c := range causes {
		e.report(t, d, c)
	}
	e.reportUnknown(t, d, reqs, unknown, reasons)
}

// undecided returns what a note says of undecided part p: its reasons,
// less the order of the groups where TKESG303 says it at this binding;
// ok is false when nothing else is left to say.
func (t target) undecided(p flows.Part) (reasons []string, ok bool) {
	if !t.orderReported || p.Order == "" {
		return p.Reasons, true
	}
	reasons = slices.DeleteFunc(slices.Clone(p.Reasons), func(r string) bool { return r == p.Order })
	return reasons, len(reasons) > 0
}

// networkDecides reports whether knowing the CIDRs of the networks in p's
// flows would decide p: the rule list is complete and the rules that may
// match are otherwise resolved.
func networkDecides(t target, p flows.Part) bool {
	if !t.list.Complete() {
		return false
	}
	for _, r := range append(slices.Clip(p.Causes), p.Rule) {
		if r != nil && (len(r.Unknowns) > 0 || r.PeerUnknown) {
			return false
		}
	}
	return true
}

// unknownPeers names the network peers whose opaque sets s holds.
func unknownPeers(s flows.Set) []string {
	var out []string
	for _, n := range []struct{ peer, label string }{
		{PeerClusterNetwork, "cluster network"}, {PeerContainerNetwork, "container network"}, {PeerServiceNetwork, "service network"},
	} {
		if s.Addrs().HasSym(unknownNetwork(n.label)) {
			out = append(out, n.peer)
		}
	}
	return out
}

// rowPeers returns the peers of rows, each once.
func rowPeers(rs []row) []peerSet {
	var out []peerSet
	for _, r := range rs {
		for _, p := range r.peers {
			if !slices.ContainsFunc(out, func(q peerSet) bool { return q.name == p.name }) {
				out = append(out, p)
			}
		}
	}
	return out
}

// needNetwork records that knowing the CIDRs of peers would decide req.
func (e *evaluator) needNetwork(peers []string, req *Requirement) {
	if e.needNet == nil {
		e.needNet = map[string][]string{}
	}
	for _, p := range peers {
		if !slices.Contains(e.needNet[p], req.ID) {
			e.needNet[p] = append(e.needNet[p], req.ID)
		}
	}
}

// alternative looks at the satisfied_by alternatives of req: ok when one is
// wholly accepted (the requirement holds; it is returned); otherwise the first one that is
// partly accepted, if any. An alternative in use is what the user meant (the
// node SG accepts its own members), so its failures are the ones to report.
func (e *evaluator) alternative(req *Requirement, t target, env *flows.Env) (inUse *row, ok bool) {
	for _, alt := range e.alternatives(req, t) {
		q := flows.Possible(alt.set.Subtract(exceptSet(req.Except, alt.set, t.cl, e.comp.Resolver())))
		if q.IsEmpty() {
			continue
		}
		all, some := true, false
		for _, p := range t.list.Evaluate(q, env) {
			all = all && p.Verdict == flows.Accepted
			// In use: a rule that names the alternative's own set (not the
			// world, say) accepts part of it.
			some = some || p.Verdict == flows.Accepted && p.Rule != nil && namesAny(p.Rule, q)
		}
		if all {
			alt.set = q
			return &alt, true
		}
		if some && inUse == nil {
			alt.set = q
			inUse = &alt
		}
	}
	return inUse, false
}

// fails reports whether some part fails req or is undecided.
func fails(parts []flows.Part, req *Requirement) bool {
	for _, p := range parts {
		if p.Verdict == flows.Unknown || req.Require == "forbid" && p.Verdict == flows.Accepted ||
			req.Require != "forbid" && p.Verdict == flows.Dropped {
			return true
		}
	}
	return false
}

// onlyUnknownNetworks reports whether every peer of s is a network whose
// CIDR the input does not give.
func onlyUnknownNetworks(s flows.Set) bool {
	a := s.Addrs()
	if len(a.Ranges) > 0 || len(a.Syms) == 0 {
		return false
	}
	for _, sym := range a.Syms {
		if !strings.HasSuffix(sym, unknownSuffix) {
			return false
		}
	}
	return true
}

// alternatives resolves the satisfied_by rows of req. A node-sg row stands
// for each group bound to every node of the cluster on its own: accepting
// everything from one of them covers node-to-node traffic, since every node
// is its member. Without such a group, the row needs all node groups.
func (e *evaluator) alternatives(req *Requirement, t target) []row {
	res := e.comp.Resolver()
	common := t.cl.CommonNodeGroups()
	var out []row
	for _, f := range req.SatisfiedBy {
		if !slices.Contains(f.Peers, PeerNodeSG) || len(common) == 0 {
			out = append(out, rows([]Flow{f}, t.cl, res)...)
			continue
		}
		protos, ports := service(f)
		for _, sg := range common {
			sym := res.GroupSymbol(sg.Resource.Address)
			ps := peerSet{name: PeerNodeSG, label: "a member of the node security groups", addrs: flows.Symbol(sym)}
			out = append(out, row{set: flows.NewSet(protos, ports, ps.addrs), level: f.Level, peers: []peerSet{ps}})
		}
	}
	return out
}

// namesAny reports whether r's peer names one of the opaque sets of q.
func namesAny(r *flows.Rule, q flows.Set) bool {
	return slices.ContainsFunc(q.Addrs().Syms, r.Peer.HasSym)
}

func findCause(causes *[]*cause, r *flows.Rule) *cause {
	for _, c := range *causes {
		if c.rule == r {
			return c
		}
	}
	c := &cause{rule: r}
	*causes = append(*causes, c)
	return c
}

func (c *cause) failureOf(req *Requirement, rs []row, q flows.Set) *failure {
	for _, f := range c.failures {
		if f.req == req {
			return f
		}
	}
	f := &failure{req: req, rows: rs, query: q}
	c.failures = append(c.failures, f)
	return f
}

// primary chooses the requirement a cause is reported under
// (docs/design.md#one-cause-one-finding): for a rule, the one of which it
// drops the largest share; for the binding, the one whose flows contain the
// others'. Ties and unrelated sets go to the lowest id.
func (c *cause) primary() *failure {
	fs := slices.Clone(c.failures)
	slices.SortStableFunc(fs, func(a, b *failure) int { return strings.Compare(a.req.ID, b.req.ID) })
	if c.rule != nil {
		best, bestShare := fs[0], -1.0
		for _, f := range fs {
			share := f.flows.Size() / f.query.Size()
			if share > bestShare*(1+1e-9) {
				best, bestShare = f, share
			}
		}
		return best
	}
	for _, f := range fs {
		broadest := true
		for _, g := range fs {
			if !f.query.Contains(g.query) {
				broadest = false
				break
			}
		}
		if broadest {
			return f
		}
	}
	return fs[0]
}
