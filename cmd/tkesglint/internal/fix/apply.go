package fix

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// maxRounds bounds the rounds of Apply: each applies at least one fix.
const maxRounds = 200

// Applied is one fix that Apply made.
type Applied struct {
	// Finding is the finding the fix repaired, as the lint before the fix
	// reported it.
	Finding driver.Finding
	// Message says what the fix does.
	Message string
	// Files are the files it edited.
	Files []string
}

// Outcome is what Apply did.
type Outcome struct {
	// Result is the lint of the files as the fixes leave them, with the
	// fixes that remain proved (none, unless the round limit was hit).
	Result *driver.Result
	// Original and Files are the contents of the edited files before and
	// after the fixes, by the names the driver shows.
	Original, Files map[string][]byte
	// Applied are the fixes made, in order.
	Applied []Applied
}

// Apply lints opts, applies the proved fixes, lints again, and so on until
// no proved fix is left. Fixes whose edits touch different files and
// different root modules are applied in one round, and the round is
// checked as a whole: when together they add a finding, only the first is
// applied. Apply writes nothing: the new contents are in the Outcome, and
// in the overlay of every run after the first.
//
// chosen, when not nil, tells the findings whose fixes Apply makes; the
// fixes of the others stay offered in the Result.
func Apply(ctx context.Context, opts driver.Options, chosen func(*driver.Finding) bool) (*Outcome, error) {
	out := &Outcome{Original: map[string][]byte{}, Files: map[string][]byte{}}
	// Findings are said where they were before any fix.
	first := map[[2]string]model.Range{}
	for range maxRounds {
		o := opts
		o.Overlay = overlay(opts, out.Files)
		res, err := driver.Run(ctx, o)
		if err != nil {
			return nil, err
		}
		p := newProver(o, res)
		p.chosen = chosen
		if err := prove(ctx, p); err != nil {
			return nil, err
		}
		out.Result = res
		for i := range res.Findings {
			f := &res.Findings[i]
			if k := [2]string{f.Check.ID, f.Fingerprint}; len(out.Applied) == 0 && first[k].IsZero() {
				first[k] = f.Range
			}
		}
		picked := pick(res, chosen)
		if len(picked) == 0 {
			return out, nil
		}
		next, err := out.with(res, picked)
		if err != nil {
			return nil, err
		}
		if len(picked) > 1 {
			p := newProver(o, res)
			after, err := p.run(ctx, changed(next, out.Files), nil, nil)
			if err != nil {
				return nil, err
			}
			if joined(res, after, picked, p.known(next)) != "" {
				picked = picked[:1]
				if next, err = out.with(res, picked); err != nil {
					return nil, err
				}
			}
		}
		start := len(out.Applied)
		for x, i := range picked {
			f := res.Findings[i]
			if at, ok := first[[2]string{f.Check.ID, f.Fingerprint}]; ok {
				f.Range = at
			}
			msg := f.Fixes[0].Message
			for y, j := range picked[:x] {
				if sameFix(res.Findings[j].Fixes[0], f.Fixes[0]) {
					msg = sameFixText(&out.Applied[start+y].Finding, &f)
					break
				}
			}
			out.Applied = append(out.Applied, Applied{Finding: f, Message: msg, Files: filesOf(f)})
		}
		for name, src := range next {
			if _, ok := out.Original[name]; !ok {
				out.Original[name] = res.Sources[name]
			}
			out.Files[name] = src
		}
	}
	return out, nil
}

// pick returns the findings whose first fix goes in this round: in
// finding order (of those chosen, when chosen is not nil), each whose
// edits touch no line that an earlier pick touches, or the line next to
// one, and each whose fix is that of an earlier pick (one fix that
// several findings share).
func pick(res *driver.Result, chosen func(*driver.Finding) bool) []int {
	var out []int
	type span struct {
		file     string
		from, to int
	}
	var taken []span
	for i := range res.Findings {
		f := &res.Findings[i]
		if len(f.Fixes) == 0 || f.Suppression != nil || chosen != nil && !chosen(f) {
			continue
		}
		if slices.ContainsFunc(out, func(j int) bool { return sameFix(res.Findings[j].Fixes[0], f.Fixes[0]) }) {
			out = append(out, i)
			continue
		}
		var spans []span
		for _, e := range f.Fixes[0].TextEdits {
			spans = append(spans, span{e.Range.Filename, e.Range.Start.Line - 1, e.Range.End.Line + 1})
		}
		if slices.ContainsFunc(spans, func(s span) bool {
			return slices.ContainsFunc(taken, func(t span) bool { return s.file == t.file && s.from <= t.to && t.from <= s.to })
		}) {
			continue
		}
		taken = append(taken, spans...)
		out = append(out, i)
	}
	return out
}

// with returns the contents of the files that the first fixes of the
// picked findings edit, with the edits made (they do not overlap).
func (out *Outcome) with(res *driver.Result, picked []int) (map[string][]byte, error) {
	var edits []analysis.TextEdit
	var made []analysis.SuggestedFix
	for _, i := range picked {
		fix := res.Findings[i].Fixes[0]
		if slices.ContainsFunc(made, func(m analysis.SuggestedFix) bool { return sameFix(m, fix) }) {
			continue // shared with an earlier pick
		}
		made = append(made, fix)
		edits = append(edits, fix.TextEdits...)
	}
	next, err := applyEdits(res.Sources, edits)
	if err != nil {
		return nil, fmt.Errorf("apply fixes: %w", err)
	}
	return next, nil
}

// changed returns the files of all, with next on top.
func changed(next, all map[string][]byte) map[string][]byte {
	out := maps.Clone(all)
	if out == nil {
		out = map[string][]byte{}
	}
	maps.Copy(out, next)
	return out
}

// joined checks a round of several fixes as a whole: "" when every
// finding they target is gone and nothing is new.
func joined(before, after *driver.Result, picked []int, known knownFindings) string {
	for _, i := range picked {
		if why := verdict(before, after, &before.Findings[i], known); why != "" {
			return why
		}
	}
	return ""
}

// Diff returns the unified diff of the files the outcome edited, in name
// order, as `git apply` and `patch -p1` read it.
func (out *Outcome) Diff() string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(out.Files)) {
		old, cur := string(out.Original[name]), string(out.Files[name])
		if old == cur {
			continue
		}
		d, err := udiff.ToUnified("a/"+name, "b/"+name, old, lineEdits(old, cur), udiff.DefaultContextLines)
		if err != nil {
			continue // the edits come from the two texts: cannot happen
		}
		b.WriteString(d)
	}
	return b.String()
}

// filesOf returns the files the first fix of f edits.
func filesOf(f driver.Finding) []string {
	var out []string
	for _, e := range f.Fixes[0].TextEdits {
		if !slices.Contains(out, e.Range.Filename) {
			out = append(out, e.Range.Filename)
		}
	}
	return out
}
