// Package jsonpos reads JSON tokens with the range each one spans: the one
// JSON reader with positions of the parsers (the API exports, the
// resources of a Terraform plan).
//
// Tokens come from jsontext (github.com/go-json-experiment/json), which
// validates as it reads, in one pass, without boxing tokens; positions are
// worked out incrementally from its offsets, so a file is read once. Where
// the text is not valid JSON the error is the one encoding/json gives (its
// message, at its offset), so that a message does not depend on which
// token the reader stopped at.
package jsonpos

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Kind is the JSON type of a value.
type Kind uint8

// The kinds of values; a token of a scalar value has one of the first four.
const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

// String names the kind as messages do: "a string", "an object".
func (k Kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an object", "an array"}[k]
}

// Token is one JSON token: a delimiter ({, }, [ or ]), or a scalar value
// with its text (a string's value, a number's literal, "true", "false").
type Token struct {
	// Delim is the delimiter, or 0 for a scalar.
	Delim byte
	Kind  Kind
	Text  string
	Range model.Range
}

// IsDelim reports whether t is delimiter d.
func (t Token) IsDelim(d byte) bool { return t.Delim == d }

// SyntaxError is a located error that stops the reading of a file.
type SyntaxError struct{ Err *model.Error }

func (e *SyntaxError) Error() string { return e.Err.Error() }

// Interning bounds: keys and enumerations come first and repeat; ids and
// CIDRs, which do not, fill the table's free slots and no more.
const (
	internSlots  = 4096 // a power of two
	maxInternLen = 32
)

// Reader reads the tokens of one file.
type Reader struct {
	file string
	// src is the UTF-8 text being read.
	src []byte
	// base is the byte offset of src[0] in the file (3 after a byte order
	// mark), or -1 when src was transcoded from UTF-16 and byte offsets are
	// not the file's.
	base     int
	maxDepth int
	dec      *jsontext.Decoder
	// i is the offset just past the last token read.
	i     int
	depth int
	// The position of byte off of src.
	off, line, col int
	// strs interns short strings, keys and the values API objects repeat,
	// in slots chosen by their hash: a string whose slot is taken is not
	// interned. Allocated with the first string.
	strs *[internSlots]string
	seed maphash.Seed
	// checked and invalid cache Check.
	checked bool
	invalid error
}

// NewReader returns a reader of the JSON text raw, the content of file.
// A UTF-8 byte order mark is skipped and UTF-16 is transcoded. maxDepth,
// when positive, bounds the nesting of values: deeper text is an error.
func NewReader(file string, raw []byte, maxDepth int) *Reader {
	src, base := DecodeText(raw)
	dec := jsontext.NewDecoder(bytes.NewBuffer(src), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	return &Reader{file: file, src: src, base: base, maxDepth: maxDepth, dec: dec, line: 1, col: 1, seed: maphash.MakeSeed()}
}

// DecodeText returns the UTF-8 text of raw and the file offset of its first
// byte: a UTF-8 byte order mark is skipped, and UTF-16 (what Windows
// PowerShell writes with `>`) is transcoded.
func DecodeText(raw []byte) (text []byte, offset int) {
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

// Pos returns the position of byte off of the text. Columns count runes,
// an invalid byte as one. Offsets usually grow, so positions are computed
// from the last one. The gaps between tokens are short, and mostly
// indentation, so they are walked a byte at a time, runs of spaces eight
// at a time.
func (r *Reader) Pos(off int) model.Pos {
	if off < r.off {
		r.off, r.line, r.col = 0, 1, 1
	}
	off = min(off, len(r.src))
	const spaces = 0x2020202020202020
	for r.off < off {
		switch c := r.src[r.off]; {
		case c == '\n':
			r.line++
			r.col = 1
			r.off++
		case c == ' ' && r.off+8 <= off && binary.LittleEndian.Uint64(r.src[r.off:]) == spaces:
			r.col += 8
			r.off += 8
		case c < utf8.RuneSelf:
			r.col++
			r.off++
		default:
			_, n := utf8.DecodeRune(r.src[r.off:off])
			r.col++
			r.off += n
		}
	}
	b := -1
	if r.base >= 0 {
		b = r.base + off
	}
	return model.Pos{Line: r.line, Column: r.col, Byte: b}
}

// Range returns the range of the text from byte from to byte to.
func (r *Reader) Range(from, to int) model.Range {
	start := r.Pos(from)
	return model.Range{Filename: r.file, Start: start, End: r.Pos(to)}
}

// Next reads one token.
func (r *Reader) Next() (Token, error) {
	start := r.i
	for start < len(r.src) && isSeparator(r.src[start]) {
		start++
	}
	var (
		t   Token
		err error
	)
	switch k := r.dec.PeekKind(); k {
	case '{', '[':
		_, err = r.dec.ReadToken()
		t.Delim = byte(k)
		r.depth++
	case '}', ']':
		_, err = r.dec.ReadToken()
		t.Delim = byte(k)
		r.depth--
	case '"':
		var v jsontext.Value
		v, err = r.dec.ReadValue()
		t.Kind = String
		if err == nil {
			t.Text = r.unquote(v)
		}
	case '0':
		var v jsontext.Value
		v, err = r.dec.ReadValue()
		t.Kind = Number
		if err == nil {
			t.Text = r.intern(v)
		}
	case 't', 'f':
		_, err = r.dec.ReadToken()
		t.Kind, t.Text = Bool, "false"
		if k == 't' {
			t.Text = "true"
		}
	case 'n':
		_, err = r.dec.ReadToken()
		t.Kind = Null
	default:
		_, err = r.dec.ReadToken()
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
	}
	if err != nil {
		return Token{}, r.syntax(err)
	}
	r.i = int(r.dec.InputOffset())
	t.Range = r.Range(start, r.i)
	if t.Delim != 0 && r.maxDepth > 0 && r.depth > r.maxDepth {
		return Token{}, r.ErrorAt(t.Range, "invalid JSON", fmt.Sprintf("Values are nested more than %d levels deep, which no API response does.", r.maxDepth))
	}
	return t, nil
}

func isSeparator(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'
}

// unquote decodes a string literal. Escapes and invalid UTF-8 (read as
// U+FFFD) are left to encoding/json.
func (r *Reader) unquote(lit []byte) string {
	body := lit[1 : len(lit)-1]
	if bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
		return r.intern(body)
	}
	var s string
	if json.Unmarshal(lit, &s) != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD")
	}
	return s
}

