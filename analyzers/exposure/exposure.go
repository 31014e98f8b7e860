package exposure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// New returns the analyzer of TKESG201, TKESG202, TKESG203, TKESG205 and
// TKESG206, whose sensitive services are those of sets (rulesets whose
// sensitive_services the caller has validated), with the changes of sets
// applied.
func New(sets []*requirements.Ruleset) *analysis.Analyzer {
	services := compileServices(sets)
	return &analysis.Analyzer{
		Name: "exposure",
		Checks: []*analysis.Check{
			analysis.NewCheck("TKESG201", "world-all-ports", analysis.LevelError, "9.8", "very-high"),
			analysis.NewCheck("TKESG202", "world-remote-admin", analysis.LevelWarning, "7.5", "very-high"),
			analysis.NewCheck("TKESG203", "world-control-plane-ports", analysis.LevelError, "9.1", "very-high"),
			analysis.NewCheck("TKESG205", "world-alias-cidr", analysis.LevelWarning, "5.3", "very-high").OnRequest(),
			analysis.NewCheck("TKESG206", "world-sensitive-service", serviceCheckLevel, "8.2", "high"),
		},
		Requires: []*analysis.Analyzer{compiled.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			run(pass, services)
			return nil, nil
		},
	}
}

// namedPort is a TCP port worth naming in a message.
type namedPort struct {
	lo, hi uint16
	name   string
}

// adminPorts are the remote-administration ports of TKESG202.
func adminPorts() []namedPort { return []namedPort{{22, 22, "SSH"}, {3389, 3389, "RDP"}} }

// agentPorts are the control-plane and node-agent ports of TKESG203.
func agentPorts() []namedPort {
	return []namedPort{
		{10250, 10250, "kubelet"}, {10255, 10255, "kubelet read-only"},
		{2379, 2380, "etcd"}, {6443, 6443, "API server"},
		{60001, 60002, "TKE API server"}, {17443, 17443, "TKE"},
		{50055, 50055, "TKE"}, {61678, 61678, "TKE"},
		{10249, 10249, "kube-proxy metrics"}, {10256, 10256, "kube-proxy health"},
		{9100, 9100, "node-exporter"},
	}
}

func run(pass *analysis.Pass, services []service) {
	comp := compiled.Of(pass)
	world := flows.Possible(flows.NewSet(flows.AllProtos, flows.AllPorts(), flows.World()))
	// Groups are judged on their own: on the goroutines the pass allows,
	// their diagnostics reported in the order of the groups.
	sgs := pass.Input.SecurityGroups
	pass.ReportEach(len(sgs), func(pass *analysis.Pass, i int) { judgeGroup(pass, comp, sgs[i], world, services) })
}

// judgeGroup reports the exposures of sg, whose candidates are among world.
func judgeGroup(pass *analysis.Pass, comp *flows.Compiler, sg *model.SecurityGroup, world flows.Set, services []service) {
	for _, d := range []model.Direction{model.Ingress, model.Egress} {
		for _, r := range comp.Segment(sg, d).Rules {
			reportWorldAlias(pass, r)
		}
	}
	seg := comp.Segment(sg, model.Ingress)
	q := candidates(seg, world)
	if q.IsEmpty() {
		return
	}
	parts := flows.List{seg}.Evaluate(q, nil)
	flagged := map[*flows.Rule]map[string]bool{}
	certain := map[*flows.Rule]flows.Set{}
	for _, e := range decided(parts) {
		flagged[e.Rule] = judge(pass, e, services)
		certain[e.Rule] = e.Flows
	}
	for _, e := range undecided(parts) {
		judgeUndecided(pass, e, certain[e.Rule], services, flagged[e.Rule])
	}
}

// candidates returns the world flows that some ingress ACCEPT whose peer is
// (or may be) the world may match: the only flows an exposure can be made
// of, out of world, every possible flow from the world. Most groups have
// none, and the query stays small for the others.
func candidates(seg flows.Segment, world flows.Set) flows.Set {
	var q flows.Set
	for _, r := range seg.Rules {
		if r.Actions&flows.Accept == 0 || !r.MayCoverWorld() {
			continue
		}
		c, m := r.MatchSet(world, nil)
		q = q.Union(c).Union(m)
	}
	return q
}

// Exposure is what one ingress ACCEPT whose peer is (or may be) the world
// decides.
type Exposure struct {
	Rule *flows.Rule
	// Flows are the world flows the rule accepts that no earlier rule
	// matches: for certain, or, when Reasons is set, possibly.
	Flows flows.Set
	// Reasons, when set, say why the exposure is only possible: what the
	// rule lacks, or what an earlier rule that may drop the flows first
	// lacks; never what only decides the flows the rule does not take.
	Reasons []string
}

