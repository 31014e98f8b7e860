package rulelists

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// MaxRules is the number of rules Tencent Cloud allows in one direction of
// one security group.
const MaxRules = 100

// Analyzer reports TKESG401, TKESG402 and TKESG403.
var Analyzer = &analysis.Analyzer{
	Name: "rulelists",
	Checks: []*analysis.Check{
		analysis.NewCheck("TKESG401", "shadowed-rule", analysis.LevelWarning, "4.0", "very-high"),
		analysis.NewCheck("TKESG402", "invalid-rule", analysis.LevelError, "5.0", "very-high"),
		analysis.NewCheck("TKESG403", "too-many-rules", analysis.LevelError, "4.0", "very-high"),
	},
	Requires: []*analysis.Analyzer{compiled.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	comp := compiled.Of(pass)
	directions := [2]model.Direction{model.Ingress, model.Egress}
	// The shadowing of each list is independent of the others' and most of
	// the work (an export holds 200,000 rules): it is worked out on the
	// goroutines the pass allows, and reported below in order.
	sgs := pass.Input.SecurityGroups
	shadows := make([][2][]flows.Shadow, len(sgs))
	pass.ForEach(len(sgs), func(i int) {
		for k, d := range directions {
			shadows[i][k] = comp.Segment(sgs[i], d).Shadowed()
		}
	})
	for i, sg := range sgs {
		for k, d := range directions {
			seg := comp.Segment(sg, d)
			for _, r := range seg.Rules {
				for _, p := range r.Problems {
					pass.Report(analysis.Diagnostic{
						Check: "TKESG402", At: r, Range: p.Range, Aspect: []string{p.Message},
						Message: fmt.Sprintf("%s is invalid: %s", r.Ref(), p.Message),
					})
				}
			}
			if len(seg.Rules) > MaxRules {
				pass.Reportf("TKESG403", ruleList{sg: sg, d: d, at: seg.Rules[MaxRules]},
					"sg %s has %d %s rules; Tencent Cloud allows at most %d per direction, so %s cannot be created",
					sg.DisplayName(), len(seg.Rules), d, MaxRules, overLimit(len(seg.Rules)-MaxRules))
			}
			for _, s := range shadows[i][k] {
				reportShadow(pass, s)
			}
		}
	}
	for _, t := range pass.Input.AddressTemplates {
		reportInvalidEntries(pass, t)
	}
	return nil, nil
}

// reportInvalidEntries reports the entries of an address template that are
// neither an address, a CIDR nor a range: Tencent Cloud refuses them, and
// the rules naming the template are evaluated as if its members were
// unknown.
func reportInvalidEntries(pass *analysis.Pass, t *model.AddressTemplate) {
	entries, ok := t.Addresses.Get()
	if !ok || t.Group {
		return
	}
	name := t.Resource.Address
	if n, ok := t.Name.Get(); ok && n != "" {
		name = n
	}
	for _, e := range entries {
		v, ok := e.Get()
		if !ok {
			continue
		}
		if _, err := flows.ParseAddressEntry(v); err != nil {
			pass.Report(analysis.Diagnostic{
				Check: "TKESG402", At: analysis.Resource(t.Resource), Range: e.Range(), Aspect: []string{"entry", v},
				Message: fmt.Sprintf("address template %s is invalid: %v; the rules that name it are checked as if its members were unknown", name, err),
			})
		}
	}
}

func reportShadow(pass *analysis.Pass, s flows.Shadow) {
	r := s.Rule
	var names []string
	related := make([]analysis.Related, 0, len(s.By))
	for _, e := range s.By {
		names = append(names, fmt.Sprintf("%s (%s)", shortRef(e, r), e.Text()))
		related = append(related, analysis.Related{Range: e.Source.Range, Message: fmt.Sprintf("%s (%s) matches first", e.Ref(), e.Text())})
	}
	verb := "matches all its flows first"
	if len(s.By) > 1 {
		verb = "match all its flows first"
	}
	msg := fmt.Sprintf("%s (%s) can never match: %s %s", r.Ref(), r.Text(), strings.Join(names, " and "), verb)
	if s.Opposite && r.Actions == flows.Accept {
		msg += "; an ACCEPT hidden by a DROP is almost always a bug"
	} else if s.Opposite {
		msg += "; it is hidden by a rule with the opposite action"
	}
	pass.Report(analysis.Diagnostic{Check: "TKESG401", At: r, Message: msg, Related: related})
}

// shortRef names e relative to r: "rule 1" when both are in the same list.
func shortRef(e, r *flows.Rule) string {
	if e.Source.Kind != model.LegacyRule && e.Source.Owner.Address == r.Source.Owner.Address {
		return fmt.Sprintf("rule %d", e.Source.Position+1)
	}
	return e.Ref()
}

// overLimit names the rules past the limit: "this rule", "this rule and
// the 2 after it".
func overLimit(n int) string {
	switch n {
	case 1:
		return "this rule"
	case 2:
		return "this rule and the one after it"
	}
	return fmt.Sprintf("this rule and the %d after it", n-1)
}

// ruleList is direction d of sg, at its rule at: a finding about the list
// as a whole points at that rule and is identified by the group and the
// direction.
type ruleList struct {
	sg *model.SecurityGroup
	d  model.Direction
	at *flows.Rule
}

func (l ruleList) Range() model.Range       { return l.at.Range() }
func (l ruleList) Resource() model.Resource { return l.at.Resource() }
func (l ruleList) Key() string              { return l.sg.Resource.Address + "|" + l.d.String() + "|limit" }
