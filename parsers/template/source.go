package template

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Limits that keep hostile inputs bounded.
const (
	// maxDepth is the deepest nesting of collections a template may have,
	// aliases included.
	maxDepth = 100
	// maxAliases is the number of alias expansions one template may make.
	maxAliases = 10000
	// baseBudget plus budgetPerNode times the number of nodes is the number
	// of evaluation steps one template may take.
	baseBudget    = 100000
	budgetPerNode = 20
)

// source is one file being read: its text, for positions, and what was
// found wrong with it.
type source struct {
	file  string
	src   []byte
	lines []int // byte offset of the start of each line
	// runes caches, for lines that are not ASCII, the byte offset of each
	// code point, so that positions on long lines cost O(1).
	runes map[int][]int
	errs  []*model.Error
	notes []model.Note
}

func newSource(f File) *source {
	s := &source{file: f.Path, src: f.Src, lines: []int{0}}
	for i, c := range f.Src {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// pos returns the position of line and column (both 1-based, column in code
// points) with its byte offset.
func (s *source) pos(line, col int) model.Pos {
	p := model.Pos{Line: line, Column: col, Byte: -1}
	if line < 1 || line > len(s.lines) || col < 1 {
		return p
	}
	offs := s.lineRunes(line)
	if offs == nil {
		p.Byte = min(s.lines[line-1]+col-1, s.lineEnd(line))
		return p
	}
	p.Byte = offs[min(col-1, len(offs)-1)]
	return p
}

// lineEnd is the byte offset of the end of line (its newline).
func (s *source) lineEnd(line int) int {
	if line < len(s.lines) {
		return s.lines[line] - 1
	}
	return len(s.src)
}

// lineRunes returns the byte offset of each code point of line and of its
// end, or nil when the line is ASCII.
func (s *source) lineRunes(line int) []int {
	if offs, ok := s.runes[line]; ok {
		return offs
	}
	start, end := s.lines[line-1], s.lineEnd(line)
	text := s.src[start:end]
	var offs []int
	for i := range text {
		if text[i] >= utf8.RuneSelf {
			offs = make([]int, 0, len(text)+1)
			for off := 0; off < len(text); {
				offs = append(offs, start+off)
				_, n := utf8.DecodeRune(text[off:])
				off += n
			}
			offs = append(offs, end)
			break
		}
	}
	if s.runes == nil {
		s.runes = map[int][]int{}
	}
	s.runes[line] = offs
	return offs
}

// point is a zero-width range at line and column.
func (s *source) point(line, col int) model.Range {
	p := s.pos(line, col)
	return model.Range{Filename: s.file, Start: p, End: p}
}

// fileRange names the file, at its first line.
func (s *source) fileRange() model.Range { return s.point(1, 1) }

// rng returns the range of node n: from its start to the end of its text
// when that is cheap to find, else to its start.
func (s *source) rng(n *yaml.Node) model.Range {
	if n == nil {
		return s.fileRange()
	}
	start := s.pos(n.Line, n.Column)
	return model.Range{Filename: s.file, Start: start, End: s.end(n, start)}
}

// end finds where the text of n ends. Scalars on one line end after their
// text; collections end where their last element ends.
func (s *source) end(n *yaml.Node, start model.Pos) model.Pos {
	switch n.Kind {
	case yaml.ScalarNode, yaml.AliasNode:
		return s.scalarEnd(n, start)
	case yaml.MappingNode, yaml.SequenceNode:
		if len(n.Content) == 0 {
			if n.Style&yaml.FlowStyle != 0 && start.Byte >= 0 && start.Byte+2 <= len(s.src) {
				return s.advance(start, 2)
			}
			return start
		}
		last := n.Content[len(n.Content)-1]
		end := s.end(last, s.pos(last.Line, last.Column))
		if n.Style&yaml.FlowStyle != 0 {
			end = s.closer(end, n.Kind)
		}
		return end
	case yaml.DocumentNode:
	}
	return start
}

// closer extends the end of a flow collection's last element past the
// closing bracket when it follows on the same line, so that `{ ... }` is
// covered whole.
func (s *source) closer(end model.Pos, kind yaml.Kind) model.Pos {
	if end.Byte < 0 {
		return end
	}
	want := byte(']')
	if kind == yaml.MappingNode {
		want = '}'
	}
	i := end.Byte
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t' || s.src[i] == ',') {
		i++
	}
	if i < len(s.src) && s.src[i] == want {
		return s.advance(end, i+1-end.Byte)
	}
	return end
}

// scalarEnd returns the end of a scalar written on one line.
//
//nolint:gocyclo // one case per YAML scalar style: splitting would hide the grammar
func (s *source) scalarEnd(n *yaml.Node, start model.Pos) model.Pos {
	if start.Byte < 0 {
		return start
	}
	rest := s.src[start.Byte:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	rest = bytes.TrimRight(rest, "\r")
	// A tagged scalar (`!Ref Vpc`) starts at its tag.
	skip := 0
	if len(rest) > 0 && rest[0] == '!' && n.Kind == yaml.ScalarNode {
		if i := bytes.IndexAny(rest, " \t"); i > 0 {
			for skip = i; skip < len(rest) && (rest[skip] == ' ' || rest[skip] == '\t'); skip++ {
			}
		}
		rest = rest[skip:]
	}
	at := func(n int) model.Pos { return s.advance(start, skip+n) }
	switch {
	case n.Kind == yaml.AliasNode:
		return at(1 + len(n.Value))
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := 1; i < len(rest); i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				return at(i + 1)
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := 1; i < len(rest); i++ {
			if rest[i] != '\'' {
				continue
			}
			if i+1 < len(rest) && rest[i+1] == '\'' {
				i++
				continue
			}
			return at(i + 1)
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0:
		if bytes.HasPrefix(rest, []byte(n.Value)) {
			return at(len(n.Value))
		}
	}
	return start
}

// advance moves p forward by n bytes on its line.
func (s *source) advance(p model.Pos, n int) model.Pos {
	if p.Byte < 0 || p.Byte+n > len(s.src) {
		return p
	}
	return model.Pos{Line: p.Line, Column: p.Column + utf8.RuneCount(s.src[p.Byte:p.Byte+n]), Byte: p.Byte + n}
}

// errorf records an error at node n.
func (s *source) errorf(n *yaml.Node, summary, format string, args ...any) {
	s.errAt(s.rng(n), summary, format, args...)
}

func (s *source) errAt(r model.Range, summary, format string, args ...any) {
	s.errs = append(s.errs, &model.Error{Range: r, Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// checkUTF8 reports the first invalid UTF-8 sequence of the file.
func (s *source) checkUTF8() bool {
	if utf8.Valid(s.src) {
		return true
	}
	off := 0
	for off < len(s.src) {
		r, n := utf8.DecodeRune(s.src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line := bytes.Count(s.src[:off], []byte("\n")) + 1
	col := utf8.RuneCount(s.src[s.lines[line-1]:off]) + 1
	s.errAt(s.point(line, col), "invalid UTF-8", "byte 0x%02x at offset %d is not valid UTF-8; a template must be UTF-8 text", s.src[off], off)
	return false
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeAny parses the file into its root node. It reports a syntax error,
// an empty file and a file with more than one document.
func (s *source) decodeAny() *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(s.src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			s.errAt(s.fileRange(), "empty template", "the file holds no YAML or JSON document")
			return nil
		}
		s.syntaxError(err)
		return nil
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		s.errorf(&next, "more than one document", "a template is one YAML document; remove the `---` that starts a second one")
	} else if !errors.Is(err, io.EOF) {
		s.syntaxError(err)
		return nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	return root
}

// decode parses a template: a document whose top level is a mapping.
func (s *source) decode() *yaml.Node {
	root := s.decodeAny()
	if root == nil {
		return nil
	}
	if root.Kind != yaml.MappingNode || intrinsic(root.Tag) != "" {
		s.errorf(root, "invalid template", "the top level of a template must be a mapping with a Resources key, not %s", kindName(root))
		return nil
	}
	return root
}

// isParserProblem reports whether msg is one of the problems of yaml.v3's
// parser, as opposed to its scanner.
func isParserProblem(msg string) bool {
	return slices.Contains([]string{
		"did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected '-' indicator", "did not find expected <document start>",
		"did not find expected <stream-start>", "did not find expected key",
		"did not find expected node content", "found duplicate %TAG directive",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found undefined tag handle",
	}, msg)
}

// syntaxError turns a yaml.v3 error into a located error. yaml.v3 gives
// only the line; the column is that of the line's first character.
func (s *source) syntaxError(err error) {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			if isParserProblem(msg) {
				// yaml.v3 reports the line of a parser error counted from 0
				// (the start of the enclosing block, or the problem when that
				// block starts the file); scanner errors count from 1.
				n++
			}
			line = max(1, min(n, len(s.lines)))
		}
	} else if after, ok := bytes.CutPrefix([]byte(msg), []byte("yaml: ")); ok {
		msg = string(after)
	}
	col := 1
	if line <= len(s.lines) {
		for off := s.lines[line-1]; off < len(s.src) && (s.src[off] == ' ' || s.src[off] == '\t'); off++ {
			col++
		}
	}
	s.errAt(s.point(line, col), "invalid YAML syntax", "%s", msg)
}

// kindName names the kind of a node for messages.
func kindName(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!bool":
			return "a bool"
		case "!!int", "!!float":
			return "a number"
		}
		return "a string"
	}
	return "an empty document"
}
