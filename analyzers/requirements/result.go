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

// Result is what the requirements analyzer decided for one unit, kept as
// data beside the findings it reports: the requirement matrix of every
// cluster (tkesglint show, the reports) is read from it, so that it says
// exactly what the checks decided. Read it with Of.
type Result struct {
	// Requirements are every requirement evaluated, in ruleset order.
	Requirements []*Requirement
	// Clusters hold, per cluster, each requirement on each of its targets.
	Clusters []*ClusterResult
	// Causes are the findings reported about a cause (not the notes of
	// undecided checks), each with the witness its message gives.
	Causes []*Cause
}

// ClusterResult is the requirements of one cluster.
type ClusterResult struct {
	Cluster *topology.Cluster
	// Evaluations are in the order of the cluster's targets, then of the
	// requirements.
	Evaluations []*Evaluation
}

// Evaluation is one requirement on one target of a cluster.
type Evaluation struct {
	Req *Requirement
	// Role is node, master, endpoint-internet or endpoint-intranet.
	Role string
	// Binding is the target: the ordered groups bound to some CVMs of the
	// cluster (or the endpoint's group). Nil when the requirement does
	// not apply to the cluster at all (NotApplicable).
	Binding *topology.Binding
	// Who names the target in messages: "the nodes of cluster prod".
	Who string
	// Rows are the requirement's flow rows, in order.
	Rows []*RowResult
}

// Status is the state of one requirement row on one target.
type Status uint8

// The statuses of a requirement row, from best to worst.
const (
	// NotApplicable: the requirement does not apply to the cluster (its
	// when: conditions), or the row has no flows in it (no load-balancer
	// clients: TKESG104 is off).
	NotApplicable Status = iota
	Satisfied
	Undecided
	Broken
)

func (s Status) String() string {
	switch s {
	case Satisfied:
		return "satisfied"
	case Undecided:
		return "undecided"
	case Broken:
		return "broken"
	case NotApplicable:
	}
	return "n/a"
}

// RowResult is the state of one flow row of a requirement on one target.
type RowResult struct {
	// Flow is the row as the ruleset writes it.
	Flow Flow
	// Name is the row's label: Flow.Name, or the requirement's id and the
	// row's number (ORG001#2).
	Name   string
	Status Status
	// Witness is one flow of the row that breaks it (Broken) or that is
	// undecided (Undecided), with the peer's label.
	Witness    flows.Flow
	HasWitness bool
	// WitnessText writes the witness as the findings do: "UDP 53 from
	// 172.16.0.1 (container network 172.16.0.0/16) to the nodes of cluster
	// prod".
	WitnessText string
	// Rule decides the witness of a broken row; nil when no rule matches
	// it (the binding is the cause).
	Rule *flows.Rule
	// Deciding are the rules that decide the row's flows when it is
	// satisfied: the ACCEPTs (or, for forbid, the DROPs), each once.
	Deciding []*flows.Rule
	// Alternative is set when a satisfied_by alternative satisfies the
	// row: what it accepts.
	Alternative string
	// Reasons say why a row is undecided or not applicable: the values
	// that are missing.
	Reasons []string
}

// Cause is a finding the analyzer reported about one cause, with what its
// message says: the flow it gives as a witness and the rule that decides it.
type Cause struct {
	Check string
	// Range is where the finding points.
	Range     model.Range
	Cluster   *topology.Cluster
	Role      string
	Binding   *topology.Binding
	Direction model.Direction
	Witness   flows.Flow
	// Rule is the DROP (for forbid: the ACCEPT) that decides the witness;
	// nil when no rule matches it.
	Rule *flows.Rule
	// Verdict is what happens to the witness: Dropped, or Accepted for a
	// forbid requirement.
	Verdict flows.Verdict
}

// Of returns the result of a, the analyzer New made, for pass's unit;
// pass's analyzer must require a.
func Of(pass *analysis.Pass, a *analysis.Analyzer) *Result {
	v, required := pass.ResultOf[a]
	if !required {
		panic("analyzer " + pass.Analyzer.Name + " reads the requirements but does not require their analyzer")
	}
	r, _ := v.(*Result)
	return r
}

