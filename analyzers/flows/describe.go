package flows

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Ref names the rule for messages: "ingress rule 2 of sg nodes" for rules
// whose position is their priority, the resource address for legacy rules.
func (r *Rule) Ref() string {
	src := r.Source
	if src.Kind == model.LegacyRule {
		return src.Owner.Address
	}
	group := src.Owner.Address
	if r.Group != nil {
		group = "sg " + r.Group.DisplayName()
	}
	return fmt.Sprintf("%s rule %d of %s", src.Direction, src.Position+1, group)
}

// Range is where the rule is written: a finding about the rule points there.
func (r *Rule) Range() model.Range { return r.Source.Range }

// Resource is the resource that defines the rule.
func (r *Rule) Resource() model.Resource { return r.Source.Owner }

// InputError is the input error of the rule's source (analysis.Erroneous).
func (r *Rule) InputError() string { return r.Source.InputError }

// Key identifies the rule apart from where it is written: its group, its
// direction and the rule written out (Text), so that inserting a rule above
// it, or moving its block, leaves a finding about it the same one.
func (r *Rule) Key() string {
	group := r.Source.Owner.Address
	if r.Group != nil {
		group = r.Group.Resource.Address
	}
	return group + "|" + r.Source.Direction.String() + "|" + r.Text()
}

// Text writes the rule in one line, normalised: "DROP UDP 53 from
// 0.0.0.0/0". It is also the line-independent part of fingerprints.
func (r *Rule) Text() string {
	src := r.Source
	if src.Malformed != "" {
		return "malformed rule"
	}
	var b strings.Builder
	b.WriteString(upper(show(src.Action, "?")))
	if t := firstSet(src.ServiceTemplate, src.ServiceTemplateGroup); t != nil {
		b.WriteString(" service " + show(*t, "?"))
	} else {
		proto := upper(show(src.Protocol, "ALL"))
		if p, ok := ParseProto(proto); ok {
			proto = p.String() // ICMPv6, not ICMPV6
		}
		b.WriteString(" " + proto)
		if port := show(src.Port, "ALL"); !strings.EqualFold(port, "ALL") || src.Port.State() == model.Unresolved {
			b.WriteString(" " + port)
		}
	}
	word := " from "
	if src.Direction == model.Egress {
		word = " to "
	}
	peers := src.Peer()
	switch {
	case len(peers) == 0:
		b.WriteString(word + "nothing")
	case r.PeerLabel != "":
		b.WriteString(word + r.PeerLabel)
	default:
		b.WriteString(word + show(peers[0].Value, "?"))
	}
	return b.String()
}

// upper upper-cases a shown value, but not the <unresolved> marker.
func upper(s string) string {
	if s == "<unresolved>" {
		return s
	}
	return strings.ToUpper(s)
}

// show returns the written value, def when defaulted, and the unresolved
// expression's reason in angle brackets when unknown.
func show(v model.String, def string) string {
	switch s, ok := v.Get(); {
	case !ok:
		return "<unresolved>"
	case v.State() == model.Defaulted:
		return def
	default:
		return strings.TrimSpace(s)
	}
}

// splitReasons splits reasons joined with "; " outside parentheses, so
// that the same reason given by several values is said once.
func splitReasons(s string) []string {
	var (
		out   []string
		depth int
		start int
	)
	for i := range len(s) {
		switch {
		case s[i] == '(':
			depth++
		case s[i] == ')' && depth > 0:
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], "; "):
			out = append(out, s[start:i])
			start = i + 2
		}
	}
	return append(out, s[start:])
}

// uncertainty says why a rule's match is not certain.
func (r *Rule) uncertainty() string {
	if len(r.Unknowns) > 0 {
		var unknowns []string
		for _, u := range r.Unknowns {
			unknowns = append(unknowns, splitReasons(u)...)
		}
		slices.Sort(unknowns)
		return fmt.Sprintf("%s depends on values that are not known (%s)", r.Ref(), strings.Join(slices.Compact(unknowns), "; "))
	}
	if len(r.Peer.Syms) > 0 {
		return fmt.Sprintf("%s names %s, whose members are not known", r.Ref(), strings.Join(r.Peer.Syms, ", "))
	}
	return fmt.Sprintf("%s may match", r.Ref())
}
