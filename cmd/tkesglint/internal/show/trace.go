package show

import (
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/trace"
)

// Trace is the view of a traced flow.
type Trace struct {
	// Root is the unit the flow was traced in.
	Root     string   `json:"root"`
	From     Endpoint `json:"from"`
	To       Endpoint `json:"to"`
	Protocol string   `json:"protocol"`
	Ports    string   `json:"ports"`
	// Verdict is the worst verdict of the parts: dropped, undecided or
	// accepted.
	Verdict string `json:"verdict"`
	Paths   []Path `json:"paths"`
}

// Endpoint is one end as the user named it.
type Endpoint struct {
	Spec  string `json:"spec"`
	Label string `json:"label"`
}

// Path is the flow between one member of each end.
type Path struct {
	From    string    `json:"from"`
	To      string    `json:"to"`
	Egress  *Crossing `json:"egress"`
	Ingress *Crossing `json:"ingress"`
	Parts   []Part    `json:"parts"`
}

// Crossing is a direction the flow crosses: whose rules, bound where.
type Crossing struct {
	Subject string  `json:"subject"`
	Groups  []Group `json:"groups"`
	Binding *Loc    `json:"binding"`
	// Incomplete says why a flow no rule matches is undecided.
	Incomplete []string `json:"incomplete"`
}

// Part is a piece of the flow with one verdict.
type Part struct {
	Verdict string      `json:"verdict"`
	Flows   []TraceFlow `json:"flows"`
	Witness Witness     `json:"witness"`
	Egress  *Decision   `json:"egress"`
	Ingress *Decision   `json:"ingress"`
}

// TraceFlow is a box of flows with both ends.
type TraceFlow struct {
	Protocol string `json:"protocol"`
	Ports    string `json:"ports"`
	From     string `json:"from"`
	To       string `json:"to"`
}

// Witness is one flow of a part.
type Witness struct {
	Protocol string `json:"protocol"`
	Port     int    `json:"port"`
	From     string `json:"from"`
	To       string `json:"to"`
	Text     string `json:"text"`
}

// Decision is how one direction decides a part.
type Decision struct {
	Verdict string `json:"verdict"`
	// Rule decides; null when no rule matches.
	Rule          *Rule    `json:"rule"`
	Reasons       []string `json:"reasons"`
	MemberAccepts []Rule   `json:"member_accepts"`
	// Steps are the rules evaluated for the witness, in order, down to
	// the one that decides it.
	Steps []Step `json:"steps"`
}

// Step is one rule evaluated for the witness.
type Step struct {
	Rule
	Match string `json:"match"`
}

// TraceVerdict writes a verdict of a flow: accepted, dropped or
// undecided.
func TraceVerdict(v flows.Verdict) string {
	if v == flows.Unknown {
		return "undecided"
	}
	return v.String()
}

// NewTrace builds the view of r, traced in the unit root.
func NewTrace(root string, r *trace.Result) Trace {
	out := Trace{
		Root: root, From: Endpoint{r.From.Spec, r.From.Label}, To: Endpoint{r.To.Spec, r.To.Label},
		Protocol: r.Protos.String(), Ports: r.Ports.Except(), Verdict: TraceVerdict(r.Verdict), Paths: []Path{},
	}
	for _, p := range r.Paths {
		pv := Path{From: p.From.Label, To: p.To.Label, Egress: crossing(p.Egress), Ingress: crossing(p.Ingress), Parts: []Part{}}
		for _, part := range p.Parts {
			w := part.Witness
			partView := Part{
				Verdict: TraceVerdict(part.Verdict), Flows: []TraceFlow{},
				Witness: Witness{Protocol: w.Proto.String(), Port: int(w.Port), From: w.From, To: w.To, Text: w.String()},
				Egress:  decision(part.Egress), Ingress: decision(part.Ingress),
			}
			for _, q := range part.Flows {
				peers := q.From
				if len(peers.Syms) > 0 {
					peers = q.To
				}
				partView.Flows = append(partView.Flows, TraceFlow{
					Protocol: flows.Box{Protos: q.Protos, Ports: q.Ports, Addrs: peers}.ProtoText(), Ports: portsOf(flows.Box{Protos: q.Protos, Ports: q.Ports}),
					From: q.From.Except(), To: q.To.Except(),
				})
			}
			pv.Parts = append(pv.Parts, partView)
		}
		out.Paths = append(out.Paths, pv)
	}
	return out
}

