package checker

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// placeFixes returns the fixes whose edits the sources place exactly: each
// edit's range narrowed to its Old text. A fix with an edit that cannot be
// placed (no source, or Old not within the range as a whole token) is
// dropped; when none is left because the text is not written where the
// value is read (0.0.0.0/8 from a local), why says so, so that the
// finding does not go without a fix silently.
func placeFixes(fixes []analysis.SuggestedFix, sources map[string][]byte) (out []analysis.SuggestedFix, why string) {
	for _, fix := range fixes {
		placed := analysis.SuggestedFix{Message: fix.Message}
		ok := len(fix.TextEdits) > 0
		for _, e := range fix.TextEdits {
			src := sources[e.Range.Filename]
			rng, found := place(src, e.Range, e.Old)
			if !found {
				if src != nil && why == "" {
					why = fmt.Sprintf("the value %s is computed by the expression here, not written in it, so the fix (%q) must be made where it is written", e.Old, fix.Message)
				}
				ok = false
				break
			}
			e.Range = rng
			placed.TextEdits = append(placed.TextEdits, e)
		}
		if ok {
			out = append(out, placed)
		}
	}
	if len(out) > 0 {
		why = ""
	}
	return out, why
}

// place finds old within r in src, not as a part of a longer token (the
// 0.0.0.0/8 of 10.0.0.0/8), and returns its exact range. A range without an
// end stands for the rest of its start line.
func place(src []byte, r model.Range, old string) (model.Range, bool) {
	if src == nil || old == "" || r.Start.Line < 1 {
		return model.Range{}, false
	}
	from := model.Offset(src, r.Start)
	if from < 0 {
		return model.Range{}, false
	}
	to := bytes.IndexByte(src[from:], '\n')
	if to < 0 {
		to = len(src)
	} else {
		to += from
	}
	if r.End.Line > 0 {
		to = model.Offset(src, r.End)
	}
	if to < from {
		return model.Range{}, false
	}
	within := src[from:to]
	for i := 0; i <= len(within)-len(old); {
		j := bytes.Index(within[i:], []byte(old))
		if j < 0 {
			break
		}
		at := from + i + j
		if !partOfToken(src, at-1) && !partOfToken(src, at+len(old)) {
			return model.Range{Filename: r.Filename, Start: model.PosAt(src, at), End: model.PosAt(src, at+len(old))}, true
		}
		i += j + 1
	}
	return model.Range{}, false
}

// partOfToken reports whether the byte at i continues a token that a value
// could be part of: a letter, a digit, a dot, a colon or a slash.
func partOfToken(src []byte, i int) bool {
	if i < 0 || i >= len(src) {
		return false
	}
	c := src[i]
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte(".:/_-", c) >= 0
}