// decided returns, for each ingress ACCEPT whose peer covers the world, the
// world flows it certainly decides, in the order of parts.
func decided(parts []flows.Part) []Exposure {
	var out []Exposure
	for _, p := range parts {
		r := p.Rule
		if p.Verdict != flows.Accepted || r == nil || r.Actions != flows.Accept || !r.CoversWorld() {
			continue
		}
		out = add(out, r, p.Flows, nil)
	}
	return out
}

// undecided returns, for each ACCEPT that may be from the world, the world
// flows it may decide without certainty: an unresolved peer, port or action,
// or an earlier rule that may drop them; flows that are accepted either way
// count too, as the rule may be the one that accepts them. These become
// notes, never findings (docs/design.md#three-valued-answers), each with the
// reasons that decide whether this rule takes its flows.
func undecided(parts []flows.Part) []Exposure {
	var out []Exposure
	for _, p := range parts {
		rules := p.Causes
		switch p.Verdict {
		case flows.Unknown:
			rules = append(slices.Clip(rules), p.Rule)
		case flows.Accepted:
		default:
			continue
		}
		for _, r := range rules {
			if r == nil || r.Actions&flows.Accept == 0 || !r.MayCoverWorld() {
				continue
			}
			out = add(out, r, p.Flows, p.ReasonsFor(r))
		}
	}
	return out
}

// add merges flows into the exposure of r.
func add(out []Exposure, r *flows.Rule, fs flows.Set, reasons []string) []Exposure {
	for i := range out {
		if out[i].Rule == r {
			out[i].Flows = out[i].Flows.Union(fs)
			out[i].Reasons = append(out[i].Reasons, reasons...)
			return out
		}
	}
	return append(out, Exposure{Rule: r, Flows: fs, Reasons: slices.Clone(reasons)})
}

// opening is what an exposure opens under one check: the phrase follows
// "accepts" (certain) or "may accept" (note).
type opening struct {
	id    string
	what  string
	level *analysis.Level
}

// openings lists what e opens, check by check, leaving out the checks of
// skip: TKESG201 alone when it opens every port (a rule it flags is not
// flagged again), else TKESG202, TKESG203 and TKESG206. from says where
// the flows come from, "from the world (0.0.0.0/0)", in the i-th phrase.
func openings(e Exposure, services []service, skip map[string]bool, from func(i int) string) []opening {
	var out []opening
	if skip["TKESG201"] {
		return nil
	}
	if what, witness, ok := allPorts(e); ok {
		return []opening{{id: "TKESG201", what: fmt.Sprintf("%s %s, for example %s from %s", what, from(0), witness, witness.Peer())}}
	}
	if found := openPorts(e, adminPorts()); len(found) > 0 && !skip["TKESG202"] {
		out = append(out, opening{id: "TKESG202", what: fmt.Sprintf("remote administration %s: %s from any address on the internet",
			from(len(out)), strings.Join(found, " and "))})
	}
	if found := openPorts(e, agentPorts()); len(found) > 0 && !skip["TKESG203"] {
		out = append(out, opening{id: "TKESG203", what: fmt.Sprintf("control-plane or node-agent ports %s: %s",
			from(len(out)), strings.Join(found, ", "))})
	}
	if found := exposedServices(e, services); len(found) > 0 && !skip["TKESG206"] {
		out = append(out, opening{id: "TKESG206", what: servicesText(from(len(out)), found), level: serviceLevel(found)})
	}
	return out
}

// judge reports what a certain exposure opens, one finding per check, and
// returns the checks it reported.
func judge(pass *analysis.Pass, e Exposure, services []service) map[string]bool {
	done := map[string]bool{}
	from := func(int) string { return "from the world (" + peerText(e.Rule) + ")" }
	for _, o := range openings(e, services, nil, from) {
		pass.Report(analysis.Diagnostic{
			Check: o.id, At: e.Rule, Level: o.level, Related: groupRelated(e.Rule),
			Message: fmt.Sprintf("%s (%s) accepts %s", e.Rule.Ref(), e.Rule.Text(), o.what),
		})
		done[o.id] = true
	}
	return done
}

