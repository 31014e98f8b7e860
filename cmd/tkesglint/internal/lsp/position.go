package lsp

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// text is a document's content split into lines, for converting between the
// model's positions (1-based lines, 1-based columns in code points) and
// LSP's (0-based lines, characters in UTF-16 code units).
type text struct {
	lines []string // without their "\n"
}

func newText(src string) text { return text{lines: strings.Split(src, "\n")} }

// line returns the 0-based line i without its line break ("" past the end).
func (t text) line(i int) string {
	if i < 0 || i >= len(t.lines) {
		return ""
	}
	return strings.TrimSuffix(t.lines[i], "\r")
}

// position converts a model position. Column 0 (unknown) is the start of
// the line; a column past the end of the line is its end.
func (t text) position(p model.Pos) Position {
	line := max(p.Line-1, 0)
	return Position{Line: line, Character: utf16Len(t.line(line), p.Column-1)}
}

// rng converts a model range; a range without an end is a point.
func (t text) rng(r model.Range) Range {
	start := t.position(r.Start)
	if r.End.Line == 0 {
		return Range{Start: start, End: start}
	}
	end := t.position(r.End)
	if end.Line < start.Line || end.Line == start.Line && end.Character < start.Character {
		end = start
	}
	return Range{Start: start, End: end}
}

// utf16Len is the number of UTF-16 code units of the first n code points
// of s (all of s when it has fewer).
func utf16Len(s string, n int) int {
	units := 0
	for _, r := range s {
		if n <= 0 {
			break
		}
		n--
		if r >= 0x10000 {
			units += 2 // a surrogate pair
		} else {
			units++
		}
	}
	return units
}

// offset returns the byte offset of an LSP position in the line it names,
// within line's text; a character past the end is the end.
func offset(line string, character int) int {
	units := 0
	for i, r := range line {
		if units >= character {
			return i
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return len(line)
}

// lineSlice returns the text of r on its start line (up to the end of that
// line when r spans several), and the byte offset where it starts.
func (t text) lineSlice(r Range) (slice string, from int) {
	line := t.line(r.Start.Line)
	from = offset(line, r.Start.Character)
	to := len(line)
	if r.End.Line == r.Start.Line {
		to = max(offset(line, r.End.Character), from)
	}
	return line[from:to], from
}

// slice returns the text of r, across lines.
func (t text) slice(r Range) string {
	if r.Start.Line == r.End.Line {
		s, _ := t.lineSlice(r)
		return s
	}
	if r.Start.Line < 0 || r.End.Line < r.Start.Line || r.Start.Line >= len(t.lines) {
		return ""
	}
	first := t.lines[r.Start.Line]
	var b strings.Builder
	b.WriteString(first[offset(strings.TrimSuffix(first, "\r"), r.Start.Character):] + "\n")
	for l := r.Start.Line + 1; l < r.End.Line && l < len(t.lines); l++ {
		b.WriteString(t.lines[l] + "\n")
	}
	if r.End.Line < len(t.lines) {
		last := t.lines[r.End.Line]
		b.WriteString(last[:offset(strings.TrimSuffix(last, "\r"), r.End.Character)])
	}
	return b.String()
}

// wholeLines returns the lines r starts and ends on, and those between,
// whole.
func (t text) wholeLines(r Range) string {
	if r.Start.Line < 0 || r.End.Line < r.Start.Line || r.Start.Line >= len(t.lines) {
		return ""
	}
	return strings.Join(t.lines[r.Start.Line:min(r.End.Line+1, len(t.lines))], "\n")
}

// character converts a byte offset in a line to UTF-16 code units.
func character(line string, byteOffset int) int {
	return utf16Len(line[:byteOffset], utf8.RuneCountInString(line[:byteOffset]))
}

// uriToPath converts a file URI to an absolute, cleaned path; ok is false
// for other schemes.
func uriToPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		// On Windows the path of a file URI starts with a slash before
		// the drive letter.
		p = strings.TrimPrefix(p, "/")
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return "", false
	}
	return filepath.Clean(p), true
}

// pathToURI converts an absolute path to a file URI.
func pathToURI(p string) string {
	s := filepath.ToSlash(p)
	if !strings.HasPrefix(s, "/") {
		s = "/" + s // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: s}).String()
}
