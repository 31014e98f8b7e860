package jsonpos

import (
	"encoding/json"
	"testing"
)

// tokens reads every token of a valid text in one reader.
func tokens(t *testing.T, src []byte) []Token {
	t.Helper()
	r := NewReader("f.json", src, 0)
	var out []Token
	for {
		tok, err := r.Next()
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		out = append(out, tok)
		if r.depth == 0 {
			if err := r.End(); err != nil {
				t.Fatalf("%q: end: %v", src, err)
			}
			return out
		}
	}
}

// skipping reads a valid text as the export parser reads a bundle: each
// object or array opened at an even token count is skipped and read by a
// reader of its own (Fork, Start), and the tokens are spliced back.
func skipping(t *testing.T, src []byte) []Token {
	t.Helper()
	r := NewReader("f.json", src, 0)
	fork := r.Fork()
	var out []Token
	for {
		tok, err := r.Next()
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		out = append(out, tok)
		if (tok.Delim == '{' || tok.Delim == '[') && len(out)%2 == 0 {
			out = out[:len(out)-1]
			fork.Start(r.SkipContainer())
			for {
				ft, err := fork.Next()
				if err != nil {
					t.Fatalf("%q: forked reader: %v", src, err)
				}
				out = append(out, ft)
				if fork.state == wantEnd {
					break
				}
			}
			if err := fork.End(); err != nil {
				t.Fatalf("%q: forked reader's end: %v", src, err)
			}
		}
		if r.depth == 0 {
			if err := r.End(); err != nil {
				t.Fatalf("%q: end: %v", src, err)
			}
			return out
		}
	}
}

// FuzzReader checks the reader against encoding/json (the same texts are
// valid; an invalid one gives encoding/json's error), its positions against
// a walk of one rune at a time, and that skipping containers for readers of
// their own gives the same tokens at the same positions.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		`{"a": [1, 2.5e3, -0, "x\u00e9\n"], "b": {"c": null, "d": true}}`,
		"{\n    \"办公室\": [\n        {\"k\": \"\xff\"}\n    ]\n}\n",
		`[[[[]]], {}, [{"a": {"b": [1]}}]]`, `"\\\"\\"`, `{"a":1,}`, `[1 2]`, `01`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		err := readAll(src)
		text, base := DecodeText(src)
		if valid := json.Valid(text); valid != (err == nil) {
			t.Fatalf("%q: encoding/json says valid %v, reader error %v", src, valid, err)
		}
		if err != nil {
			if want := NewReader("f.json", src, 0).Check(); err.Error() != want.Error() {
				t.Fatalf("%q: error %v, want %v", src, err, want)
			}
			return
		}
		if base != 0 {
			return // the positions of a transcoded text are not its offsets
		}
		want := tokens(t, src)
		w := &runeWalker{src: src}
		for _, tok := range want {
			if s, e := w.pos(tok.Range.Start.Byte), w.pos(tok.Range.End.Byte); tok.Range.Start != s || tok.Range.End != e {
				t.Fatalf("%q: token %+v, positions %+v to %+v", src, tok, s, e)
			}
		}
		got := skipping(t, src)
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens skipping, %d straight", src, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d is %+v skipping, %+v straight", src, i, got[i], want[i])
			}
		}
	})
}