// judgeUndecided reports, in one note, what an undecided exposure may
// open under the checks that are not already findings of its rule
// (already): it names those checks and says each missing value once. The
// flows the rule certainly decides (certain) count with it: a rule that
// certainly opens every TCP port but 22, and may open 22, may open every
// TCP port.
func judgeUndecided(pass *analysis.Pass, e Exposure, certain flows.Set, services []service, already map[string]bool) {
	r := e.Rule
	whole := Exposure{Rule: r, Flows: e.Flows.Union(certain)}
	from := func(i int) string {
		if i > 0 {
			return "from the world"
		}
		return "from the world (" + peerText(r) + ")"
	}
	opened := openings(whole, services, already, from)
	if len(opened) == 0 {
		return
	}
	reasons := slices.Clone(e.Reasons)
	slices.Sort(reasons)
	reasons = slices.Compact(reasons)
	ids := make([]string, len(opened))
	whats := make([]string, len(opened))
	for i, o := range opened {
		ids[i], whats[i] = o.id, o.what
	}
	pass.Report(analysis.Diagnostic{
		Check: ids[0], At: r, Undecided: reasons, Related: groupRelated(r),
		Message: fmt.Sprintf("%s (%s) may accept %s; %s could not be decided: %s",
			r.Ref(), r.Text(), strings.Join(whats, "; and "), strings.Join(ids, ", "), strings.Join(reasons, "; ")),
	})
}

// allPorts reports whether the rule decides every port of TCP or of UDP for
// some world address, and says what it opens.
func allPorts(e Exposure) (string, flows.Flow, bool) {
	peer := e.Flows.Addrs().Concrete()
	var full []string
	var witness flows.Flow
	for _, p := range []flows.Protos{flows.TCP, flows.UDP} {
		missing := flows.NewSet(p, flows.AllPorts(), peer).Subtract(e.Flows)
		addrs := peer.Subtract(missing.Addrs())
		if addrs.IsEmpty() {
			continue
		}
		if len(full) == 0 {
			example := uint16(22)
			if p == flows.UDP {
				example = 53
			}
			witness, _ = flows.NewSet(p, flows.PortRange(example, example), addrs).Witness()
		}
		full = append(full, p.String())
	}
	switch {
	case len(full) == 0:
		return "", flows.Flow{}, false
	case len(full) == 2 && flows.Possible(flows.NewSet(flows.AllProtos, flows.AllPorts(), peer)).Subtract(e.Flows).IsEmpty():
		return "all protocols and ports", witness, true
	}
	return "every " + strings.Join(full, " and ") + " port", witness, true
}

// openPorts lists the named ports of list that the exposure decides: only
// those, so that a rule of TCP 2379 names "TCP 2379 (etcd)", not etcd's
// whole range.
func openPorts(e Exposure, list []namedPort) []string {
	var out []string
	for _, np := range list {
		var open flows.Ports
		for _, b := range e.Flows.Intersect(flows.NewSet(flows.TCP, flows.PortRange(np.lo, np.hi), flows.World())) {
			open = open.Union(b.Ports)
		}
		if open.IsEmpty() {
			continue
		}
		out = append(out, fmt.Sprintf("TCP %s (%s)", open, np.name))
	}
	return out
}

func peerText(r *flows.Rule) string {
	switch {
	case r.PeerUnknown:
		return "if its unresolved peer is the world"
	case r.PeerLabel != "":
		return r.PeerLabel
	}
	return r.Peer.String()
}

// groupRelated points at the definition of the rule's group when the rule is
// defined elsewhere.
func groupRelated(r *flows.Rule) []analysis.Related {
	if r.Group == nil || !r.Group.Defined || r.Group.Resource.DeclRange.IsZero() {
		return nil
	}
	return []analysis.Related{{Range: r.Group.Resource.DeclRange, Message: "security group " + r.Group.DisplayName() + " is defined here"}}
}

func reportWorldAlias(pass *analysis.Pass, r *flows.Rule) {
	// An IPv4 CIDR in the IPv6 field is read as IPv4 too, so it counts.
	field := r.Source.CIDR
	if v, ok := field.Get(); !ok || !flows.IsWorldAlias(v) {
		field = r.Source.IPv6CIDR
	}
	v, ok := field.Get()
	if !ok || !flows.IsWorldAlias(v) {
		return
	}
	role := "source"
	if r.Source.Direction == model.Egress {
		role = "destination"
	}
	written := strings.TrimSpace(v)
	pass.Report(analysis.Diagnostic{
		Check: "TKESG205", At: r, Range: field.Range(), Aspect: []string{"alias"},
		Message: fmt.Sprintf("the %s %s of %s is treated by Tencent Cloud as 0.0.0.0/0, the whole IPv4 internet; write 0.0.0.0/0 if that is meant, or the intended CIDR",
			role, written, r.Ref()),
		Related: groupRelated(r),
		// Offered, not applied: the intent may have been another CIDR.
		SuggestedFixes: []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("Write %s as 0.0.0.0/0, which it means", written),
			TextEdits: []analysis.TextEdit{{Range: field.Range(), Old: written, NewText: "0.0.0.0/0"}},
		}},
	})
}
