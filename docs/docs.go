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
	"regexp"
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
	p.Text = plainText(lines)
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
func plainText(lines []string) string {
	var (
		out    strings.Builder
		para   []string // words of the paragraph being collected
		indent string   // the first-line prefix of that paragraph ("- " for list items)
		inCode bool
		md     = newInliner()
	)
	flush := func() {
		if len(para) > 0 {
			wrap(&out, para, indent)
			para, indent = nil, ""
		}
	}
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if inCode {
			if trimmed == "```" {
				inCode = false
				continue
			}
			if line == "" {
				out.WriteString("\n")
			} else {
				out.WriteString("    " + line + "\n")
			}
			continue
		}
		switch {
		case strings.HasPrefix(trimmed, "```"):
			flush()
			inCode = true
		case trimmed == "":
			flush()
			out.WriteString("\n")
		case strings.HasPrefix(line, "#"):
			flush()
			out.WriteString(md.plain(strings.TrimSpace(strings.TrimLeft(line, "#"))) + "\n")
		case strings.HasPrefix(line, "- "):
			flush()
			indent = "- "
			para = strings.Fields(md.plain(strings.TrimPrefix(line, "- ")))
		default:
			para = append(para, strings.Fields(md.plain(line))...)
		}
	}
	flush()
	return collapseBlankLines(out.String())
}

// wrap writes words as lines of at most textWidth columns (longer words stay
// whole); the first line starts with prefix, the others are indented to match.
func wrap(out *strings.Builder, words []string, prefix string) {
	hang := strings.Repeat(" ", len(prefix))
	line := prefix
	width := utf8.RuneCountInString(prefix)
	start := true
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if !start && width+1+n > textWidth {
			out.WriteString(line + "\n")
			line, width, start = hang, len(hang), true
		}
		if !start {
			line += " "
			width++
		}
		line += w
		width += n
		start = false
	}
	out.WriteString(line + "\n")
}

// inliner strips inline Markdown.
type inliner struct {
	emphasis, link *regexp.Regexp
}

func newInliner() inliner {
	return inliner{
		emphasis: regexp.MustCompile(`\*([^*\s][^*]*)\*`),
		link:     regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`),
	}
}

// plain drops inline Markdown: the backticks of code spans, and ** and *
// emphasis outside them. Links [text](url) become "text (url)".
func (m inliner) plain(s string) string {
	var b strings.Builder
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // an unmatched backtick: keep it as written
		return s
	}
	for i, part := range parts {
		if i%2 == 1 {
			b.WriteString(part) // inside a code span
			continue
		}
		part = strings.ReplaceAll(part, "**", "")
		part = m.emphasis.ReplaceAllString(part, "$1")
		part = m.link.ReplaceAllString(part, "$1 ($2)")
		b.WriteString(part)
	}
	return b.String()
}

// collapseBlankLines keeps at most one blank line in a row and ends the text
// with exactly one newline.
func collapseBlankLines(s string) string {
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return strings.TrimSpace(s) + "\n"
}
