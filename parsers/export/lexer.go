package export

import (
	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
)

// maxDepth bounds the nesting of JSON values. API responses nest a few
// levels; anything deeper is not an export, and refusing it keeps the stack
// small.
const maxDepth = 64

// lexer reads the tokens of one file (jsonpos) and builds the values of
// the response being mapped from them, with stacks shared by all of them
// and pools their nodes, members and elements come from. A response is
// dead once it is mapped (the model copies what it takes), so its memory
// is handed out again for the next one: a bundle of thousands of responses
// allocates about as much as its largest response.
type lexer struct {
	*jsonpos.Reader
	fieldStack []field
	elemStack  []*node
	nodes      pool[node]
	members    pool[field]
	elems      pool[*node]
}

// token and kind are jsonpos's.
type (
	token = jsonpos.Token
	kind  = jsonpos.Kind
)

// The JSON types of nodes.
const (
	kindNull   = jsonpos.Null
	kindBool   = jsonpos.Bool
	kindNumber = jsonpos.Number
	kindString = jsonpos.String
	kindObject = jsonpos.Object
	kindArray  = jsonpos.Array
)

// syntaxError is a located error that stops the reading of a file.
type syntaxError = jsonpos.SyntaxError

func newLexer(file string, raw []byte) *lexer {
	return &lexer{Reader: jsonpos.NewReader(file, raw, maxDepth)}
}

// mark is a point in the lexer's pools to release back to.
type mark struct{ nodes, fields, elems poolMark }

// mark returns the current point of the pools: what is taken after it can
// be released at once, when the value read after it is no longer needed.
func (l *lexer) mark() mark {
	return mark{l.nodes.mark(), l.members.mark(), l.elems.mark()}
}

// release hands out again what was taken since m. No node read since m
// may be used afterwards.
func (l *lexer) release(m mark) {
	l.nodes.release(m.nodes)
	l.members.release(m.fields)
	l.elems.release(m.elems)
}

// poolChunk is the size of the chunks of a pool, in items.
const poolChunk = 512

// pool hands out slices of T from chunks, stack-wise: release returns
// everything taken since a mark. Slices taken are not zeroed.
type pool[T any] struct {
	chunks [][]T
	// cur is the chunk being taken from and used the items taken of it.
	cur, used int
}

type poolMark struct{ cur, used int }

// take returns a slice of n items, with no room to grow into the next.
func (p *pool[T]) take(n int) []T {
	for p.cur < len(p.chunks) && p.used+n > len(p.chunks[p.cur]) {
		p.cur++
		p.used = 0
	}
	if p.cur == len(p.chunks) {
		p.chunks = append(p.chunks, make([]T, max(poolChunk, n)))
		p.used = 0
	}
	s := p.chunks[p.cur][p.used : p.used+n : p.used+n]
	p.used += n
	return s
}

func (p *pool[T]) mark() poolMark { return poolMark{p.cur, p.used} }

func (p *pool[T]) release(m poolMark) { p.cur, p.used = m.cur, m.used }