// Env returns the evaluation environment the checks use for cl (nil: a
// group on its own): what is known of the members of opaque peers. Tracing
// a flow with it gives the verdicts the findings give.
func Env(cl *topology.Cluster, comp *flows.Compiler) *flows.Env {
	if cl == nil {
		cl = standalone()
	}
	return (&evaluator{comp: comp, cl: cl}).env()
}

// ListOf returns the rule list the checks evaluate for binding b in
// direction d: the bound groups' rules concatenated, first-bound first,
// merged into one unordered segment when the binding field keeps no
// order, and an empty incomplete list when the groups are unknown.
func ListOf(comp *flows.Compiler, b *topology.Binding, d model.Direction) flows.List {
	return (&evaluator{comp: comp}).listOf(b, d)
}

// standalone is the cluster a group on its own is checked in: none.
func standalone() *topology.Cluster {
	return &topology.Cluster{Name: "-", LBClients: flows.World4()}
}

// RowName labels row i of req in the matrix.
func RowName(req *Requirement, i int) string {
	if n := req.Flows[i].Name; n != "" {
		return n
	}
	return fmt.Sprintf("%s#%d", req.ID, i+1)
}

// clusterResult returns the result of e's cluster, adding it.
func (e *evaluator) clusterResult() *ClusterResult {
	if e.result == nil {
		return nil
	}
	for _, c := range e.result.Clusters {
		if c.Cluster == e.cl {
			return c
		}
	}
	c := &ClusterResult{Cluster: e.cl}
	e.result.Clusters = append(e.result.Clusters, c)
	return c
}

// recordNotApplicable records that reqs of role do not apply to the
// cluster (their when: conditions), or cannot be evaluated on binding b
// (why).
func (e *evaluator) recordNotApplicable(reqs []*Requirement, role string, b *topology.Binding, who string, status Status, why string) {
	cr := e.clusterResult()
	if cr == nil {
		return
	}
	for _, req := range reqs {
		if req.AppliesTo != role {
			continue
		}
		ev := &Evaluation{Req: req, Role: role, Binding: b, Who: who}
		for i, f := range req.Flows {
			ev.Rows = append(ev.Rows, &RowResult{Flow: f, Name: RowName(req, i), Status: status, Reasons: []string{why}})
		}
		cr.Evaluations = append(cr.Evaluations, ev)
	}
}

// evaluated is what checkRuleset computed for one requirement on one
// target: the rows, the query, the parts, and the alternative that
// satisfies it (ok) or is in use.
type evaluated struct {
	rows  []row
	query flows.Set
	parts []flows.Part
	alt   *row
	altOK bool
}

// record keeps the evaluation of req on target t for the matrix.
func (e *evaluator) record(t target, d model.Direction, req *Requirement, ev evaluated) {
	if t.role == "any" {
		return // a group on its own belongs to no cluster's matrix
	}
	cr := e.clusterResult()
	if cr == nil {
		return
	}
	out := &Evaluation{Req: req, Role: t.role, Binding: t.binding, Who: t.who}
	for i, r := range ev.rows {
		rr := &RowResult{Flow: req.Flows[i], Name: RowName(req, i)}
		out.Rows = append(out.Rows, rr)
		switch {
		case ev.altOK:
			rr.Status = Satisfied
			rr.Alternative = ev.alt.peers[0].label
			for _, p := range ev.parts {
				rr.Deciding = addRule(rr.Deciding, p.Rule)
			}
		case ev.alt != nil:
			// The alternative in use is what the findings judge.
			e.judgeRow(rr, t, d, req, *ev.alt, ev.alt.set, ev.parts)
			rr.Alternative = ev.alt.peers[0].label
		default:
			e.judgeRow(rr, t, d, req, r, r.set.Intersect(ev.query), ev.parts)
		}
	}
	cr.Evaluations = append(cr.Evaluations, out)
}

