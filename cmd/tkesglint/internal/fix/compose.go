package fix

import (
	"context"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Fixes are proved one finding at a time, each on the files as they are.
// Two of them can meet: two findings on a group that has no rules each
// add the same new rule set (or SecurityGroupPolicySet), or one fix
// inserts a rule among lines that another renumbers. Each holds alone,
// and both together do not (a duplicate resource or key, a policy_index
// written twice), yet a reviewer may commit every suggestion and an editor
// user take every quick fix. So fixes that meet become one: made as --fix
// makes them, one after the other, each written on the files as the ones
// before it leave them, proved together, and offered, the same, on each of
// their findings. Applying it once fixes them all; its edits are equal on
// each finding, so SARIF viewers, reviewdog and editors see one edit of
// the same lines (docs/fixing.md).

// lineHull is the lines of one file that a fix's suggestion replaces
// when it is written as whole lines (a GitHub suggestion, an rdjson
// suggestion): from the first line an edit touches to the last. An
// insertion before a line takes that line; a range that ends at the start
// of a line does not take that line; a deletion may take a line on either
// side, so it is widened by one each way. Two fixes meet when their hulls
// share a line; a fix of line 13 and an insertion before line 15 do not
// meet, and are offered apart (a held fix is never carried into another).
type lineHull struct {
	file     string
	from, to int
}

// hulls returns the hull of a fix in each file it edits.
func hulls(fix analysis.SuggestedFix) []lineHull {
	var out []lineHull
	for _, e := range fix.TextEdits {
		from, to := editLines(e)
		i := 0
		for i < len(out) && out[i].file != e.Range.Filename {
			i++
		}
		if i == len(out) {
			out = append(out, lineHull{e.Range.Filename, from, to})
			continue
		}
		out[i].from, out[i].to = min(out[i].from, from), max(out[i].to, to)
	}
	return out
}

// editLines returns the first and last line that edit e takes as whole
// lines.
func editLines(e analysis.TextEdit) (from, to int) {
	from, to = e.Range.Start.Line, max(e.Range.End.Line, e.Range.Start.Line)
	if to > from && e.Range.End.Column == 1 {
		to--
	}
	if e.NewText == "" {
		from, to = from-1, to+1
	}
	return from, to
}

// meet reports whether two fixes edit lines of one file that meet.
func meet(a, b []lineHull) bool {
	for _, x := range a {
		for _, y := range b {
			if x.file == y.file && x.from <= y.to && y.from <= x.to {
				return true
			}
		}
	}
	return false
}

// compose makes one fix of the proved fixes that meet (proved maps the
// findings that have one to the files as it leaves them). When the fixes
// of a group cannot be made or proved together, the first keeps its own,
// and the others say why they have none.
func (p *prover) compose(ctx context.Context, proved map[int]map[string][]byte) error {
	var ids []int
	hull := map[int][]lineHull{}
	for i := range p.res.Findings {
		f := &p.res.Findings[i]
		if _, ok := proved[i]; ok && len(f.Fixes) > 0 && (p.chosen == nil || p.chosen(f)) {
			ids = append(ids, i)
			hull[i] = hulls(f.Fixes[0])
		}
	}
	// Groups of fixes that meet, directly or through others, in finding
	// order.
	group := map[int]int{}
	for _, i := range ids {
		group[i] = i
	}
	root := func(i int) int {
		for group[i] != i {
			i = group[i]
		}
		return i
	}
	for x, i := range ids {
		for _, j := range ids[x+1:] {
			if meet(hull[i], hull[j]) {
				if a, b := root(i), root(j); a != b {
					group[max(a, b)] = min(a, b)
				}
			}
		}
	}
	members := map[int][]int{}
	var roots []int
	for _, i := range ids {
		r := root(i)
		if members[r] == nil {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	for _, r := range roots {
		if len(members[r]) < 2 {
			continue
		}
		if err := p.combine(ctx, members[r], proved); err != nil {
			return err
		}
	}
	return nil
}

// combine makes one fix for the findings of group, whose fixes meet, and
// sets it on each; or, when it cannot be made or proved, leaves the first
// its own fix and says so on the others.
func (p *prover) combine(ctx context.Context, group []int, proved map[int]map[string][]byte) error {
	first := &p.res.Findings[group[0]]
	files, made, why, err := p.together(ctx, group, proved)
	if err != nil {
		return err
	}
	if why != "" {
		for _, i := range group[1:] {
			f := &p.res.Findings[i]
			f.Fixes = nil
			f.NoFix = fmt.Sprintf("its fix edits the lines that the fix of %s at %s edits, and the two together %s: apply that fix, then lint again", first.Check.ID, first.Range, why)
		}
		return nil
	}
	findings := make([]*driver.Finding, len(group))
	var open, openFor []string
	for x, i := range group {
		findings[x] = &p.res.Findings[i]
		if o := findings[x].Fixes[0].Opens; o != "" && !slices.Contains(open, o) {
			open = append(open, o)
		}
		for _, id := range findings[x].Fixes[0].OpensFor {
			if !slices.Contains(openFor, id) {
				openFor = append(openFor, id)
			}
		}
	}
	// The node groups of the findings need the new rules: none of them
	// is a bystander that gets them as well.
	served := servedBy(findings)
	var msgs []string
	for _, i := range made {
		f := &p.res.Findings[i]
		msg := f.Fixes[0].Message
		for ri := range f.Repairs {
			if was := alsoBoundText(&f.Repairs[ri], nil); was != "" && strings.Contains(msg, was) {
				msg = strings.Replace(msg, was, alsoBoundText(&f.Repairs[ri], served), 1)
				break
			}
		}
		msgs = append(msgs, fmt.Sprintf("%s: %s.", f.Check.ID, strings.TrimSuffix(msg, ".")))
	}
	names, apart := findingNames(findings)
	which := strings.Join(names, " and ")
	if !apart {
		names = slices.Compact(names)
		which = fmt.Sprintf("the %d findings %s", len(group), strings.Join(names, ", "))
	}
	fix := analysis.SuggestedFix{
		Message:   fmt.Sprintf("One fix for %s, whose edits meet. %s", which, strings.Join(msgs, " ")),
		TextEdits: textEdits(p.res.Sources, files),
		Opens:     strings.Join(open, "; "),
		OpensFor:  openFor,
	}
	for _, i := range group {
		p.res.Findings[i].Fixes = []analysis.SuggestedFix{fix}
	}
	return nil
}

// together writes the fixes of group one after the other, as --fix
// would: the first as proved, each next one written and proved on the
// files as the ones before leave them (a finding already gone needs
// nothing more). It returns the files as they all leave them and the
// findings whose fixes were written, or why that fails; "" when the
// result is proved against the files as they are: every finding of group
// gone, nothing new.
func (p *prover) together(ctx context.Context, group []int, proved map[int]map[string][]byte) (files map[string][]byte, made []int, why string, err error) {
	cur := maps.Clone(proved[group[0]])
	made = []int{group[0]}
	for _, i := range group[1:] {
		target := &p.res.Findings[i]
		// Every unit of paths: the next fix is proved against this run.
		paths, _ := p.scope(cur)
		after, err := p.lint(ctx, cur, paths, nil)
		if err != nil {
			return nil, nil, "", err
		}
		at := -1
		for k := range after.Findings {
			if f := &after.Findings[k]; f.Check.ID == target.Check.ID && f.Fingerprint == target.Fingerprint && f.Suppression == nil {
				at = k
			}
		}
		if at < 0 {
			continue
		}
		o := p.opts
		o.Overlay = overlay(p.opts, cur)
		next := newProver(o, after)
		s, err := next.settle(ctx, at)
		if err != nil {
			return nil, nil, "", err
		}
		if s.fix == nil {
			if s.why == "" {
				s.why = "no fix is offered"
			}
			return nil, nil, "could not be made (" + s.why + ")", nil
		}
		maps.Copy(cur, s.files)
		made = append(made, i)
	}
	paths, roots := p.scope(cur)
	after, err := p.lint(ctx, cur, paths, roots)
	if err != nil {
		return nil, nil, "", err
	}
	known := p.known(cur)
	for _, i := range group {
		if why := verdict(within(p.res, roots), within(after, roots), &p.res.Findings[i], known); why != "" {
			return nil, nil, "were not proved: " + why, nil
		}
	}
	return cur, made, "", nil
}

// sameFix reports whether two fixes are one: a fix that several findings
// share (compose) is applied once.
func sameFix(a, b analysis.SuggestedFix) bool {
	if a.Message != b.Message || len(a.TextEdits) != len(b.TextEdits) {
		return false
	}
	for i := range a.TextEdits {
		if a.TextEdits[i] != b.TextEdits[i] {
			return false
		}
	}
	return true
}

// opens says which new ACCEPT rules of r accept flows from (or to) the
// whole internet, a peer of 0.0.0.0/0 or ::/0: "UDP 30000-32768 from
// 0.0.0.0/0"; "" when none does (or r is nil).
func opens(r *analysis.Repair) string {
	if r == nil || r.Change.Insert == nil {
		return ""
	}
	var out []string
	for _, rule := range r.Change.Insert.Rules {
		for _, v := range []model.String{rule.CIDR, rule.IPv6CIDR} {
			p, ok := wholeInternet(v)
			if !ok {
				continue
			}
			word := " from "
			if rule.Direction == model.Egress {
				word = " to "
			}
			what := rule.Protocol.Value()
			if port := rule.Port.Value(); port != "" && !strings.EqualFold(port, "ALL") {
				what += " " + port
			}
			out = append(out, what+word+p.String())
		}
	}
	return strings.Join(out, "; ")
}

// wholeInternet returns the CIDR v holds when it is 0.0.0.0/0 or ::/0 (a
// /0 written any way): a new rule with such a peer opens to the whole
// internet, which plain --fix never writes unasked.
func wholeInternet(v model.String) (netip.Prefix, bool) {
	cidr, ok := v.Get()
	p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
	return p, ok && err == nil && p.Bits() == 0
}
