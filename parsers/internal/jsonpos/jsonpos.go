// Package jsonpos reads JSON tokens with the range each one spans: the one
// JSON reader with positions of the parsers (the API exports, the
// resources of a Terraform plan).
//
// The reader is a scanner of its own, which checks the grammar as it reads,
// in one pass, and keeps the position (line and column) of the byte it is
// at as it goes, so a file is read once. A reader can skip an object or an
// array without reading its tokens, for another reader to read on another
// goroutine from the same position ([Reader.SkipContainer]): the
// export parser maps the responses of one large bundle on several cores.
// Where the text is not valid JSON the error is the one encoding/json gives
// (its message, at its offset), so that a message does not depend on which
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
	"sync"
	"unicode/utf16"
	"unicode/utf8"

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

// Interning bounds: a table of recent short strings (keys, enumerations,
// ports, CIDRs), one per slot.
const (
	internSlots  = 4096 // a power of two
	maxInternLen = 32
)

// maxNesting is the nesting encoding/json refuses beyond: the reader
// refuses it too, so that both agree on what is valid.
const maxNesting = 10000

// state is what the grammar allows next.
type state uint8

const (
	wantValue        state = iota // at the start, after `:`, after `,` in an array
	wantValueOrClose              // after `[`
	wantKeyOrClose                // after `{`
	wantKey                       // after `,` in an object
	wantColon                     // after a key
	wantCommaOrClose              // after a value in an object or an array
	wantEnd                       // after the top-level value
)

// Reader reads the tokens of one file, or of one value of it (see
// [Reader.SkipContainer] and [Reader.Start]).
type Reader struct {
	file string
	// src is the UTF-8 text being read.
	src []byte
	// base is the byte offset of src[0] in the file (3 after a byte order
	// mark), or -1 when src was transcoded from UTF-16 and byte offsets are
	// not the file's.
	base     int
	maxDepth int
	// end is where the text read ends: len(src), or the end of the value a
	// reader started on a span reads.
	end int
	// i is the offset just past the last token read, tokStart the offset
	// of its first byte.
	i, tokStart int
	// depth counts the objects and arrays open, including those around
	// the span a reader was started on; stack holds the opening
	// delimiters of those this reader read.
	depth int
	stack []byte
	state state
	// The position of byte off of src. Next keeps it at i.
	off, line, col int
	// strs interns short strings, keys and the values API objects repeat,
	// in slots chosen by their hash, the latest string of a slot kept.
	// Allocated with the first string.
	strs *[internSlots]string
	seed maphash.Seed
	// check caches Check; the readers of one text share it.
	check *validity
}

// validity is whether a text is valid JSON, worked out once.
type validity struct {
	once    sync.Once
	invalid error
}

