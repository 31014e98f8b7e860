package driver

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// GroupRules is what one security group of a unit does: its resource and
// its rule lists as the flow engine reads them, so that proving a fix can
// tell which groups an edit changes (another group that reads the same
// variable, local or module) without keeping every model.
type GroupRules struct {
	Resource model.Resource
	// Name is how messages name the group (model.SecurityGroup.DisplayName).
	Name string
	// Rules are both directions written out in the engine's terms, one
	// rule a line: what each rule matches and does, not how it is written
	// (0.0.0.0/8 and 0.0.0.0/0 are one peer, a description is nothing).
	Rules string
}

// groupRules returns the rule lists of every security group of in.
func groupRules(in *model.Input) []GroupRules {
	c := flows.NewCompiler(in)
	out := make([]GroupRules, 0, len(in.SecurityGroups))
	for _, sg := range in.SecurityGroups {
		var b strings.Builder
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			seg := c.Segment(sg, d)
			fmt.Fprintf(&b, "%s complete=%t ordered=%t\n", d, seg.Complete, seg.Ordered)
			for _, r := range seg.Rules {
				b.WriteString(effect(r) + "\n")
			}
		}
		out = append(out, GroupRules{Resource: sg.Resource, Name: sg.DisplayName(), Rules: b.String()})
	}
	return out
}

// effect writes what a compiled rule matches and does, in one line.
func effect(r *flows.Rule) string {
	if !r.Valid() {
		return "invalid"
	}
	services := func(ss []flows.Service) string {
		parts := make([]string, len(ss))
		for i, s := range ss {
			parts[i] = s.Protos.String() + ":" + s.Ports.String()
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprintf("%d %s maybe=%s peer=%s unknown=%t/%s group=%t unknowns=%s",
		r.Actions, services(r.Services), services(r.MaybeServices), r.Peer, r.PeerUnknown, r.PeerDomain, r.PeerIsGroup, strings.Join(r.Unknowns, ";"))
}