func crossing(c *trace.Crossing) *Crossing {
	if c == nil {
		return nil
	}
	out := &Crossing{Subject: c.Subject, Groups: groups(c.Side.Binding.SGs), Binding: At(c.Side.Binding.At), Incomplete: []string{}}
	for _, seg := range c.List {
		if !seg.Complete {
			out.Incomplete = append(out.Incomplete, seg.Why)
		}
	}
	return out
}

func decision(d *trace.Decision) *Decision {
	if d == nil {
		return nil
	}
	out := &Decision{Verdict: TraceVerdict(d.Verdict), Rule: NewRule(d.Rule), Reasons: nonNil(d.Reasons), MemberAccepts: rules(d.MemberAccepts), Steps: []Step{}}
	for _, s := range d.Steps {
		out.Steps = append(out.Steps, Step{Rule: *NewRule(s.Rule), Match: s.Match.String()})
	}
	return out
}

// maxTraceFlows is how many boxes of one part the text shows.
const maxTraceFlows = 8

// WriteTraceText writes a trace as tkesglint trace prints it.
func WriteTraceText(p *Printer, t Trace) error {
	p.printf("trace %s %s from %s to %s", t.Protocol, t.Ports, p.clean(t.From.Label), p.clean(t.To.Label))
	if t.Root != "" {
		p.printf(" in %s", p.clean(t.Root))
	}
	p.printf("\n")
	for _, path := range t.Paths {
		p.printf("\n%s → %s\n", p.clean(path.From), p.clean(path.To))
		for _, c := range []struct {
			name, who string
			c         *Crossing
		}{{"egress", path.From, path.Egress}, {"ingress", path.To, path.Ingress}} {
			if c.c == nil {
				p.printf("  %s at %s: no security group of the input, not evaluated\n", c.name, p.clean(c.who))
				continue
			}
			p.printf("  %s at %s: %s (bound at %s)\n", c.name, p.clean(c.c.Subject), p.clean(GroupList(c.c.Groups)), c.c.Binding)
		}
		for i, part := range path.Parts {
			p.printf("\n  part %d of %d: %s\n", i+1, len(path.Parts), strings.ToUpper(part.Verdict))
			for j, f := range part.Flows {
				if j == maxTraceFlows {
					p.printf("    … and %d more boxes of flows\n", len(part.Flows)-j)
					break
				}
				ports := ""
				if f.Ports != "-" && f.Ports != "ALL" {
					ports = " " + f.Ports
				}
				p.printf("    %s%s from %s to %s\n", f.Protocol, ports, p.clean(f.From), p.clean(f.To))
			}
			p.printf("    witness: %s\n", p.clean(part.Witness.Text))
			p.decision("egress", part.Egress)
			p.decision("ingress", part.Ingress)
		}
	}
	p.printf("\nverdict: %s\n", t.Verdict)
	return p.Err()
}

func (p *Printer) decision(dir string, d *Decision) {
	if d == nil {
		return
	}
	p.printf("    %s:\n", dir)
	for _, s := range d.Steps {
		p.printf("      %-22s %s: %s — %s\n", s.At.String(), p.clean(s.Ref), p.clean(s.Text), s.Match)
	}
	switch {
	case d.Verdict == "undecided":
		p.printf("      → undecided: %s\n", p.clean(strings.Join(d.Reasons, "; ")))
	case d.Rule != nil:
		p.printf("      → %s by %s (%s)\n", d.Verdict, p.clean(d.Rule.Ref), d.Rule.At)
	default:
		p.printf("      → dropped: no rule matches\n")
	}
	for _, m := range d.MemberAccepts {
		p.printf("      unless the peer is a member of the group that %s (%s, %s) names, which accepts it: an ACCEPT of a group counts only for flows from the group itself (trace it as sg:NAME)\n", p.clean(m.Ref), p.clean(m.Text), m.At)
	}
}
