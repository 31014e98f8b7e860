package suppress

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"gopkg.in/yaml.v3"
)

// Span is a range of lines, both ends included.
type Span struct{ Start, End int }

// Contains reports whether line is in s.
func (s Span) Contains(line int) bool { return line >= s.Start && line <= s.End }

// File is what suppressions need to know of one source file: its
// directive comments, which lines hold code, and where its blocks are.
type File struct {
	Comments []Comment
	// kind[i] is the kind of line i+1.
	kind []lineKind
	// spans are the blocks, attributes and YAML entries, by start line.
	spans map[int]Span
}

type lineKind uint8

const (
	blankLine lineKind = iota
	commentLine
	codeLine
)

// Read reads the directive comments and the structure of src. It returns nil
// when the file holds no directive, which is the common case.
func Read(syntax Syntax, src []byte) *File {
	comments := Comments(syntax, src)
	if len(comments) == 0 {
		return nil
	}
	f := &File{Comments: comments, spans: map[int]Span{}}
	switch syntax {
	case HCL:
		f.readHCL(src)
	case YAML:
		f.readYAML(src)
	case NoComments:
	}
	return f
}

// line returns the kind of line n (1-based); lines past the end are blank.
func (f *File) line(n int) lineKind {
	if n < 1 || n > len(f.kind) {
		return blankLine
	}
	return f.kind[n-1]
}

func (f *File) mark(from, to int, k lineKind) {
	for n := from; n <= to; n++ {
		for len(f.kind) < n {
			f.kind = append(f.kind, blankLine)
		}
		if f.kind[n-1] < k {
			f.kind[n-1] = k
		}
	}
}

// addSpan records a block starting at s.Start, keeping the longest one that
// starts on a line.
func (f *File) addSpan(s Span) {
	if s.End < s.Start {
		s.End = s.Start
	}
	if old, ok := f.spans[s.Start]; !ok || old.End < s.End {
		f.spans[s.Start] = s
	}
}

func (f *File) readHCL(src []byte) {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	for _, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		case hclsyntax.TokenComment:
			f.mark(tok.Range.Start.Line, tok.Range.Start.Line, commentLine)
		default:
			f.mark(tok.Range.Start.Line, tok.Range.End.Line, codeLine)
		}
	}
	file, _ := hclsyntax.ParseConfig(src, "", hcl.InitialPos)
	if file == nil {
		return
	}
	if body, ok := file.Body.(*hclsyntax.Body); ok {
		f.hclBody(body)
	}
}

func (f *File) hclBody(body *hclsyntax.Body) {
	for _, a := range body.Attributes {
		f.addSpan(Span{a.SrcRange.Start.Line, a.SrcRange.End.Line})
	}
	for _, b := range body.Blocks {
		r := b.Range()
		f.addSpan(Span{r.Start.Line, r.End.Line})
		if b.Body != nil {
			f.hclBody(b.Body)
		}
	}
}

func (f *File) readYAML(src []byte) {
	for i, raw := range strings.Split(string(src), "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			f.mark(i+1, i+1, commentLine)
		default:
			f.mark(i+1, i+1, codeLine)
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return
	}
	f.yamlNode(&doc)
}

// yamlNode records a span for every mapping entry (key to the end of its
// value) and every sequence item.
func (f *File) yamlNode(n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			f.addSpan(Span{n.Content[i].Line, lastLine(n.Content[i+1])})
			f.yamlNode(n.Content[i+1])
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			f.addSpan(Span{c.Line, lastLine(c)})
			f.yamlNode(c)
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			f.yamlNode(c)
		}
	case yaml.ScalarNode, yaml.AliasNode:
	}
}

// lastLine is the last line a YAML node takes.
func lastLine(n *yaml.Node) int {
	end := n.Line
	if n.Kind == yaml.ScalarNode && (n.Style&(yaml.LiteralStyle|yaml.FoldedStyle)) != 0 {
		end += strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
	}
	for _, c := range n.Content {
		end = max(end, lastLine(c))
	}
	return end
}

// Scope is what one directive comment covers in its file.
type Scope struct {
	// Lines are single lines covered: the comment's own line when it
	// follows code, else the line below it and the first code line below.
	Lines []int
	// Blocks are the blocks, attributes or YAML entries that start on a
	// covered code line.
	Blocks []Span
}

// Covers reports whether line is in the scope.
func (s Scope) Covers(line int) bool {
	if slices.Contains(s.Lines, line) {
		return true
	}
	for _, b := range s.Blocks {
		if b.Contains(line) {
			return true
		}
	}
	return false
}

// Target is the code line a comment applies to: its own line when
// trailing, else the first line below it that is not a comment, provided no
// blank line comes first; 0 when there is none.
func (f *File) Target(c Comment) int {
	if c.Trailing {
		return c.Line
	}
	for n := c.Line + 1; ; n++ {
		switch f.line(n) {
		case codeLine:
			return n
		case blankLine:
			return 0
		case commentLine:
		}
	}
}

// Scope returns what comment c covers.
func (f *File) Scope(c Comment) Scope {
	var s Scope
	if !c.Trailing {
		s.Lines = append(s.Lines, c.Line+1)
	}
	t := f.Target(c)
	if t == 0 {
		return s
	}
	if t != c.Line+1 {
		s.Lines = append(s.Lines, t)
	}
	if c.Trailing {
		s.Lines = append(s.Lines, t)
	}
	if b, ok := f.spans[t]; ok {
		s.Blocks = append(s.Blocks, b)
	}
	return s
}
