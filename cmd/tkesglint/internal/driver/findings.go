package driver

import (
	"cmp"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// comparePos orders positions by line, then column.
func comparePos(a, b model.Pos) int {
	return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// compareFindings is the output order: file, line, column, check, message;
// then, for one place in a module, where it is evaluated (the root module,
// then the module calls), so that the instances of one module read in the
// order of their calls; then the rest so that the order is total.
func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Range.Filename, b.Range.Filename),
		comparePos(a.Range.Start, b.Range.Start),
		cmp.Compare(a.Check.ID, b.Check.ID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Root, b.Root),
		slices.CompareFunc(a.CallChain, b.CallChain, compareRange),
		cmp.Compare(a.Fingerprint, b.Fingerprint),
		comparePos(a.Range.End, b.Range.End),
		cmp.Compare(a.Level, b.Level),
		compareSuppressed(a.Suppression, b.Suppression),
	)
}

// compareRange orders ranges by file, then start.
func compareRange(a, b model.Range) int {
	return cmp.Or(cmp.Compare(a.Filename, b.Filename), comparePos(a.Start, b.Start))
}

// compareSuppressed puts findings that count before suppressed ones, so
// that merging equal findings keeps one that counts when there is one.
func compareSuppressed(a, b *Suppression) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Justification, b.Justification), cmp.Compare(a.Range.String(), b.Range.String()))
}

// sameFinding reports whether two findings are one: same check, range,
// message and identity. Findings of one place whose identities differ (a
// module that two root modules call, or that one calls twice) stay apart:
// each is baselined, suppressed, diffed and dismissed on its own, and
// shows the module calls of its own instance.
func sameFinding(a, b Finding) bool {
	return a.Check.ID == b.Check.ID && sameRange(a.Range, b.Range) && a.Message == b.Message && a.Fingerprint == b.Fingerprint
}

func sameRange(a, b model.Range) bool {
	return a.Filename == b.Filename && comparePos(a.Start, b.Start) == 0 && comparePos(a.End, b.End) == 0
}

// Normalize sorts findings into output order and merges identical ones
// (same check, range, message and fingerprint), keeping the most severe
// level and, among equals, one that is not suppressed.
func Normalize(fs []Finding) []Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, compareFindings)
	// The most severe of equal findings sorts first, so merging keeps it.
	merged := out[:0]
	for _, f := range out {
		if n := len(merged); n > 0 && sameFinding(merged[n-1], f) {
			merged[n-1].Related = unionRelated(merged[n-1].Related, f.Related)
			continue
		}
		merged = append(merged, f)
	}
	return merged
}

// unionRelated appends the related locations of b that a lacks.
func unionRelated(a, b []analysis.Related) []analysis.Related {
	out := slices.Clip(a)
	for _, r := range b {
		if !slices.ContainsFunc(out, func(x analysis.Related) bool { return x.Range == r.Range && x.Message == r.Message }) {
			out = append(out, r)
		}
	}
	return out
}

// sortNotes sorts notes by location and message and drops duplicates.
func sortNotes(notes []model.Note) []model.Note {
	out := slices.Clone(notes)
	slices.SortStableFunc(out, func(a, b model.Note) int {
		return cmp.Or(cmp.Compare(a.Range.Filename, b.Range.Filename), comparePos(a.Range.Start, b.Range.Start), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(out, func(a, b model.Note) bool { return sameRange(a.Range, b.Range) && a.Message == b.Message })
}

// sortErrors sorts errors by location and message and drops duplicates.
func sortErrors(errs []*model.Error) []*model.Error {
	return model.SortErrors(slices.Clone(errs))
}

// enabled reports whether check id runs under opts.Enable and opts.Disable.
func enabled(id string, opts Options) bool {
	if len(opts.Enable) > 0 && !slices.Contains(opts.Enable, id) {
		return false
	}
	return !slices.Contains(opts.Disable, id)
}

// withLevel returns c with its level overridden by levels, as a copy.
func withLevel(c *analysis.Check, levels map[string]analysis.Level) *analysis.Check {
	l, ok := levels[c.ID]
	if !ok || l == c.Level {
		return c
	}
	cp := *c
	cp.Level = l
	return &cp
}

// selectChecks drops the findings of checks that are not enabled and applies
// level overrides. A finding whose own level differs from its check's (a
// note-level part of a requirement) keeps it.
func selectChecks(fs []Finding, opts Options) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if !enabled(f.Check.ID, opts) {
			continue
		}
		if l, ok := opts.Levels[f.Check.ID]; ok {
			if f.Level == f.Check.Level {
				f.Level = l
			}
			f.Check = withLevel(f.Check, opts.Levels)
		}
		out = append(out, f)
	}
	return out
}
