package export

import (
	"slices"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// runeWalker computes positions as the lexer used to, one rune at a time
// from the last offset asked (or from the start, for an earlier one).
type runeWalker struct {
	src            []byte
	off, line, col int
}

func (w *runeWalker) pos(off int) model.Pos {
	if off < w.off || w.line == 0 {
		w.off, w.line, w.col = 0, 1, 1
	}
	for w.off < off {
		if w.src[w.off] == '\n' {
			w.line, w.col = w.line+1, 1
			w.off++
			continue
		}
		_, n := utf8.DecodeRune(w.src[w.off:off])
		w.off += n
		w.col++
	}
	return model.Pos{Line: w.line, Column: w.col, Byte: off}
}

// TestPositions checks the lexer's positions, which count the runes of a
// line's run at once, against a walk of one rune at a time, for offsets in
// any order (some inside a rune, as an error's may be), on text with
// multibyte and invalid UTF-8.
func TestPositions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{"a", " ", "\n", "\r\n", "é", "办公室", "😀", "\xff", "\xe4\xb8", "{", "\""})).Draw(t, "parts")
		var src []byte
		for _, p := range parts {
			src = append(src, p...)
		}
		offs := rapid.SliceOf(rapid.IntRange(0, len(src))).Draw(t, "offsets")
		if rapid.Bool().Draw(t, "sorted") {
			slices.Sort(offs)
		}
		l := newLexer("f.json", src)
		w := &runeWalker{src: src}
		for _, off := range offs {
			if got, want := l.pos(off), w.pos(off); got != want {
				t.Fatalf("pos(%d) of %q = %+v, want %+v", off, src, got, want)
			}
		}
	})
}
