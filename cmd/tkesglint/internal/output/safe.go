package output

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// maxMessage is the most characters of one message the human-readable
// formats print: messages quote values of the input (names, CIDRs, rule
// strings), and an input can make them as long as it likes.
const maxMessage = 2000

// Printable returns s as it is safe to print to a terminal or a CI log:
// control characters (escape sequences start with ESC), Unicode's
// bidirectional controls, line and paragraph separators, and bytes that are
// not UTF-8 are written as Go escapes (\x1b, \u202e, \xff); a tab stays a
// tab. A file can thus not move the cursor, recolour the terminal or hide
// text from the reader.
func Printable(s string) string { return printable(s, false) }

// PrintableDocument is Printable for a whole document that a template
// wrote (an HTML page): its own line feeds stay, every other character
// Printable escapes is escaped the same way, wherever the input put it.
func PrintableDocument(s string) string { return printable(s, true) }

func printable(s string, keepLF bool) string {
	if isPlain(s, keepLF) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if keepLF && r == '\n' {
			b.WriteByte('\n')
		} else {
			b.WriteString(escapeRune(r, s[i:i+n]))
		}
		i += n
	}
	return b.String()
}

// AppendPrintableDocument appends b, as PrintableDocument writes it, to
// dst: for a document written in pieces, each of which ends with a whole
// character.
func AppendPrintableDocument(dst, b []byte) []byte {
	last := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(b[i:])
			if (r != utf8.RuneError || n > 1) && !escapedAbove(r) {
				i += n
				continue
			}
		}
		dst = append(dst, b[last:i]...)
		dst = append(dst, escapeRune(r, string(b[i:i+n]))...)
		i += n
		last = i
	}
	return append(dst, b[last:]...)
}

// isPlain reports whether s is printable ASCII and tabs only (and line
// feeds, with keepLF).
func isPlain(s string, keepLF bool) bool {
	for i := range len(s) {
		if c := s[i]; (c < 0x20 && c != '\t' && (c != '\n' || !keepLF)) || c >= 0x7f {
			return false
		}
	}
	return true
}

// escapeRune returns how Printable writes one rune decoded from raw.
func escapeRune(r rune, raw string) string {
	switch {
	case r == utf8.RuneError && len(raw) == 1:
		return fmt.Sprintf(`\x%02x`, raw[0])
	case r == '\t':
		return "\t"
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case escapedAbove(r):
		return fmt.Sprintf(`\u%04x`, r)
	}
	return raw
}

// escapedAbove reports whether Printable escapes r, a character beyond
// ASCII: C1 controls, bidirectional controls, line and paragraph
// separators.
func escapedAbove(r rune) bool {
	return r >= 0x80 && r < 0xa0 || isBidiControl(r) || r == 0x2028 || r == 0x2029
}

// isBidiControl reports whether r changes the direction of the text around
// it (the "Trojan Source" characters).
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// validText returns s with each byte that is not UTF-8 written as \xNN,
// for the formats whose strings must be UTF-8 (JSON, SARIF, XML): the JSON
// encoder would turn them into U+FFFD, and the name of a file that is not
// UTF-8 would become another name without a word. The driver tells the user
// in a notice.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Message returns a message as the human-readable formats print it: printable
// (see Printable) and at most maxMessage characters long.
func Message(s string) string {
	if utf8.RuneCountInString(s) > maxMessage {
		cut := 0
		for range maxMessage {
			_, n := utf8.DecodeRuneInString(s[cut:])
			cut += n
		}
		s = s[:cut] + fmt.Sprintf("… (%d more characters)", utf8.RuneCountInString(s[cut:]))
	}
	return Printable(s)
}

// glyph is how one character of a source line is shown: its text and the
// terminal cells it takes.
type glyph struct {
	text  string
	cells int
}

// newGlyph returns how the character r, read from raw, is shown.
func newGlyph(r rune, raw []byte) glyph {
	text := escapeRune(r, string(raw))
	if text != string(raw) {
		return glyph{text: text, cells: len(text)}
	}
	return glyph{text: text, cells: cells(r)}
}

// cells is the number of terminal cells a character takes: 2 for East Asian
// wide and full-width characters (CJK, most emoji), 0 for the characters
// that combine with the one before (accents, variation selectors, zero-width
// joiners, emoji skin tones), 1 for the others. A tab counts 1; the marker
// line copies tabs, so they line up whatever their width.
func cells(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf), r >= 0x1f3fb && r <= 0x1f3ff:
		return 0
	}
	if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
		return 2
	}
	return 1
}