// NewReader returns a reader of the JSON text raw, the content of file.
// A UTF-8 byte order mark is skipped and UTF-16 is transcoded. maxDepth,
// when positive, bounds the nesting of values: deeper text is an error.
func NewReader(file string, raw []byte, maxDepth int) *Reader {
	src, base := DecodeText(raw)
	return &Reader{
		file: file, src: src, base: base, maxDepth: maxDepth, end: len(src),
		line: 1, col: 1, seed: maphash.MakeSeed(), check: &validity{},
	}
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

// Span is an object or an array that a reader skipped
// ([Reader.SkipContainer]), for another reader of the same text to read
// ([Reader.Start]).
type Span struct {
	from, to  int
	line, col int
	depth     int
}

// Len is the length of the span's text in bytes.
func (s Span) Len() int { return s.to - s.from }

// Fork returns a reader of the same text, with its own interning table,
// that reads nothing until Start is called: one for each goroutine that
// reads spans of a file.
func (r *Reader) Fork() *Reader {
	return &Reader{
		file: r.file, src: r.src, base: r.base, maxDepth: r.maxDepth,
		state: wantEnd, line: 1, col: 1, seed: r.seed, check: r.check,
	}
}

// Start makes r read the value of span s as the reader that skipped it
// would have: the same positions, the same nesting. End then checks that
// the value ends where the span does.
func (r *Reader) Start(s Span) {
	r.i, r.tokStart, r.end = s.from, s.from, s.to
	r.off, r.line, r.col = s.from, s.line, s.col
	r.depth, r.stack, r.state = s.depth, r.stack[:0], wantValue
}

// SkipContainer skips the rest of the object or array whose opening
// delimiter was the last token read, without reading or checking it, and
// returns its span, for a reader of the same text to read (Start). The
// text is valid only if that reading succeeds, up to End.
func (r *Reader) SkipContainer() Span {
	s := Span{from: r.tokStart, line: r.line, col: r.col - 1, depth: r.depth - 1}
	s.to = skipContainer(r.src, r.i, r.end)
	// The position moves to the end of the span in a few passes over its
	// bytes that the runtime does in vector instructions.
	part := r.src[r.off:s.to]
	if n := bytes.Count(part, []byte{'\n'}); n > 0 {
		r.line += n
		r.col = 1 + utf8.RuneCount(part[bytes.LastIndexByte(part, '\n')+1:])
	} else {
		r.col += utf8.RuneCount(part)
	}
	r.off, r.i = s.to, s.to
	r.depth--
	r.stack = r.stack[:len(r.stack)-1]
	r.afterValue()
	return s
}

// skipContainer returns the offset just past the delimiter that closes
// the object or array whose content starts at i, or end.
func skipContainer(src []byte, i, end int) int {
	depth := 1
	for i < end {
		switch src[i] {
		case '"':
			i = skipString(src, i+1, end)
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case ' ':
			for i+9 <= end && binary.LittleEndian.Uint64(src[i+1:]) == spaces {
				i += 8
			}
		}
		i++
	}
	return end
}

// skipString returns the offset just past the closing quote of the string
// whose content starts at i, or end.
func skipString(src []byte, i, end int) int {
	for i < end {
		j := bytes.IndexByte(src[i:end], '"')
		if j < 0 {
			return end
		}
		i += j + 1
		escapes := 0
		for k := i - 2; k >= 0 && src[k] == '\\'; k-- {
			escapes++
		}
		if escapes%2 == 0 {
			return i
		}
	}
	return end
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
	return r.here()
}

// spaces is eight spaces read as one word.
const spaces = 0x2020202020202020

// here is the position of byte r.off.
func (r *Reader) here() model.Pos {
	b := -1
	if r.base >= 0 {
		b = r.base + r.off
	}
	return model.Pos{Line: r.line, Column: r.col, Byte: b}
}

// Range returns the range of the text from byte from to byte to.
func (r *Reader) Range(from, to int) model.Range {
	start := r.Pos(from)
	return model.Range{Filename: r.file, Start: start, End: r.Pos(to)}
}

// skipSpace moves the position past the white space at r.off.
func (r *Reader) skipSpace() {
	for r.off < r.end {
		switch r.src[r.off] {
		case ' ':
			if r.off+8 <= r.end && binary.LittleEndian.Uint64(r.src[r.off:]) == spaces {
				r.off += 8
				r.col += 8
				continue
			}
		case '\n':
			r.line++
			r.col = 0
		case '\t', '\r':
		default:
			return
		}
		r.off++
		r.col++
	}
}

// peek returns the byte at the position, or 0 at the end of the text.
func (r *Reader) peek() byte {
	if r.off < r.end {
		return r.src[r.off]
	}
	return 0
}

// Next reads one token. The grammar is checked as the text is read: where
// the text is not valid JSON, the error is encoding/json's on the whole
// text (see Check).
func (r *Reader) Next() (Token, error) {
	if r.off != r.i {
		r.Pos(r.i)
	}
	r.skipSpace()
	c := r.peek()
	switch r.state {
	case wantValue:
		return r.value(c)
	case wantValueOrClose:
		if c == ']' {
			return r.close(c)
		}
		return r.value(c)
	case wantKeyOrClose:
		if c == '}' {
			return r.close(c)
		}
		return r.key(c)
	case wantKey:
		return r.key(c)
	case wantColon:
		if c != ':' {
			return r.fail()
		}
		r.off++
		r.col++
		r.skipSpace()
		return r.value(r.peek())
	case wantCommaOrClose:
		open := r.stack[len(r.stack)-1]
		if c == ',' {
			r.off++
			r.col++
			r.skipSpace()
			if open == '{' {
				return r.key(r.peek())
			}
			return r.value(r.peek())
		}
		if open == '{' && c == '}' || open == '[' && c == ']' {
			return r.close(c)
		}
	case wantEnd:
		if c == 0 && r.off >= r.end {
			// Read to the end without a fault: the text is valid, and
			// there is no token left.
			return Token{}, r.ErrorAt(r.Range(r.off, r.off), "invalid JSON", "The text ends after its top-level value.")
		}
	}
	return r.fail()
}

// value reads the value that starts with c at the position.
func (r *Reader) value(c byte) (Token, error) {
	var t Token
	start, pos := r.off, r.here()
	switch c {
	case '{', '[':
		r.depth++
		r.stack = append(r.stack, c)
		r.state = wantKeyOrClose
		if c == '[' {
			r.state = wantValueOrClose
		}
		if r.depth > maxNesting {
			return r.fail()
		}
		r.off++
		r.col++
		t = Token{Delim: c, Range: r.token(start, pos)}
		if r.maxDepth > 0 && r.depth > r.maxDepth {
			return Token{}, r.ErrorAt(t.Range, "invalid JSON", fmt.Sprintf("Values are nested more than %d levels deep, which no API response does.", r.maxDepth))
		}
		return t, nil
	case '"':
		text, ok := r.str()
		if !ok {
			return r.fail()
		}
		t.Kind, t.Text = String, text
	case 't':
		if !r.literal("true") {
			return r.fail()
		}
		t.Kind, t.Text = Bool, "true"
	case 'f':
		if !r.literal("false") {
			return r.fail()
		}
		t.Kind, t.Text = Bool, "false"
	case 'n':
		if !r.literal("null") {
			return r.fail()
		}
		t.Kind = Null
	default:
		end := numberEnd(r.src[:r.end], start)
		if end < 0 {
			return r.fail()
		}
		t.Kind, t.Text = Number, r.intern(r.src[start:end])
		r.col += end - start
		r.off = end
	}
	r.afterValue()
	t.Range = r.token(start, pos)
	return t, nil
}

// key reads the key that starts with c at the position.
func (r *Reader) key(c byte) (Token, error) {
	if c != '"' {
		return r.fail()
	}
	start, pos := r.off, r.here()
	text, ok := r.str()
	if !ok {
		return r.fail()
	}
	r.state = wantColon
	return Token{Kind: String, Text: text, Range: r.token(start, pos)}, nil
}

// close reads the closing delimiter c at the position.
func (r *Reader) close(c byte) (Token, error) {
	start, pos := r.off, r.here()
	r.off++
	r.col++
	r.depth--
	r.stack = r.stack[:len(r.stack)-1]
	r.afterValue()
	return Token{Delim: c, Range: r.token(start, pos)}, nil
}

// afterValue sets the state that follows a complete value.
func (r *Reader) afterValue() {
	r.state = wantCommaOrClose
	if len(r.stack) == 0 {
		r.state = wantEnd
	}
}

// token records the token read from start, at pos, to the position, and
// returns its range.
func (r *Reader) token(start int, pos model.Pos) model.Range {
	r.i, r.tokStart = r.off, start
	return model.Range{Filename: r.file, Start: pos, End: r.here()}
}

// literal reads true, false or null at the position.
func (r *Reader) literal(lit string) bool {
	if r.off+len(lit) > r.end || string(r.src[r.off:r.off+len(lit)]) != lit {
		return false
	}
	r.off += len(lit)
	r.col += len(lit)
	return true
}

// numberEnd returns the offset past the number at i of text, or -1 where
// there is none: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func numberEnd(text []byte, i int) int {
	if i < len(text) && text[i] == '-' {
		i++
	}
	switch {
	case i < len(text) && text[i] == '0':
		i++
	case i < len(text) && '1' <= text[i] && text[i] <= '9':
		i = digitsEnd(text, i)
	default:
		return -1
	}
	if i < len(text) && text[i] == '.' {
		if i = digitsEnd(text, i+1); i < 0 {
			return -1
		}
	}
	if i < len(text) && (text[i] == 'e' || text[i] == 'E') {
		i++
		if i < len(text) && (text[i] == '+' || text[i] == '-') {
			i++
		}
		if i = digitsEnd(text, i); i < 0 {
			return -1
		}
	}
	return i
}

