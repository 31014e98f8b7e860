package show

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"
)

// Printer writes text; what it quotes from the input is made printable by
// clean (the command line's output.Message).
type Printer struct {
	W     io.Writer
	Clean func(string) string
	err   error
}

func (p *Printer) printf(format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.W, format, args...)
}

func (p *Printer) clean(s string) string {
	if p.Clean == nil {
		return s
	}
	return p.Clean(s)
}

// Err returns the first write error.
func (p *Printer) Err() error { return p.err }

// WriteText writes the units as tkesglint show prints them.
func WriteText(w io.Writer, units []Unit, clean func(string) string) error {
	p := &Printer{W: w, Clean: clean}
	for i, u := range units {
		if i > 0 {
			p.printf("\n")
		}
		if u.Root != "" {
			p.printf("== %s\n\n", p.clean(u.Root))
		}
		for _, m := range u.Clusters {
			p.matrix(m)
		}
		for _, pol := range u.Bindings {
			p.policy(pol)
		}
		for _, pol := range u.Groups {
			if same := sameAsBinding(u, pol); same != "" {
				p.printf("%s, %s: as for %s above\n\n", p.clean(pol.Subject), pol.Direction, p.clean(same))
				continue
			}
			p.policy(pol)
		}
	}
	return p.Err()
}

// sameAsBinding names the binding of the group of pol alone whose policy
// is pol's, if any: the text says it once.
func sameAsBinding(u Unit, pol Policy) string {
	for _, b := range u.Bindings {
		if len(b.Groups) == 1 && len(pol.Groups) == 1 && b.Groups[0].Address == pol.Groups[0].Address &&
			b.Direction == pol.Direction && reflect.DeepEqual(b.Regions, pol.Regions) && reflect.DeepEqual(b.Incomplete, pol.Incomplete) {
			return b.Subject
		}
	}
	return ""
}

func (p *Printer) matrix(m Matrix) {
	p.printf("cluster %s (%s): %s, %s\n", p.clean(m.Cluster), m.At, m.DeployType, m.NetworkType)
	p.printf("  cluster network:   %s\n", p.clean(orNone(m.ClusterNetwork)))
	p.printf("  container network: %s\n", p.clean(orNone(m.ContainerNetwork)))
	for _, t := range m.Targets {
		if t.Binding == nil && len(t.Rows) > 0 && t.Rows[0].Status == "n/a" {
			p.printf("  %s: n/a (%s)\n", p.clean(t.Subject), p.clean(strings.Join(t.Rows[0].Reasons, "; ")))
			continue
		}
		p.printf("  %s: %s (bound at %s)\n", p.clean(t.Subject), p.clean(GroupList(t.Groups)), t.Binding)
		tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
		for _, r := range t.Rows {
			p.writeTo(tw, "    %s\t%s\t%s\t%s\t%s\n", p.clean(r.Name), r.Check, r.Level, r.Status, p.clean(RowDetail(r)))
		}
		p.flush(tw)
	}
	p.printf("\n")
}

// RowDetail says in one line why a row has its status, with the row's
// flows when it is satisfied.
func RowDetail(r MatrixRow) string {
	if r.Status == "satisfied" {
		return r.Flows + ": " + RowWhy(r)
	}
	return RowWhy(r)
}

// RowWhy says why a row has its status: the witness and the rule that
// breaks it, why it is undecided, or the rules that satisfy it.
func RowWhy(r MatrixRow) string {
	switch r.Status {
	case "broken":
		if r.Rule != nil {
			return r.Witness + " is dropped by " + r.Rule.Ref + " (" + r.Rule.Text + ", " + r.Rule.At.String() + ")"
		}
		return r.Witness + " matches no rule, so it is dropped"
	case "undecided":
		s := strings.Join(r.Reasons, "; ")
		if r.Witness != "" {
			s = "for example " + r.Witness + ": " + s
		}
		return s
	case "satisfied":
		var refs []string
		for _, d := range r.Deciding {
			refs = append(refs, d.Ref+" ("+d.At.String()+")")
		}
		s := "accepted by " + strings.Join(refs, ", ")
		if len(refs) == 0 {
			s = "accepted"
		}
		if r.Alternative != "" {
			s += " (from " + r.Alternative + ", which satisfies it)"
		}
		if len(r.Reasons) > 0 {
			s += "; " + strings.Join(r.Reasons, "; ")
		}
		return s
	}
	return strings.Join(r.Reasons, "; ")
}

func (p *Printer) policy(pol Policy) {
	p.printf("%s, %s", p.clean(pol.Subject), pol.Direction)
	if pol.Cluster != "" {
		p.printf(": %s (bound at %s)", p.clean(GroupList(pol.Groups)), pol.Binding)
	} else if len(pol.Groups) == 1 && pol.Groups[0].At != nil {
		p.printf(" (%s)", pol.Groups[0].At)
	}
	p.printf("\n")
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	p.writeTo(tw, "  VERDICT\tPROTOCOL\tPORTS\t%s\tEXCEPT\tDECIDED BY\n", peersHeader(pol.Direction))
	for _, r := range pol.Regions {
		by := "no rule matches"
		if r.Rule != nil {
			by = r.Rule.Ref + " (" + r.Rule.At.String() + ")"
		}
		if r.Verdict == "undecided" {
			// Earlier rules may match: the rule that matches for
			// certain decides only if none of them does.
			by = "no rule for certain"
			if r.Rule != nil {
				by = r.Rule.Ref + " (" + r.Rule.At.String() + ") unless an earlier rule matches"
			}
		}
		for _, row := range r.Rows {
			p.writeTo(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", strings.ToUpper(r.Verdict), row.Protocol, row.Ports, p.clean(row.Peers), p.clean(orDash(strings.Join(row.Except, ", "))), p.clean(by))
		}
	}
	p.flush(tw)
	for _, r := range pol.Regions {
		if len(r.Reasons) > 0 {
			p.printf("  undecided before %s: %s\n", p.clean(ruleOr(r.Rule, "the end of the list")), p.clean(strings.Join(r.Reasons, "; ")))
		}
		for _, m := range r.MemberAccepts {
			p.printf("  %s by %s: unless the peer is a member of the group that %s (%s, %s) names, which accepts it\n", r.Verdict, p.clean(ruleOr(r.Rule, "no rule")), p.clean(m.Ref), p.clean(m.Text), m.At)
		}
	}
	for _, why := range pol.Incomplete {
		p.printf("  flows that no rule matches are undecided: %s\n", p.clean(why))
	}
	p.printf("\n")
}

func ruleOr(r *Rule, none string) string {
	if r == nil {
		return none
	}
	return r.Ref
}

// peersHeader names the peer column: sources of ingress, destinations of
// egress.
func peersHeader(direction string) string {
	if direction == "egress" {
		return "DESTINATIONS"
	}
	return "SOURCES"
}

func (p *Printer) writeTo(w io.Writer, format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(w, format, args...)
}

func (p *Printer) flush(tw *tabwriter.Writer) {
	if err := tw.Flush(); err != nil && p.err == nil {
		p.err = err
	}
}

// GroupList names the groups of a policy: "sg a, sg b".
func GroupList(gs []Group) string {
	if len(gs) == 0 {
		return "no security group"
	}
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = "sg " + g.Name
	}
	return strings.Join(names, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
