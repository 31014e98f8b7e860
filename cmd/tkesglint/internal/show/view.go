package show

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Loc is a place in a file.
type Loc struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// At returns the start of r, or nil when r is nowhere.
func At(r model.Range) *Loc {
	if r.Filename == "" {
		return nil
	}
	return &Loc{File: r.Filename, Line: r.Start.Line, Column: r.Start.Column}
}

// String writes the place as file:line.
func (l *Loc) String() string {
	if l == nil {
		return "not in a file"
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

// Rule is a rule as the views name it.
type Rule struct {
	// Ref is "ingress rule 2 of sg nodes", or a legacy rule's address.
	Ref string `json:"ref"`
	// Text is the rule written out: "DROP UDP 53 from 0.0.0.0/0".
	Text string `json:"text"`
	At   *Loc   `json:"at"`
}

// NewRule returns the view of r; nil for nil.
func NewRule(r *flows.Rule) *Rule {
	if r == nil {
		return nil
	}
	return &Rule{Ref: r.Ref(), Text: r.Text(), At: At(r.Range())}
}

func rules(rs []*flows.Rule) []Rule {
	out := make([]Rule, 0, len(rs))
	for _, r := range rs {
		out = append(out, *NewRule(r))
	}
	return out
}

// Group is a security group as the views name it.
type Group struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	// At is where it is defined; nil for a group the input knows only by
	// id.
	At *Loc `json:"at"`
}

func groups(sgs []*model.SecurityGroup) []Group {
	out := make([]Group, 0, len(sgs))
	for _, sg := range sgs {
		g := Group{Name: sg.DisplayName(), Address: sg.Resource.Address}
		if sg.Defined {
			g.At = At(sg.Resource.DeclRange)
		}
		out = append(out, g)
	}
	return out
}

// Unit is what show presents of one unit.
type Unit struct {
	// Root is the root module's folder, the template's file, or empty for
	// the exports.
	Root string `json:"root"`
	// Groups are the policies of every security group on its own;
	// Bindings those of the groups bound to each node or master group.
	Groups   []Policy `json:"groups"`
	Bindings []Policy `json:"bindings"`
	Clusters []Matrix `json:"clusters"`
}

// NewUnit builds the view of u.
func NewUnit(u *inspect.Unit) Unit {
	out := Unit{Root: u.Root, Groups: []Policy{}, Bindings: []Policy{}, Clusters: []Matrix{}}
	for _, p := range u.GroupPolicies() {
		out.Groups = append(out.Groups, NewPolicy(p))
	}
	for _, p := range u.BindingPolicies() {
		out.Bindings = append(out.Bindings, NewPolicy(p))
	}
	for _, m := range u.Matrices() {
		out.Clusters = append(out.Clusters, NewMatrix(m))
	}
	return out
}

// Policy is the effective policy of a rule list in one direction.
type Policy struct {
	Subject   string  `json:"subject"`
	Direction string  `json:"direction"`
	Cluster   string  `json:"cluster,omitempty"`
	Groups    []Group `json:"groups"`
	// Binding is where the groups are bound, for a node or master group.
	Binding *Loc `json:"binding,omitempty"`
	// Incomplete says why flows that no rule matches are undecided rather
	// than dropped.
	Incomplete []string `json:"incomplete"`
	Regions    []Region `json:"regions"`
}

// Region is a region of a policy: flows one rule decides.
type Region struct {
	// Verdict is accept, drop or undecided.
	Verdict string `json:"verdict"`
	// Rule decides the region; null when no rule matches its flows.
	Rule *Rule `json:"rule"`
	Rows []Row `json:"rows"`
	// Reasons say why an undecided region is undecided.
	Reasons []string `json:"reasons"`
	// MemberAccepts are earlier ACCEPTs of groups that a peer of the
	// region may belong to: a member would be accepted there.
	MemberAccepts []Rule `json:"member_accepts"`
}

// Row is a box of flows: protocols, ports and peers (sources for ingress,
// destinations for egress), each written as the set or "ALL except …".
type Row struct {
	Protocol string `json:"protocol"`
	Ports    string `json:"ports"`
	Peers    string `json:"peers"`
	// Except are flows of the row that it does not hold: "UDP 53".
	Except []string `json:"except"`
}

// NewPolicy builds the view of p, evaluating it.
func NewPolicy(p *inspect.Policy) Policy {
	out := PolicyHead(p)
	p.Evaluate()
	for _, r := range p.Regions {
		out.Regions = append(out.Regions, Region{
			Verdict: VerdictWord(r.Verdict), Rule: NewRule(r.Rule), Rows: Rows(r.Flows),
			Reasons: nonNil(r.Reasons), MemberAccepts: rules(r.MemberAccepts),
		})
	}
	return out
}

// PolicyHead builds the view of p without its regions (Regions empty),
// which needs no evaluation.
func PolicyHead(p *inspect.Policy) Policy {
	out := Policy{Subject: p.Subject, Direction: p.Direction.String(), Groups: groups(p.Groups), Incomplete: []string{}, Regions: []Region{}}
	if p.Cluster != nil {
		out.Cluster = p.Cluster.Name
	}
	if p.Binding != nil {
		out.Binding = At(p.Binding.At)
	}
	for _, seg := range p.List {
		if !seg.Complete {
			out.Incomplete = append(out.Incomplete, seg.Why)
		}
	}
	return out
}

// PeerMemo keeps the text of the peer sets that Rows wrote
// (flows.Addrs.Except, which subtracts and writes CIDRs): the peers of a
// unit's rules recur in the rows of many policies (a CIDR in the groups of
// every environment, a referenced group). It is safe for concurrent use;
// nil keeps nothing.
type PeerMemo struct {
	mu   sync.RWMutex
	text map[string]string
	// size is the bytes held, at most maxPeerMemo.
	size int
}

// Rows writes the boxes of s as rows.
func Rows(s flows.Set) []Row { return (*PeerMemo)(nil).Rows(s) }

// Rows writes the boxes of s as rows, as the function Rows does, with the
// peers' text from m.
func (m *PeerMemo) Rows(s flows.Set) []Row {
	rows := s.Rows()
	out := make([]Row, 0, len(rows))
	for _, r := range rows {
		row := Row{Protocol: r.ProtoText(), Ports: portsOf(r.Box), Peers: m.except(r.Addrs), Except: []string{}}
		for _, h := range r.Except {
			text := h.ProtoText()
			if p := portsOf(h); p != "-" && p != "ALL" {
				text += " " + p
			}
			if !h.Addrs.Equal(r.Addrs) {
				text += " " + m.except(h.Addrs)
			}
			row.Except = append(row.Except, text)
		}
		out = append(out, row)
	}
	return out
}

// maxPeerMemo bounds the bytes a PeerMemo holds: past it, the sets not yet
// kept are written each time.
const maxPeerMemo = 16 << 20

// except returns a.Except(), from m when it holds it.
func (m *PeerMemo) except(a flows.Addrs) string {
	if m == nil {
		return a.Except()
	}
	var scratch [64]byte
	key := peerKey(scratch[:0], a)
	m.mu.RLock()
	text, ok := m.text[string(key)]
	m.mu.RUnlock()
	if ok {
		return text
	}
	text = a.Except()
	m.mu.Lock()
	if m.text == nil {
		m.text = map[string]string{}
	}
	if m.size < maxPeerMemo {
		m.text[string(key)] = text
		m.size += len(key) + len(text)
	}
	m.mu.Unlock()
	return text
}

// peerKey appends to key what a.Except depends on: the ranges (the binary
// form of an address holds its length and zone) and the symbols.
func peerKey(key []byte, a flows.Addrs) []byte {
	key = binary.AppendUvarint(key, uint64(len(a.Ranges)))
	for _, r := range a.Ranges {
		key, _ = r.Lo.AppendBinary(key)
		key, _ = r.Hi.AppendBinary(key)
	}
	for _, s := range a.Syms {
		key = binary.AppendUvarint(key, uint64(len(s)))
		key = append(key, s...)
	}
	return key
}

// portsOf writes the ports of b, "-" for protocols without ports.
func portsOf(b flows.Box) string {
	if b.Protos&flows.PortProtos == 0 {
		return "-"
	}
	return b.Ports.Except()
}

// VerdictWord is how the views write a verdict of a policy region.
func VerdictWord(v flows.Verdict) string {
	switch v {
	case flows.Accepted:
		return "accept"
	case flows.Dropped:
		return "drop"
	case flows.Unknown:
	}
	return "undecided"
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Matrix is the requirement matrix of a cluster.
type Matrix struct {
	Cluster     string `json:"cluster"`
	Address     string `json:"address"`
	At          *Loc   `json:"at"`
	DeployType  string `json:"deploy_type"`
	NetworkType string `json:"network_type"`
	// ClusterNetwork and ContainerNetwork are the CIDRs, or why they are
	// unknown.
	ClusterNetwork   string   `json:"cluster_network"`
	ContainerNetwork string   `json:"container_network"`
	Targets          []Target `json:"targets"`
}

// Target is the requirements of one role on one binding.
type Target struct {
	Role    string `json:"role"`
	Subject string `json:"subject"`
	// Groups are the bound groups in order; Binding is where.
	Groups  []Group     `json:"groups"`
	Binding *Loc        `json:"binding"`
	Rows    []MatrixRow `json:"rows"`
}

// MatrixRow is one requirement row on one target.
type MatrixRow struct {
	// Name is the row's label: N1, M4, DNS.
	Name  string `json:"name"`
	Check string `json:"check"`
	// Level is the level of a finding the row gives when it alone is
	// broken: the row's own level, else the requirement's.
	Level string `json:"level"`
	Title string `json:"title"`
	// Flows writes the row: "ingress ALL from container-network".
	Flows string `json:"flows"`
	// Status is satisfied, broken, undecided or n/a.
	Status string `json:"status"`
	// Witness is a flow that breaks the row (or is undecided).
	Witness string `json:"witness,omitempty"`
	// Rule decides the witness of a broken row; null when no rule matches
	// it.
	Rule *Rule `json:"rule"`
	// Deciding are the rules that satisfy the row.
	Deciding    []Rule   `json:"deciding"`
	Alternative string   `json:"alternative,omitempty"`
	Reasons     []string `json:"reasons"`
}

// NewMatrix builds the view of m.
func NewMatrix(m *inspect.Matrix) Matrix {
	cl := m.Cluster
	out := Matrix{
		Cluster: cl.Name, Address: cl.Address, At: At(cl.Decl), DeployType: cl.DeployType, NetworkType: cl.NetworkType,
		ClusterNetwork: network(cl.ClusterNet), ContainerNetwork: network(cl.ContainerNet), Targets: []Target{},
	}
	for _, t := range m.Targets {
		tv := Target{Role: t.Role, Subject: t.Who, Groups: []Group{}, Rows: []MatrixRow{}}
		if t.Binding != nil {
			tv.Groups, tv.Binding = groups(t.Binding.SGs), At(t.Binding.At)
			if t.Role == "node" || t.Role == "master" {
				tv.Subject = inspect.BindingSubject(cl, t.Binding)
			}
		}
		for _, r := range t.Rows {
			tv.Rows = append(tv.Rows, MatrixRow{
				Name: r.Name, Check: r.Req.ID, Level: cmp.Or(r.Flow.Level, r.Req.Level), Title: r.Req.Title, Flows: flowText(r.Req, r.Flow),
				Status: r.Status.String(), Witness: r.WitnessText, Rule: NewRule(r.Rule), Deciding: rules(r.Deciding),
				Alternative: r.Alternative, Reasons: nonNil(r.Reasons),
			})
		}
		out.Targets = append(out.Targets, tv)
	}
	return out
}

// network writes a cluster's network: its CIDRs, and what is missing.
func network(n topology.Network) string {
	s := strings.Join(n.Written, ", ")
	if len(n.Missing) > 0 {
		if s != "" {
			s += "; "
		}
		s += "unknown: " + strings.Join(n.Missing, "; ")
	}
	return s
}

// flowText writes a requirement row: "ingress UDP 53 from
// container-network".
func flowText(req *requirements.Requirement, f requirements.Flow) string {
	word := "from"
	if req.Direction == model.Egress {
		word = "to"
	}
	s := req.Direction.String() + " " + f.Protocol
	if f.Ports != "" && !strings.EqualFold(f.Ports, "ALL") {
		s += " " + f.Ports
	}
	s += " " + word + " " + strings.Join(f.Peers, ", ")
	for i, e := range req.Except {
		if i == 0 {
			s += " except"
		} else {
			s += ","
		}
		s += " " + e.Protocol
		if e.Ports != "" && !strings.EqualFold(e.Ports, "ALL") {
			s += " " + e.Ports
		}
		if len(e.Peers) > 0 {
			s += " " + word + " " + strings.Join(e.Peers, ", ")
		}
	}
	if req.Require == "forbid" {
		s = "never " + s
	}
	return s
}
