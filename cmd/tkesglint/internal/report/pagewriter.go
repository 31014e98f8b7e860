package report

import (
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
)

// pageChunk is how much of the page is gathered before it is made
// printable and written.
const pageChunk = 64 << 10

// pageWriter writes the HTML page to w in chunks, each made printable as
// output.PrintableDocument makes the whole page: control and
// bidirectional characters are escaped, line feeds kept. A chunk never
// ends inside a character, so the chunks give the same bytes as the whole.
// It keeps the first error; the template writes to it as an io.Writer.
// Without w it only gathers: Gather renders a unit's policies into buf,
// which the page's writer takes later (and makes printable then).
type pageWriter struct {
	w   io.Writer
	buf []byte
	// out holds a chunk made printable.
	out []byte
	err error
}

func newPageWriter(w io.Writer) *pageWriter {
	return &pageWriter{w: w, buf: make([]byte, 0, pageChunk+utf8.UTFMax)}
}

// Write adds p to the page.
func (pw *pageWriter) Write(p []byte) (int, error) {
	pw.buf = append(pw.buf, p...)
	pw.spill()
	return len(p), pw.err
}

// raw adds markup.
func (pw *pageWriter) raw(s string) {
	pw.buf = append(pw.buf, s...)
	pw.spill()
}

// int adds a number.
func (pw *pageWriter) int(n int) {
	pw.buf = strconv.AppendInt(pw.buf, int64(n), 10)
}

// esc adds text escaped as html/template escapes a string in text and in
// a quoted attribute value (appendEsc).
func (pw *pageWriter) esc(s string) {
	pw.buf = appendEsc(pw.buf, s)
	pw.spill()
}

// appendEsc appends s escaped as html/template escapes a string in text
// and in a quoted attribute value (its htmlEscaper): NUL becomes U+FFFD,
// and " & ' + < > character references. Bytes that are not UTF-8 stay as
// they are (PrintableDocument escapes them later), as they do there.
func appendEsc(buf []byte, s string) []byte {
	last := 0
	for i := range len(s) {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		buf = append(buf, s[last:i]...)
		buf = append(buf, r...)
		last = i + 1
	}
	return append(buf, s[last:]...)
}

// spill writes the page gathered so far once it fills a chunk, but for a
// character cut at its end.
func (pw *pageWriter) spill() {
	if pw.w == nil || len(pw.buf) < pageChunk {
		return
	}
	n := len(pw.buf)
	// A character that starts in the last three bytes and is not whole
	// waits for the rest of its bytes. (Every byte that is not a
	// continuation byte starts a character when the page is decoded
	// from its start, so the cut is where decoding the whole page would
	// be.)
	for i := n - 1; i >= 0 && i >= n-utf8.UTFMax+1; i-- {
		if pw.buf[i]&0xc0 != 0x80 {
			if !utf8.FullRune(pw.buf[i:]) {
				n = i
			}
			break
		}
	}
	pw.flush(n)
}

// flush writes the first n bytes of the page gathered, made printable.
func (pw *pageWriter) flush(n int) {
	if pw.err == nil {
		pw.out = output.AppendPrintableDocument(pw.out[:0], pw.buf[:n])
		_, pw.err = pw.w.Write(pw.out)
	}
	rest := copy(pw.buf, pw.buf[n:])
	pw.buf = pw.buf[:rest]
}

// Close writes the rest of the page and returns the first error.
func (pw *pageWriter) Close() error {
	pw.flush(len(pw.buf))
	return pw.err
}
