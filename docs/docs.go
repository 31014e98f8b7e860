// Package docs holds the user documentation of tkesglint's checks: one
// Markdown page per check id, rules/TKESGnnn.md, embedded in the binary. The
// pages are what `tkesglint explain` prints and what SARIF carries as the help
// of each rule.
//
// Every page has the same shape, which Rule parses:
//
//	# TKESGnnn: <title>
//
//	Level: error|warning|note
//
//	<what is flagged and why it matters>
//
//	## Bad
//	```hcl
//	<an example that triggers the check>
//	```
//
//	## Good
//	```hcl
//	<the fixed version>
//	```
//
//	## How to fix
//	## How to suppress
//
// A code fence whose info string is "hcl no-test" holds an example that is not
// meant to be parsed or linted as it stands (an abridged one).
package docs

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"
)

//go:embed rules/*.md
var rules embed.FS

// Page is one parsed documentation page.
type Page struct {
	ID       string // the check id, "TKESG101"
	Title    string // the one-line summary after "# TKESGnnn: "
	Level    string // "error", "warning" or "note"
	Markdown string // the whole page, as written
	Text     string // the page as plain text for terminals
	// Bad and Good are the code of the first hcl fence under "## Bad" and
	// "## Good"; they are empty when that fence is marked no-test.
	Bad, Good string
	// BadTestable and GoodTestable tell whether Bad and Good are complete
	// examples that can be parsed and linted (the fence is not no-test).
	BadTestable, GoodTestable bool
}

// sectionHeadings returns the section headings every page has, in order.
func sectionHeadings() []string {
	return []string{"## Bad", "## Good", "## How to fix", "## How to suppress"}
}