// judgeRow sets the status of row r (whose flows, less the exceptions, are
// q) from the parts of its requirement.
func (e *evaluator) judgeRow(rr *RowResult, t target, d model.Direction, req *Requirement, r row, q flows.Set, parts []flows.Part) {
	var failing, unknown flows.Set
	for _, ps := range r.peers {
		if len(ps.missing) > 0 && len(ps.addrs.Ranges) > 0 {
			rr.Reasons = append(rr.Reasons, ps.missing...)
		}
	}
	if q.IsEmpty() {
		rr.Status = NotApplicable
		if len(rr.Reasons) == 0 {
			rr.Reasons = []string{"the row has no flows for " + t.who + " (" + peerNames(r) + " is empty)"}
		}
		return
	}
	for _, p := range parts {
		in := p.Flows.Intersect(q)
		if in.IsEmpty() {
			continue
		}
		fail := p.Verdict == flows.Dropped
		if req.Require == "forbid" {
			fail = p.Verdict == flows.Accepted
		}
		switch {
		case fail:
			failing = failing.Union(in)
		case p.Verdict == flows.Unknown:
			unknown = unknown.Union(in)
			if onlyUnknownNetworks(in) && networkDecides(t, p) {
				rr.Reasons = append(rr.Reasons, e.networkReasons(in)...)
			} else {
				rr.Reasons = append(rr.Reasons, p.Reasons...)
			}
		default:
			rr.Deciding = addRule(rr.Deciding, p.Rule)
		}
	}
	slices.Sort(rr.Reasons)
	rr.Reasons = slices.Compact(rr.Reasons)
	rows := []row{r}
	switch {
	case !failing.IsEmpty():
		rr.Status = Broken
		rr.Witness, rr.HasWitness = failing.Witness()
		for _, p := range parts {
			if !p.Flows.Intersect(witnessSet(rr.Witness)).IsEmpty() {
				rr.Rule = p.Rule
				break
			}
		}
	case !unknown.IsEmpty() || len(rr.Reasons) > 0:
		rr.Status = Undecided
		if !unknown.IsEmpty() {
			rr.Witness, rr.HasWitness = unknown.Witness()
		}
	default:
		rr.Status = Satisfied
	}
	if rr.HasWitness {
		rr.WitnessText = flowText(rr.Witness, rows, t.who, d)
	}
}

// networkReasons says why the networks of an unknown part are unknown.
func (e *evaluator) networkReasons(s flows.Set) []string {
	var out []string
	for _, p := range unknownPeers(s) {
		switch p {
		case PeerClusterNetwork:
			out = append(out, e.cl.ClusterNet.Missing...)
		case PeerContainerNetwork:
			out = append(out, e.cl.ContainerNet.Missing...)
		case PeerServiceNetwork:
			out = append(out, e.cl.ServiceNet.Missing...)
		}
	}
	return out
}

// recordCause keeps the finding reported about cause c under f.
func (e *evaluator) recordCause(t target, d model.Direction, c *cause, f *failure, w flows.Flow, at model.Range) {
	if e.result == nil {
		return
	}
	v := flows.Dropped
	if f.req.Require == "forbid" {
		v = flows.Accepted
	}
	e.result.Causes = append(e.result.Causes, &Cause{
		Check: f.req.ID, Range: at, Cluster: t.cl, Role: t.role, Binding: t.binding,
		Direction: d, Witness: w, Rule: c.rule, Verdict: v,
	})
}

func peerNames(r row) string {
	names := make([]string, len(r.peers))
	for i, p := range r.peers {
		names[i] = p.name
	}
	return strings.Join(names, ", ")
}

// addRule adds r to rules unless it is nil or there.
func addRule(rules []*flows.Rule, r *flows.Rule) []*flows.Rule {
	if r == nil || slices.Contains(rules, r) {
		return rules
	}
	return append(rules, r)
}

// PeerAddrs returns what a symbolic peer of rulesets (cluster-network,
// container-network, node-sg, …) or a CIDR stands for in cl, as the
// checks resolve it: a network whose CIDRs are unknown is the opaque set
// the checks use for it.
func PeerAddrs(peer string, cl *topology.Cluster, res *flows.Resolver) flows.Addrs {
	return resolvePeer(peer, cl, res).addrs
}
