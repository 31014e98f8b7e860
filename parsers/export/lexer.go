package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// maxDepth bounds the nesting of JSON values. API responses nest a few
// levels; anything deeper is not an export, and refusing it keeps the stack
// small.
const maxDepth = 64

// lexer reads JSON tokens with the range each one spans. encoding/json
// validates the whole text first (json.Valid does not allocate, and its
// error gives the offset of the offending byte); the tokens of valid text are
// then cut by a small scanner that can rely on that validity, which is an
// order of magnitude faster than json.Decoder.Token. Strings with escapes
// or invalid UTF-8 are decoded by encoding/json itself. Offsets only grow,
// so lines and columns are computed incrementally.
type lexer struct {
	file string
	// src is the UTF-8 text being read.
	src []byte
	// base is the byte offset of src[0] in the file (3 after a byte order
	// mark), or -1 when src was transcoded from UTF-16 and byte offsets are
	// not the file's.
	base int
	// i is the offset of the next token.
	i int

	// The position of byte off of src.
	off, line, col int
	depth          int

	// Stacks of the members and elements being read, and a slab of nodes.
	fieldStack []field
	elemStack  []*node
	slab       []node
	// strs interns short strings: keys and the values API objects repeat.
	strs map[string]string
}

// maxInterned bounds the strings a lexer interns, and maxInternLen their
// length: keys and enumerations come first and repeat; ids and CIDRs,
// which do not, fill the table without growing it further.
const (
	maxInterned  = 4096
	maxInternLen = 32
)

// token is one JSON token: a delimiter ({, }, [ or ]), or a value of some
// kind with its text (a string's value, a number's literal, "true",
// "false").
type token struct {
	delim byte
	kind  kind
	text  string
	rng   model.Range
}

// isDelim reports whether t is delimiter d.
func (t token) isDelim(d byte) bool { return t.delim == d }

// syntaxError is a located error that stops the reading of a file.
type syntaxError struct{ err *model.Error }

func (e *syntaxError) Error() string { return e.err.Error() }

func newLexer(file string, raw []byte) *lexer {
	src, base := decodeText(raw)
	return &lexer{file: file, src: src, base: base, line: 1, col: 1, strs: map[string]string{}}
}

// check validates the whole text, so that next can cut tokens without
// checking them.
func (l *lexer) check() error {
	if json.Valid(l.src) {
		return nil
	}
	var v json.RawMessage
	err := json.Unmarshal(l.src, &v)
	if err == nil {
		err = io.ErrUnexpectedEOF
	}
	return l.fail(err)
}

// decodeText returns the UTF-8 text of raw and the file offset of its first
// byte: a UTF-8 byte order mark is skipped, and UTF-16 (what Windows
// PowerShell writes with `>`) is transcoded.
func decodeText(raw []byte) (text []byte, offset int) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return raw[3:], 3
	case len(raw) >= 2 && (raw[0] == 0xFF && raw[1] == 0xFE || raw[0] == 0xFE && raw[1] == 0xFF):
		le := raw[0] == 0xFF
		units := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			if le {
				units = append(units, uint16(raw[i])|uint16(raw[i+1])<<8)
			} else {
				units = append(units, uint16(raw[i])<<8|uint16(raw[i+1]))
			}
		}
		runes := utf16.Decode(units)
		out := make([]byte, 0, len(runes))
		for _, r := range runes {
			out = utf8.AppendRune(out, r)
		}
		return out, -1
	}
	return raw, 0
}

// pos returns the position of byte off of src. Columns count runes, an
// invalid byte as one.
func (l *lexer) pos(off int) model.Pos {
	if off < l.off {
		l.off, l.line, l.col = 0, 1, 1
	}
	off = min(off, len(l.src))
	for l.off < off {
		rest := l.src[l.off:off]
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			l.col += utf8.RuneCount(rest)
			l.off = off
			break
		}
		l.line++
		l.col = 1
		l.off += nl + 1
	}
	b := -1
	if l.base >= 0 {
		b = l.base + off
	}
	return model.Pos{Line: l.line, Column: l.col, Byte: b}
}

func (l *lexer) rng(from, to int) model.Range {
	start := l.pos(from)
	return model.Range{Filename: l.file, Start: start, End: l.pos(to)}
}

// next reads one token of the text that check validated.
func (l *lexer) next() (token, error) {
	src := l.src
	for l.i < len(src) && isSeparator(src[l.i]) {
		l.i++
	}
	if l.i >= len(src) {
		return token{}, l.fail(io.ErrUnexpectedEOF)
	}
	start := l.i
	var t token
	switch c := src[start]; c {
	case '{', '[':
		l.i++
		t.delim = c
		l.depth++
		if l.depth > maxDepth {
			return token{}, l.errorAt(l.rng(start, l.i), "invalid JSON", fmt.Sprintf("Values are nested more than %d levels deep, which no API response does.", maxDepth))
		}
	case '}', ']':
		l.i++
		t.delim = c
		l.depth--
	case '"':
		l.i = stringEnd(src, start)
		t.kind, t.text = kindString, l.unquote(src[start:l.i])
	case 't':
		l.i += len("true")
		t.kind, t.text = kindBool, "true"
	case 'f':
		l.i += len("false")
		t.kind, t.text = kindBool, "false"
	case 'n':
		l.i += len("null")
		t.kind = kindNull
	default:
		for l.i < len(src) && strings.IndexByte("+-0123456789.eE", src[l.i]) >= 0 {
			l.i++
		}
		t.kind, t.text = kindNumber, l.intern(src[start:l.i])
	}
	t.rng = l.rng(start, l.i)
	return t, nil
}

func isSeparator(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'
}

// stringEnd returns the offset after the string literal that starts at i.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// unquote decodes a valid string literal. Escapes and invalid UTF-8 (read
// as U+FFFD) are left to encoding/json.
func (l *lexer) unquote(lit []byte) string {
	body := lit[1 : len(lit)-1]
	if bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
		return l.intern(body)
	}
	var s string
	if json.Unmarshal(lit, &s) != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD")
	}
	return s
}

// intern returns b as a string, shared with the earlier ones of the same
// text while the table has room.
func (l *lexer) intern(b []byte) string {
	if len(b) > maxInternLen {
		return string(b)
	}
	if s, ok := l.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(l.strs) < maxInterned {
		l.strs[s] = s
	}
	return s
}

// end checks that nothing but white space follows the top-level value
// (check already made sure of it).
func (l *lexer) end() error {
	for l.i < len(l.src) && isSeparator(l.src[l.i]) && l.src[l.i] != ',' && l.src[l.i] != ':' {
		l.i++
	}
	if l.i < len(l.src) {
		return l.errorAt(l.rng(l.i, l.i), "invalid JSON", "The file holds more than one JSON value; an export is one object.")
	}
	return nil
}

// fail turns an error of encoding/json into a located syntax error. The
// Offset of a json.SyntaxError counts the offending byte.
func (l *lexer) fail(err error) error {
	msg := err.Error()
	off := len(l.src)
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.HasPrefix(msg, "unexpected end of JSON"):
		msg = "unexpected end of file"
	case errors.As(err, &se):
		off = min(max(int(se.Offset)-1, 0), len(l.src))
	}
	return l.errorAt(l.rng(off, off), "invalid JSON", upperFirst(msg)+".")
}

func (l *lexer) errorAt(r model.Range, summary, detail string) error {
	return &syntaxError{err: &model.Error{Range: r, Summary: summary, Detail: detail}}
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
