package export

import (
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// node is one JSON value with its range. Only the response being mapped is
// held as nodes.
type node struct {
	kind kind
	rng  model.Range
	// text is a string's value, a number's literal, or "true"/"false".
	text   string
	fields []field
	elems  []*node
}

// field is one member of an object.
type field struct {
	key    string
	keyRng model.Range
	val    *node
}

// get returns the value of key, or nil when n is not an object or has no
// such key. A key given twice is an error reported while reading; the last
// one wins, as in encoding/json and JavaScript.
func (n *node) get(key string) *node {
	if n == nil || n.kind != kindObject {
		return nil
	}
	for _, f := range slices.Backward(n.fields) {
		if f.key == key {
			return f.val
		}
	}
	return nil
}

// has reports whether n is an object with key.
func (n *node) has(key string) bool { return n.get(key) != nil }

// keyRange returns the range of key in n, or n's range.
func (n *node) keyRange(key string) model.Range {
	for _, f := range slices.Backward(n.fields) {
		if f.key == key {
			return f.keyRng
		}
	}
	return n.rng
}

// empty reports whether n stands for an absent value: missing, null or "".
func (n *node) empty() bool {
	return n == nil || n.kind == kindNull || n.kind == kindString && n.text == ""
}

// objects returns the objects of array n, or nil.
func (n *node) objects() []*node {
	if n == nil || n.kind != kindArray {
		return nil
	}
	out := make([]*node, 0, len(n.elems))
	for _, e := range n.elems {
		if e.kind == kindObject {
			out = append(out, e)
		}
	}
	return out
}

// value reads the next complete value.
func (l *lexer) value(p *parser) (*node, error) {
	t, err := l.Next()
	if err != nil {
		return nil, err
	}
	return l.valueFrom(p, t)
}

// valueFrom reads the value whose first token is t. Members and elements
// are gathered on the lexer's stacks and copied into slices of their exact
// size once the object or array ends, from the lexer's pools, and so do
// nodes: a bundle of thousands of responses allocates little per value.
func (l *lexer) valueFrom(p *parser, t token) (*node, error) {
	n := l.newNode()
	n.rng = t.Range
	switch t.Delim {
	case 0:
		n.kind, n.text = t.Kind, t.Text
	case '[':
		n.kind = kindArray
		return n, l.array(p, n)
	default: // '{': valid text has no closing delimiter here
		n.kind = kindObject
		base := len(l.fieldStack)
		var big keySet // only for objects larger than API objects
		end, err := l.fields(func(key string, keyRng model.Range) error {
			if mine := l.fieldStack[base:]; len(mine) < 32 {
				for _, f := range mine {
					if f.key == key {
						p.errorf(keyRng, "duplicate key", "%q is already given at %d:%d; the last value is used.", key, f.keyRng.Start.Line, f.keyRng.Start.Column)
						break
					}
				}
			} else {
				if big.keys == nil && big.big == nil {
					for _, f := range mine {
						big.add(f.key, f.keyRng)
					}
				}
				if first, dup := big.add(key, keyRng); dup {
					p.errorf(keyRng, "duplicate key", "%q is already given at %d:%d; the last value is used.", key, first.Start.Line, first.Start.Column)
				}
			}
			val, err := l.value(p)
			if err != nil {
				return err
			}
			l.fieldStack = append(l.fieldStack, field{key: key, keyRng: keyRng, val: val})
			return nil
		})
		n.fields = l.members.take(len(l.fieldStack) - base)
		copy(n.fields, l.fieldStack[base:])
		clear(l.fieldStack[base:])
		l.fieldStack = l.fieldStack[:base]
		n.rng.End = end.End
		return n, err
	}
	return n, nil
}

// newNode returns a zero node from the pool.
func (l *lexer) newNode() *node {
	n := &l.nodes.take(1)[0]
	*n = node{}
	return n
}

func (l *lexer) array(p *parser, n *node) error {
	base := len(l.elemStack)
	defer func() {
		n.elems = l.elems.take(len(l.elemStack) - base)
		copy(n.elems, l.elemStack[base:])
		clear(l.elemStack[base:])
		l.elemStack = l.elemStack[:base]
	}()
	for {
		t, err := l.Next()
		if err != nil {
			return err
		}
		if t.IsDelim(']') {
			n.rng.End = t.Range.End
			return nil
		}
		e, err := l.valueFrom(p, t)
		if err != nil {
			return err
		}
		l.elemStack = append(l.elemStack, e)
	}
}

// fieldsChecked reads the members of an object like fields, reporting keys
// given twice; the streaming levels of a bundle use it.
func (l *lexer) fieldsChecked(p *parser, fn func(key string, keyRng model.Range) error) (model.Range, error) {
	var seen keySet
	return l.fields(func(key string, keyRng model.Range) error {
		if first, dup := seen.add(key, keyRng); dup {
			p.errorf(keyRng, "duplicate key", "%q is already given at %d:%d; the last value is used.", key, first.Start.Line, first.Start.Column)
		}
		return fn(key, keyRng)
	})
}

// fields reads the members of an object whose `{` was read, calling fn with
// each key; fn must read the value. It returns the range of the closing `}`.
func (l *lexer) fields(fn func(key string, keyRng model.Range) error) (model.Range, error) {
	for {
		t, err := l.Next()
		if err != nil {
			return model.Range{}, err
		}
		if t.Delim != 0 || t.Kind != kindString {
			// Valid text has only `}` or a string here.
			return t.Range, nil
		}
		if err := fn(t.Text, t.Range); err != nil {
			return model.Range{}, err
		}
	}
}

// keySet remembers the keys of one object: a slice while it is small, as
// API objects are, and a map beyond.
type keySet struct {
	keys []string
	rngs []model.Range
	big  map[string]model.Range
}

// add records key and reports the range of its first occurrence if it was
// already there.
func (s *keySet) add(key string, r model.Range) (model.Range, bool) {
	if s.big != nil {
		if first, ok := s.big[key]; ok {
			return first, true
		}
		s.big[key] = r
		return model.Range{}, false
	}
	for i, k := range s.keys {
		if k == key {
			return s.rngs[i], true
		}
	}
	s.keys = append(s.keys, key)
	s.rngs = append(s.rngs, r)
	if len(s.keys) > 32 {
		s.big = make(map[string]model.Range, 2*len(s.keys))
		for i, k := range s.keys {
			s.big[k] = s.rngs[i]
		}
		s.keys, s.rngs = nil, nil
	}
	return model.Range{}, false
}
