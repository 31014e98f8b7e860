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

// file is what suppressions need to know of one source file: its
// directive comments, which lines hold code, and where its blocks are.
type file struct {
	comments []Comment
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

// readFile reads the directive comments and the structure of src in one
// pass over its tokens (HCL) or lines (YAML), and its blocks from a parse.
// It returns nil when the file holds no directive, which is the common
// case: a file that does not mention the prefix is not even lexed.
func readFile(syntax Syntax, src []byte) *file {
	if syntax == NoComments || !mentionsPrefix(src) {
		return nil
	}
	f := &file{spans: map[int]Span{}}
	switch syntax {
	case HCL:
		f.scanHCL(src)
		if len(f.comments) > 0 {
			f.hclSpans(src)
		}
	case YAML:
		f.scanYAML(src)
		if len(f.comments) > 0 {
			f.yamlSpans(src)
		}
	case NoComments:
	}
	if len(f.comments) == 0 {
		return nil
	}
	return f
}

// scanHCL lexes src once with HCL's own scanner, so that `#` inside
// strings and heredocs is not taken for a comment: it collects the
// directive comments and marks the lines of comments and of code.
func (f *file) scanHCL(src []byte) {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	lastCode := 0 // the last line that code ends on
	for _, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		case hclsyntax.TokenComment:
			line := tok.Range.Start.Line
			f.mark(line, line, commentLine)
			if text := commentText(string(tok.Bytes)); IsDirective(text) {
				raw := strings.TrimRight(string(tok.Bytes), "\r\n")
				end := tok.Range.Start.Column + len(raw)
				if strings.Contains(raw, "\n") {
					end = tok.Range.Start.Column + len(firstLine(raw))
				}
				f.comments = append(f.comments, Comment{Line: line, Column: tok.Range.Start.Column, EndColumn: end, Text: text, Trailing: lastCode == line})
			}
		default:
			f.mark(tok.Range.Start.Line, tok.Range.End.Line, codeLine)
			lastCode = tok.Range.End.Line
		}
	}
}

// hclSpans records the blocks and attributes of src.
func (f *file) hclSpans(src []byte) {
	parsed, _ := hclsyntax.ParseConfig(src, "", hcl.InitialPos)
	if parsed == nil {
		return
	}
	if body, ok := parsed.Body.(*hclsyntax.Body); ok {
		f.hclBody(body)
	}
}

func (f *file) hclBody(body *hclsyntax.Body) {
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

// scanYAML reads src line by line: a `#` comment starts a line or follows
// a blank, outside quoted scalars. Block scalars are not tracked; a
// directive-shaped line inside one is taken for a comment.
func (f *file) scanYAML(src []byte) {
	for i, raw := range strings.Split(string(src), "\n") {
		n := i + 1
		switch trimmed := strings.TrimSpace(raw); {
		case trimmed == "":
		case strings.HasPrefix(trimmed, "#"):
			f.mark(n, n, commentLine)
		default:
			f.mark(n, n, codeLine)
		}
		line := strings.TrimRight(raw, "\r")
		at := yamlCommentStart(line)
		if at < 0 {
			continue
		}
		if text := strings.TrimSpace(line[at+1:]); IsDirective(text) {
			f.comments = append(f.comments, Comment{
				Line: n, Column: at + 1, EndColumn: len(line) + 1, Text: text,
				Trailing: strings.TrimSpace(line[:at]) != "",
			})
		}
	}
}

// yamlSpans records the entries of src.
func (f *file) yamlSpans(src []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return
	}
	f.yamlNode(&doc)
}

// yamlNode records a span for every mapping entry (key to the end of its
// value) and every sequence item.
func (f *file) yamlNode(n *yaml.Node) {
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

// line returns the kind of line n (1-based); lines past the end are blank.
func (f *file) line(n int) lineKind {
	if n < 1 || n > len(f.kind) {
		return blankLine
	}
	return f.kind[n-1]
}

func (f *file) mark(from, to int, k lineKind) {
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
func (f *file) addSpan(s Span) {
	if s.End < s.Start {
		s.End = s.Start
	}
	if old, ok := f.spans[s.Start]; !ok || old.End < s.End {
		f.spans[s.Start] = s
	}
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

// target is the code line a comment applies to: its own line when
// trailing, else the first line below it that is not a comment, provided no
// blank line comes first; 0 when there is none.
func (f *file) target(c Comment) int {
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

// scope returns what comment c covers.
func (f *file) scope(c Comment) Scope {
	var s Scope
	if !c.Trailing {
		s.Lines = append(s.Lines, c.Line+1)
	}
	t := f.target(c)
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