// digitsEnd returns the offset past the digits at i of text, or -1 when
// there are none.
func digitsEnd(text []byte, i int) int {
	j := i
	for j < len(text) && '0' <= text[j] && text[j] <= '9' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// str reads the string literal at the position and returns its value, or
// false when it is not a valid literal: unterminated, with a control
// character or an unknown escape. Invalid UTF-8 is read as U+FFFD, as
// encoding/json reads it.
func (r *Reader) str() (string, bool) {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	start := r.off
	i, plain := start+1, true
	for i < r.end {
		// Eight bytes at a time while none is a quote, a backslash, a
		// control character or outside ASCII: most strings are short
		// ASCII keys and ids.
		if i+8 <= r.end {
			w := binary.LittleEndian.Uint64(r.src[i:])
			special := (w - 0x20*ones) | ((w ^ 0x22*ones) - ones) | ((w ^ 0x5C*ones) - ones) | w
			if special&highs == 0 {
				i += 8
				continue
			}
		}
		c := r.src[i]
		switch {
		case c == '"':
			lit := r.src[start : i+1]
			r.off = i + 1
			if plain {
				r.col += len(lit)
				return r.intern(lit[1 : len(lit)-1]), true
			}
			r.col += utf8.RuneCount(lit)
			return r.unquote(lit), true
		case c == '\\':
			plain = false
			n := escapeLen(r.src[:r.end], i)
			if n == 0 {
				return "", false
			}
			i += n
		case c < 0x20:
			return "", false
		default:
			if c >= utf8.RuneSelf {
				plain = false
			}
			i++
		}
	}
	return "", false
}

// escapeLen returns the length of the escape at i of text, or 0 when it
// is not one JSON has.
func escapeLen(text []byte, i int) int {
	if i+1 >= len(text) {
		return 0
	}
	switch text[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if i+6 > len(text) {
			return 0
		}
		for _, h := range text[i+2 : i+6] {
			if !isHex(h) {
				return 0
			}
		}
		return 6
	}
	return 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// fail is the error of text that is not valid JSON where the reader is.
func (r *Reader) fail() (Token, error) {
	if r.off >= r.end {
		return Token{}, r.syntax(io.ErrUnexpectedEOF)
	}
	return Token{}, r.syntax(fmt.Errorf("invalid character %q at offset %d", r.src[r.off], r.off))
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
	// The latest string takes the slot: the ids and names of the first
	// response (DescribeSecurityGroups) would otherwise hold most slots
	// for good, and the ports, CIDRs and descriptions that repeat in the
	// thousands of policies after it would not be shared.
	s := string(b)
	*slot = s
	return s
}

// End checks that nothing but white space follows the top-level value (or
// that the value a reader was started on ends where its span does).
func (r *Reader) End() error {
	if r.state != wantEnd {
		return r.syntax(errors.New("the top-level value is not complete"))
	}
	if r.off != r.i {
		r.Pos(r.i)
	}
	r.skipSpace()
	if r.off < r.end {
		return r.syntax(errors.New("the file holds more than one JSON value"))
	}
	return nil
}

// Check validates the whole text with encoding/json: nil when it is valid
// JSON, else the located error of its first fault. A reader of a file
// calls it when it stops on an error of any kind, so that an invalid file
// gives that one error whichever token the reading stopped at.
func (r *Reader) Check() error {
	r.check.once.Do(func() {
		if json.Valid(r.src) {
			return
		}
		var v json.RawMessage
		err := json.Unmarshal(r.src, &v)
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		r.check.invalid = r.legacy(err)
	})
	return r.check.invalid
}

// syntax is the error of a token the reader could not read: the error of
// encoding/json on the whole text, or, should the two disagree, err at
// the reader's position.
func (r *Reader) syntax(err error) error {
	if invalid := r.Check(); invalid != nil {
		return invalid
	}
	off := min(r.off, len(r.src))
	return r.ErrorAt(r.Range(off, off), "invalid JSON", upperFirst(err.Error())+".")
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
	// Check may run on any reader of the text: the position is worked
	// out on a reader of its own.
	pr := &Reader{file: r.file, src: r.src, base: r.base, line: 1, col: 1}
	return r.ErrorAt(pr.Range(off, off), "invalid JSON", upperFirst(msg)+".")
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