// validID reports whether id has the form TKESGnnn.
func validID(id string) bool {
	digits, ok := strings.CutPrefix(id, "TKESG")
	if !ok || len(digits) != 3 {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Rule returns the page of the check with the given id, and false if there is
// none or it cannot be parsed.
func Rule(id string) (Page, bool) {
	if !validID(id) {
		return Page{}, false
	}
	src, err := fs.ReadFile(rules, "rules/"+id+".md")
	if err != nil {
		return Page{}, false
	}
	p, err := parse(id, string(src))
	if err != nil {
		return Page{}, false
	}
	return p, true
}

// IDs returns the ids of all pages, sorted.
func IDs() []string {
	entries, err := fs.ReadDir(rules, "rules")
	if err != nil {
		return nil
	}
	var ids []string
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".md")
		if ok && validID(id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// fence is one fenced code block of a page.
type fence struct {
	section string // the "## " heading it is under, "" before the first
	info    string // the info string after the opening backticks
	code    string // the lines between the fences, each ending in "\n"
}

// parse reads a page; id is the id its file name gives.
func parse(id, src string) (Page, error) {
	if !utf8.ValidString(src) {
		return Page{}, errors.New("page is not valid UTF-8")
	}
	src = strings.ReplaceAll(src, "\r\n", "\n")
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	p := Page{ID: id, Markdown: src}

	first, ok := strings.CutPrefix(lines[0], "# "+id+": ")
	if !ok {
		return Page{}, fmt.Errorf("first line must be %q", "# "+id+": <title>")
	}
	p.Title = strings.TrimSpace(first)
	if p.Title == "" {
		return Page{}, errors.New("empty title")
	}

	var (
		fences   []fence
		sections []string
		section  string
		open     *fence
		code     strings.Builder
	)
	for i, line := range lines[1:] {
		if open != nil {
			if strings.TrimSpace(line) == "```" {
				open.code = code.String()
				fences = append(fences, *open)
				open = nil
				continue
			}
			code.WriteString(line)
			code.WriteByte('\n')
			continue
		}
		switch {
		case strings.HasPrefix(line, "```"):
			open = &fence{section: section, info: strings.TrimSpace(strings.TrimPrefix(line, "```"))}
			code.Reset()
		case strings.HasPrefix(line, "## "):
			section = strings.TrimSpace(line)
			sections = append(sections, section)
		case strings.HasPrefix(line, "# "):
			return Page{}, fmt.Errorf("line %d: a page has one top-level heading", i+2)
		case strings.HasPrefix(line, "Level: ") && section == "" && p.Level == "":
			p.Level = strings.TrimSpace(strings.TrimPrefix(line, "Level: "))
		}
	}
	if open != nil {
		return Page{}, errors.New("unclosed code fence")
	}
	switch p.Level {
	case "error", "warning", "note":
	case "":
		return Page{}, errors.New(`no "Level: " line before the first section`)
	default:
		return Page{}, fmt.Errorf("unknown level %q", p.Level)
	}
	if want := sectionHeadings(); !slices.Equal(sections, want) {
		return Page{}, fmt.Errorf("sections are %q, want %q", sections, want)
	}

	var err error
	if p.Bad, p.BadTestable, err = example(fences, "## Bad"); err != nil {
		return Page{}, err
	}
	if p.Good, p.GoodTestable, err = example(fences, "## Good"); err != nil {
		return Page{}, err
	}
	p.Text = plainText(lines, len(src))
	return p, nil
}

// example returns the code of the first hcl fence under the section, or ""
// and false when that fence is marked no-test.
func example(fences []fence, section string) (code string, testable bool, err error) {
	for _, f := range fences {
		words := strings.Fields(f.info)
		if f.section != section || len(words) == 0 || words[0] != "hcl" {
			continue
		}
		if slices.Contains(words[1:], "no-test") {
			return "", false, nil
		}
		if strings.TrimSpace(f.code) == "" {
			return "", false, fmt.Errorf("%s: empty hcl example", section)
		}
		return f.code, true, nil
	}
	return "", false, fmt.Errorf("%s: no hcl example", section)
}

// textWidth is the column at which plainText wraps prose.
const textWidth = 80

// plainText renders a page for a terminal: headings become plain lines,
// inline markup is dropped, prose is rewrapped at textWidth columns, and code
// is indented by four spaces without its fences.
//
// Every run of the command renders every page (Rule, for the checks' help),
// so this is written to be cheap: no regular expressions, no string built
// by repeated concatenation. size is the length of the page, which the text
// is about.
func plainText(lines []string, size int) string {
	var (
		out    strings.Builder
		para   = paragraph{out: &out}
		inCode bool
	)
	out.Grow(size)
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if inCode {
			if trimmed == "```" {
				inCode = false
				continue
			}
			if line != "" {
				out.WriteString("    ")
				out.WriteString(line)
			}
			out.WriteByte('\n')
			continue
		}
		switch {
		case strings.HasPrefix(trimmed, "```"):
			para.end()
			inCode = true
		case trimmed == "":
			para.end()
			out.WriteByte('\n')
		case strings.HasPrefix(line, "#"):
			para.end()
			out.WriteString(plainInline(strings.TrimSpace(strings.TrimLeft(line, "#"))))
			out.WriteByte('\n')
		case strings.HasPrefix(line, "- "):
			para.end()
			para.prefix = "- "
			para.words(plainInline(strings.TrimPrefix(line, "- ")))
		default:
			para.words(plainInline(line))
		}
	}
	para.end()
	return collapseBlankLines(out.String())
}

// paragraph writes the words of a paragraph as they come, in lines of at
// most textWidth columns (longer words stay whole); the first line starts
// with prefix, the others are indented to match.
type paragraph struct {
	out    *strings.Builder
	prefix string // the first-line prefix ("- " for list items)
	open   bool   // some word of the paragraph is written
	width  int    // columns of the line being written
	start  bool   // no word yet on the line being written
}

// words adds the words of text.
func (p *paragraph) words(text string) {
	for w := range strings.FieldsSeq(text) {
		if !p.open {
			p.out.WriteString(p.prefix)
			p.open, p.width, p.start = true, utf8.RuneCountInString(p.prefix), true
		}
		n := utf8.RuneCountInString(w)
		if !p.start && p.width+1+n > textWidth {
			p.out.WriteByte('\n')
			for range len(p.prefix) {
				p.out.WriteByte(' ')
			}
			p.width, p.start = len(p.prefix), true
		}
		if !p.start {
			p.out.WriteByte(' ')
			p.width++
		}
		p.out.WriteString(w)
		p.width += n
		p.start = false
	}
}

// end ends the paragraph, if one was written, and starts the next one
// without a prefix.
func (p *paragraph) end() {
	if p.open {
		p.out.WriteByte('\n')
	}
	p.open, p.prefix = false, ""
}

// plainInline drops inline Markdown: the backticks of code spans, and ** and
// * emphasis outside them. Links [text](url) become "text (url)". A line with
// an unmatched backtick is kept as written.
func plainInline(s string) string {
	if !strings.ContainsAny(s, "`*[") {
		return s
	}
	if strings.Count(s, "`")%2 == 1 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for code := false; ; code = !code {
		part, rest, more := strings.Cut(s, "`")
		if code {
			b.WriteString(part)
		} else {
			writeLinks(&b, dropEmphasis(strings.ReplaceAll(part, "**", "")))
		}
		if !more {
			return b.String()
		}
		s = rest
	}
}

// dropEmphasis replaces each *text* by text, where text starts with neither
// a star nor a space and holds no star, scanning from the left as the
// pattern \*([^*\s][^*]*)\* would.
func dropEmphasis(s string) string {
	i := strings.IndexByte(s, '*')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		if i+1 < len(s) && s[i+1] != '*' && !isSpace(s[i+1]) {
			if j := strings.IndexByte(s[i+1:], '*'); j >= 0 {
				b.WriteString(s[:i])
				b.WriteString(s[i+1 : i+1+j])
				s = s[i+2+j:]
				i = strings.IndexByte(s, '*')
				continue
			}
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
		i = strings.IndexByte(s, '*')
	}
	b.WriteString(s)
	return b.String()
}

// writeLinks writes s with each [text](url) as "text (url)", where text is
// not empty and holds no ], and url is not empty and holds no ) or space,
// scanning from the left as the pattern \[([^\]]+)\]\(([^)\s]+)\) would.
func writeLinks(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			b.WriteString(s)
			return
		}
		text, url, n, ok := link(s[i:])
		if !ok {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(text)
		b.WriteString(" (")
		b.WriteString(url)
		b.WriteByte(')')
		s = s[i+n:]
	}
}

// link reads the link at the start of s, which starts with "[": its text,
// its url and its length in bytes.
func link(s string) (text, url string, n int, ok bool) {
	k := strings.IndexByte(s[1:], ']')
	if k <= 0 || !strings.HasPrefix(s[1+k+1:], "(") {
		return "", "", 0, false
	}
	text, rest := s[1:1+k], s[1+k+2:]
	m := 0 // the url ends at the first ) or space: bytes of other runes are neither
	for m < len(rest) && rest[m] != ')' && !isSpace(rest[m]) {
		m++
	}
	if m == 0 || m == len(rest) || rest[m] != ')' {
		return "", "", 0, false
	}
	return text, rest[:m], 1 + k + 2 + m + 1, true
}

// isSpace reports whether c is a space as \s means it in Go's regular
// expressions: tab, newline, form feed, carriage return or space.
func isSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// collapseBlankLines keeps at most one blank line in a row and ends the text
// with exactly one newline.
func collapseBlankLines(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s) + 1)
	for {
		i := strings.Index(s, "\n\n\n")
		if i < 0 {
			break
		}
		j := i + 3
		for j < len(s) && s[j] == '\n' {
			j++
		}
		b.WriteString(s[:i+2])
		s = s[j:]
	}
	b.WriteString(s)
	b.WriteByte('\n')
	return b.String()
}
