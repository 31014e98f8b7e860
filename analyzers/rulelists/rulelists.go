package rulelists

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
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
	Run: run,
}

func run(pass *analysis.Pass) error {
	comp := flows.NewCompiler(pass.Input)
	for _, sg := range pass.Input.SecurityGroups {
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			seg := comp.Segment(sg, d)
			for _, r := range seg.Rules {
				for _, p := range r.Problems {
					pass.Report(analysis.Diagnostic{
						Check:       "TKESG402",
						Range:       p.Range,
						Message:     fmt.Sprintf("%s is invalid: %s", r.Ref(), p.Message),
						Fingerprint: sg.Resource.Address + "|" + d.String() + "|" + r.Text() + "|" + p.Message,
						Address:     r.Source.Owner.Address,
						CallChain:   r.Source.Owner.CallChain,
					})
				}
			}
			if len(seg.Rules) > MaxRules {
				r := seg.Rules[MaxRules]
				pass.Report(analysis.Diagnostic{
					Check: "TKESG403",
					Range: r.Source.Range,
					Message: fmt.Sprintf("sg %s has %d %s rules; Tencent Cloud allows at most %d per direction, so %s cannot be created",
						sg.DisplayName(), len(seg.Rules), d, MaxRules, overLimit(len(seg.Rules)-MaxRules)),
					Fingerprint: sg.Resource.Address + "|" + d.String() + "|limit",
					Address:     r.Source.Owner.Address,
					CallChain:   r.Source.Owner.CallChain,
				})
			}
			for _, s := range seg.Shadowed() {
				reportShadow(pass, s)
			}
		}
	}
	for _, t := range pass.Input.AddressTemplates {
		reportInvalidEntries(pass, t)
	}
	return nil
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
				Check:       "TKESG402",
				Range:       e.Range(),
				Message:     fmt.Sprintf("address template %s is invalid: %v; the rules that name it are checked as if its members were unknown", name, err),
				Fingerprint: t.Resource.Address + "|entry|" + v,
				Address:     t.Resource.Address,
				CallChain:   t.Resource.CallChain,
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
	pass.Report(analysis.Diagnostic{
		Check:       "TKESG401",
		Range:       r.Source.Range,
		Message:     msg,
		Related:     related,
		Fingerprint: r.Group.Resource.Address + "|" + r.Source.Direction.String() + "|" + r.Text(),
		Address:     r.Source.Owner.Address,
		CallChain:   r.Source.Owner.CallChain,
	})
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
