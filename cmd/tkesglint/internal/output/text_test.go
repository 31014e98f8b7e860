package output

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

func TestMarker(t *testing.T) {
	for _, tc := range []struct {
		line     string
		from, to int
		want     string
	}{
		{"abc def", 5, 8, "    ^~~"},
		{"abc", 2, 2, " ^"},
		{"\tx = 1", 2, 3, "\t^"},
		{"节点 = 1", 4, 5, "     ^"},
		{"a 节点", 3, 5, "  ^~~~"},
		{"ab", 5, 7, "    ^~"},
		// Wide characters the old table missed, and characters that take
		// no cell of their own (they combine with the one before).
		{"🚀 x", 3, 4, "   ^"},
		{"👍🏽 x", 4, 5, "   ^"},
		{"e\u0301 x", 4, 5, "  ^"},
		{"a\u200db x", 5, 6, "   ^"},
		// An escape sequence is shown escaped, and the caret follows.
		{"\x1b[2J x", 6, 7, "        ^"},
		{"\xff x", 3, 4, "     ^"},
	} {
		v := newLineView([]byte(tc.line), tc.from-1)
		if got := v.marker(tc.from, tc.to); got != tc.want {
			t.Errorf("marker(%q, %d, %d) = %q, want %q", tc.line, tc.from, tc.to, got, tc.want)
		}
	}
}

// TestExcerptWindow: a long line is shown as a window around the marked
// column, the caret still under it.
func TestExcerptWindow(t *testing.T) {
	line := strings.Repeat("a", 5000) + "TARGET" + strings.Repeat("b", 5000)
	v := newLineView([]byte(line), 5000)
	shown, mark := v.render(), v.marker(5001, 5007)
	if w := utf8.RuneCountInString(shown); w > maxExcerptCells+2 {
		t.Errorf("the window is %d characters wide", w)
	}
	if !strings.HasPrefix(shown, "…") || !strings.HasSuffix(shown, "…") {
		t.Errorf("the cut ends are not marked: %q", shown)
	}
	before, _, found := strings.Cut(shown, "TARGET")
	if !found || strings.Index(mark, "^") != utf8.RuneCountInString(before) || !strings.HasSuffix(mark, "^~~~~~") {
		t.Errorf("the caret is not under TARGET:\n%s\n%s", shown, mark)
	}
	// A span to the end of a long line stops at the window.
	if m := v.marker(5001, len(line)+1); utf8.RuneCountInString(m) > maxExcerptCells+1 {
		t.Errorf("the marker of a span to the end of the line is %d long", len(m))
	}
	// A short line is shown whole.
	if v := newLineView([]byte("short"), 2); v.render() != "short" {
		t.Errorf("a short line was cut: %q", v.render())
	}
}

// TestTextOutputBounded: a 4 MB minified file with findings and errors on
// its one line prints a few kilobytes, and nothing a terminal interprets.
func TestTextOutputBounded(t *testing.T) {
	line := strings.Repeat(`{"k":"v\u001b[31m"},`, 200000) + "\x1b]0;title\x07"
	src := []byte(line + "\n")
	rng := func(col int) model.Range {
		return model.Range{Filename: "big\x1b[2J.json", Start: model.Pos{Line: 1, Column: col}, End: model.Pos{Line: 1, Column: len(line) + 1}}
	}
	var findings []driver.Finding
	for i := range 20 {
		findings = append(findings, driver.Finding{Finding: checker.Finding{
			Check: &analysis.Check{ID: "TKESG201"}, Level: analysis.LevelError, Range: rng(1 + i*100000),
			Message: "sg \x1b[31mred\x1b[0m " + strings.Repeat("x", 5000),
		}})
	}
	res := &driver.Result{
		Findings: findings,
		Errors:   []*model.Error{{Range: rng(len(line)), Summary: "invalid JSON"}},
		Sources:  map[string][]byte{"big\x1b[2J.json": src},
	}
	var out bytes.Buffer
	if err := WriteText(&out, &Report{Result: res}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if out.Len() > 200000 {
		t.Errorf("the text output of a %d-byte line is %d bytes", len(line), out.Len())
	}
	if bytes.ContainsAny(out.Bytes(), "\x1b\x07") {
		t.Errorf("the output holds control characters:\n%q", out.String()[:2000])
	}
	if !strings.Contains(out.String(), `big\x1b[2J.json:1:1: error TKESG201: sg \x1b[31mred\x1b[0m xxx`) || !strings.Contains(out.String(), "… (3016 more characters)") {
		t.Errorf("unexpected output:\n%s", out.String()[:3000])
	}
}

// TestLineCursor: lines asked for in any order, past the end of the file
// included, are those of the file split at newlines.
func TestLineCursor(t *testing.T) {
	for _, src := range []string{"", "a", "a\n", "a\nb", "a\n\nc\r\nd\n", strings.Repeat("line\n", 50)} {
		split := strings.Split(src, "\n")
		want := func(first, last int) []string {
			var out []string
			for l := first; l <= last && l <= len(split); l++ {
				out = append(out, split[l-1])
			}
			return out
		}
		c := &lineCursor{src: []byte(src)}
		for _, q := range [][2]int{{1, 1}, {2, 3}, {2, 2}, {5, 9}, {1, 7}, {40, 60}, {3, 3}, {51, 51}, {52, 52}, {1, 2}} {
			var got []string
			for _, l := range c.lines(q[0], q[1]) {
				got = append(got, string(l))
			}
			if w := want(q[0], q[1]); strings.Join(got, "|") != strings.Join(w, "|") || len(got) != len(w) {
				t.Errorf("lines %d-%d of %q = %q, want %q", q[0], q[1], src, got, w)
			}
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain\ttext":         "plain\ttext",
		"\x1b[31mred":         `\x1b[31mred`,
		"a\nb\rc":             `a\nb\rc`,
		"caf\xe9":             `caf\xe9`,
		"中文 ok":               "中文 ok",
		"rtl\u202eevil":       `rtl\u202eevil`,
		"c1\u0085 del\x7f":    `c1\u0085 del\x7f`,
		"line\u2028separator": `line\u2028separator`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{"a b": "a b.", "done.": "done.", "": "", "why?": "why?"} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
