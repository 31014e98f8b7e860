package jsonpos

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// runeWalker computes positions as the reader used to, one rune at a time
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

// TestPositions checks the reader's positions, which skip runs of spaces
// eight at a time, against a walk of one rune at a time, for offsets in
// any order (some inside a rune, as an error's may be), on text with
// multibyte and invalid UTF-8.
func TestPositions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{"a", " ", "    ", "         ", "\n", "\r\n", "é", "办公室", "😀", "\xff", "\xe4\xb8", "{", "\""})).Draw(t, "parts")
		var src []byte
		for _, p := range parts {
			src = append(src, p...)
		}
		offs := rapid.SliceOf(rapid.IntRange(0, len(src))).Draw(t, "offsets")
		if rapid.Bool().Draw(t, "sorted") {
			slices.Sort(offs)
		}
		l := NewReader("f.json", src, 0)
		w := &runeWalker{src: src}
		for _, off := range offs {
			if got, want := l.Pos(off), w.pos(off); got != want {
				t.Fatalf("pos(%d) of %q = %+v, want %+v", off, src, got, want)
			}
		}
	})
}

// readAll reads every token of src and the end of the text.
func readAll(src []byte) error {
	r := NewReader("f.json", src, 0)
	for {
		if _, err := r.Next(); err != nil {
			return err
		}
		if r.depth == 0 {
			return r.End()
		}
	}
}

// TestAgreesWithEncodingJSON: the reader reads to the end exactly the texts
// that encoding/json finds valid (duplicate names and invalid UTF-8 in
// strings allowed, as encoding/json allows them), and an invalid text gives
// encoding/json's error whichever token the reader stopped at.
func TestAgreesWithEncodingJSON(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, src []byte) {
		err := readAll(src)
		valid := json.Valid(src)
		if valid != (err == nil) {
			t.Fatalf("%q: encoding/json says valid %v, reader error %v", src, valid, err)
		}
		if err != nil {
			if want := NewReader("f.json", src, 0).Check(); err.Error() != want.Error() {
				t.Fatalf("%q: error %v, want %v", src, err, want)
			}
		}
	}
	for _, src := range []string{
		``, ` `, `{}`, `{} {}`, `{}x`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{"a":1 "b":2}`, `"\ud800"`, `"\udc00\ud800"`,
		"\"\xff\"", "\"a\x01\"", `"\u00e9"`, `"\x"`, `01`, `-`, `1.`, `1e`, `-0.5e+7`, `[1e400]`, `tru`, `nul`, `{"a":{"a":1}, "a":2}`,
		"\t[ \n1\r]", `[[[[[[]]]]]]`, `]`, `}`, `{"a"}`, `[1 2]`, `"` + "\u2028" + `"`,
	} {
		check(t, []byte(src))
	}
	rapid.Check(t, func(rt *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{
			"{", "}", "[", "]", ",", ":", " ", "\n", `"a"`, `"é"`, "\"\xff\"", `"\u0041"`, `"\ud83d\ude00"`, `"\ud800"`, `"\`, `"`,
			"1", "-0", "1.5e3", "01", "true", "false", "null", "x", "\x00", "\t",
		})).Draw(rt, "parts")
		check(rt, []byte(strings.Join(parts, "")))
	})
}

// TestReadingAllocatesLittle: reading tokens allocates nothing per token
// beyond the strings that are not interned (none here), so that a large
// export costs its model and not its tokens.
func TestReadingAllocatesLittle(t *testing.T) {
	src := []byte("[" + strings.Repeat(`{"CidrBlock": "10.0.0.0/8", "Port": 443, "Ok": true, "No": null},`, 200) + "{}]")
	// Each reader hashes with a seed of its own, so in a rare run two of
	// the strings share a slot and are made again at each use (about 400
	// allocations here): the median of single runs is the usual cost,
	// which an average over runs is not (it failed 11 times in 200).
	runs := make([]float64, 21)
	for i := range runs {
		runs[i] = testing.AllocsPerRun(1, func() {
			if err := readAll(src); err != nil {
				t.Fatal(err)
			}
		})
	}
	slices.Sort(runs)
	allocs := runs[len(runs)/2]
	// The reader, its interning table and the strings it interns.
	if allocs > 12 {
		t.Errorf("%.0f allocations to read %d bytes", allocs, len(src))
	}
}
