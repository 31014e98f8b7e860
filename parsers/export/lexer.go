package export

import (
	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
)

// maxDepth bounds the nesting of JSON values. API responses nest a few
// levels; anything deeper is not an export, and refusing it keeps the stack
// small.
const maxDepth = 64

// lexer reads the tokens of one file (jsonpos) and builds the values of
// the response being mapped from them, with stacks and a slab of nodes
// shared by all of them.
type lexer struct {
	*jsonpos.Reader
	fieldStack []field
	elemStack  []*node
	slab       []node
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
