package output

import (
	"bytes"
	"strings"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// posAt returns the model position of byte offset off in src.
func posAt(src []byte, off int) model.Pos {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	return model.Pos{Line: line, Column: 1 + off - (bytes.LastIndexByte(src[:off], '\n') + 1), Byte: off}
}

// applyLines replaces lines first to last (1-based) of src with text, as a
// GitHub suggested change does: empty text deletes them.
func applyLines(src string, first, last int, text string) string {
	lines := strings.Split(src, "\n")
	var mid []string
	if text != "" {
		mid = []string{text}
	}
	out := append(append(append([]string{}, lines[:first-1]...), mid...), lines[last:]...)
	return strings.Join(out, "\n")
}

// TestRDLineSuggestion checks that a suggestion over whole lines makes the
// same text as the edit it comes from: the edits that fixes make (whole
// lines, from a line diff) and edits inside a line.
func TestRDLineSuggestion(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lineGen := rapid.SampledFrom([]string{"a", "b", "  ingress {", "  }", "", "x = 1"})
		before := strings.Join(rapid.SliceOfN(lineGen, 1, 8).Draw(t, "before"), "\n") + "\n"
		after := strings.Join(rapid.SliceOfN(lineGen, 1, 8).Draw(t, "after"), "\n") + "\n"
		var edits []udiff.Edit
		if rapid.Bool().Draw(t, "lines") {
			edits = udiff.Lines(before, after)
		} else {
			edits = udiff.Strings(before, after)
		}
		for _, e := range edits {
			if e.Start == len(before) {
				// The fix package moves these before the last line break.
				continue
			}
			src := []byte(before)
			te := analysis.TextEdit{Range: model.Range{Filename: "f", Start: posAt(src, e.Start), End: posAt(src, e.End)}, NewText: e.New}
			s, _, ok := rdLineSuggestion(src, te)
			want := before[:e.Start] + e.New + before[e.End:]
			if !ok && want == "\n" {
				continue // a file of one empty line has no line to say it with
			}
			if !ok {
				t.Fatalf("no suggestion for %+v", e)
			}
			if got := applyLines(before, s.Range.Start.Line, s.Range.End.Line, s.Text); got != want {
				t.Fatalf("edit %+v of %q: suggestion %+v gives %q, want %q", e, before, s, got, want)
			}
		}
	})
}