// intern returns b as a string, shared with the earlier ones of the same
// text while the table has room.
func (r *Reader) intern(b []byte) string {
	if len(b) > maxInternLen {
		return string(b)
	}
	if r.strs == nil {
		r.strs = new([internSlots]string)
	}
	slot := &r.strs[maphash.Bytes(r.seed, b)&(internSlots-1)]
	if *slot == string(b) {
		return *slot
	}
	s := string(b)
	if *slot == "" {
		*slot = s
	}
	return s
}

// End checks that nothing but white space follows the top-level value.
func (r *Reader) End() error {
	if _, err := r.dec.ReadToken(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("the file holds more than one JSON value")
		}
		return r.syntax(err)
	}
	return nil
}

// Check validates the whole text with encoding/json: nil when it is valid
// JSON, else the located error of its first fault. A reader of a file
// calls it when it stops on an error of any kind, so that an invalid file
// gives that one error whichever token the reading stopped at.
func (r *Reader) Check() error {
	if r.checked {
		return r.invalid
	}
	r.checked = true
	if json.Valid(r.src) {
		return nil
	}
	var v json.RawMessage
	err := json.Unmarshal(r.src, &v)
	if err == nil {
		err = io.ErrUnexpectedEOF
	}
	r.invalid = r.legacy(err)
	return r.invalid
}

// syntax is the error of a token that jsontext could not read: the error
// of encoding/json on the whole text, or, should the two disagree, the
// one jsontext gave.
func (r *Reader) syntax(err error) error {
	if invalid := r.Check(); invalid != nil {
		return invalid
	}
	off := len(r.src)
	if se, ok := errors.AsType[*jsontext.SyntacticError](err); ok {
		off = min(max(int(se.ByteOffset), 0), len(r.src))
	}
	rng := r.Range(off, off)
	return r.ErrorAt(rng, "invalid JSON", upperFirst(strings.TrimPrefix(err.Error(), "jsontext: "))+".")
}

// legacy turns an error of encoding/json into a located syntax error. The
// Offset of a json.SyntaxError counts the offending byte.
func (r *Reader) legacy(err error) error {
	msg := err.Error()
	off := len(r.src)
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.HasPrefix(msg, "unexpected end of JSON"):
		msg = "unexpected end of file"
	case errors.As(err, &se):
		off = min(max(int(se.Offset)-1, 0), len(r.src))
	}
	return r.ErrorAt(r.Range(off, off), "invalid JSON", upperFirst(msg)+".")
}

// ErrorAt returns a SyntaxError at rng.
func (r *Reader) ErrorAt(rng model.Range, summary, detail string) error {
	return &SyntaxError{Err: &model.Error{Range: rng, Summary: summary, Detail: detail}}
}

// upperFirst capitalizes the first letter of an ASCII message.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
