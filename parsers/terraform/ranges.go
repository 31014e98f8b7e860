package terraform

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// positions converts hcl ranges into model ranges. HCL counts columns in
// grapheme clusters; the model counts code points, so columns are recomputed
// from the byte offset when the source is known. It is safe for concurrent
// use: root modules are evaluated several at once.
type positions struct {
	// given holds the files handed over; it is not changed after
	// newPositions.
	given map[string][]byte
	// mu guards read: the files read later (modules through the Reader,
	// variable files, plans).
	mu   sync.RWMutex
	read map[string][]byte
}

func newPositions(files []File) *positions {
	p := &positions{given: make(map[string][]byte, len(files)), read: map[string][]byte{}}
	for _, f := range files {
		p.given[f.Path] = f.Src
	}
	return p
}

// add records the source of a file read after the walk.
func (p *positions) add(name string, src []byte) {
	if _, ok := p.given[name]; ok {
		return
	}
	p.mu.Lock()
	p.read[name] = src
	p.mu.Unlock()
}

// source returns the content of a file, if known.
func (p *positions) source(name string) ([]byte, bool) {
	if src, ok := p.given[name]; ok {
		return src, true
	}
	p.mu.RLock()
	src, ok := p.read[name]
	p.mu.RUnlock()
	return src, ok
}

// rng converts r.
func (p *positions) rng(r hcl.Range) model.Range {
	return model.Range{Filename: r.Filename, Start: p.pos(r.Filename, r.Start), End: p.pos(r.Filename, r.End)}
}

// rngPtr converts r, or gives a range naming only the file when r is nil.
func (p *positions) rngPtr(r *hcl.Range, file string) model.Range {
	if r == nil {
		return model.Range{Filename: file}
	}
	return p.rng(*r)
}

func (p *positions) pos(file string, hp hcl.Pos) model.Pos {
	out := model.Pos{Line: hp.Line, Column: hp.Column, Byte: hp.Byte}
	src, ok := p.source(file)
	if !ok || hp.Byte < 0 || hp.Byte > len(src) {
		return out
	}
	start := hp.Byte
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	out.Column = utf8.RuneCount(src[start:hp.Byte]) + 1
	return out
}

// sub returns the range of bytes [from, to) of a literal whose first byte is
// at start.
func sub(start model.Pos, filename, text string, from, to int) model.Range {
	at := func(off int) model.Pos {
		return model.Pos{Line: start.Line, Column: start.Column + utf8.RuneCountInString(text[:off]), Byte: start.Byte + off}
	}
	return model.Range{Filename: filename, Start: at(from), End: at(to)}
}

// errorFromDiag turns an hcl diagnostic into a model error.
func (p *positions) errorFromDiag(d *hcl.Diagnostic, file string) *model.Error {
	r := d.Subject
	if r == nil {
		r = d.Context
	}
	rng := p.rngPtr(r, file)
	if rng.Filename == "" {
		rng.Filename = file
	}
	return &model.Error{Range: rng, Summary: lowerFirst(d.Summary), Detail: d.Detail}
}

// lowerFirst lowercases the first letter of s unless it starts an acronym.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return strings.ToLower(s[:n]) + s[n:]
}
