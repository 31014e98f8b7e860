package suppress

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// Comment is one comment of a source file that holds a tkesglint directive.
type Comment struct {
	// Line and Column locate the comment marker (1-based, columns in bytes
	// of the line); EndColumn is just past its text.
	Line, Column, EndColumn int
	// Text is the comment without its marker and surrounding space.
	Text string
	// Trailing is true when code precedes the comment on its line.
	Trailing bool
}

// Syntax tells how comments are written in a file.
type Syntax uint8

// The syntaxes with comments.
const (
	// NoComments is a file kind without comments (JSON).
	NoComments Syntax = iota
	// HCL is Terraform's native syntax: `#`, `//` and `/* */`.
	HCL
	// YAML has `#` comments.
	YAML
)

// SyntaxOf returns the comment syntax of a file from its name.
func SyntaxOf(name string) Syntax {
	switch {
	case terraform.KindOf(name) == terraform.ConfigHCL:
		return HCL
	case strings.HasSuffix(name, ".yaml"), strings.HasSuffix(name, ".yml"):
		return YAML
	}
	return NoComments
}

// mentionsPrefix reports whether src holds Prefix in any case: a quick
// test that spares the lexing of the files without directives. ASCII text
// is searched in place; other text is lowered first, as Unicode case
// mapping may turn a non-ASCII letter into an ASCII one (the Kelvin sign
// into k).
func mentionsPrefix(src []byte) bool {
	lower := strings.ToLower(Prefix)
	if !isASCII(src) {
		return bytes.Contains(bytes.ToLower(src), []byte(lower))
	}
	first := lower[:1] + strings.ToUpper(lower[:1])
	for i := 0; i+len(lower) <= len(src); i++ {
		j := bytes.IndexAny(src[i:len(src)-len(lower)+1], first)
		if j < 0 {
			return false
		}
		i += j
		if bytes.EqualFold(src[i:i+len(lower)], []byte(lower)) {
			return true
		}
	}
	return false
}

// isASCII reports whether src holds only ASCII bytes.
func isASCII(src []byte) bool {
	for _, c := range src {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// firstLine returns s up to its first line break.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimRight(line, "\r")
}

// commentText strips a comment's markers and surrounding space.
func commentText(raw string) string {
	s := strings.TrimSpace(raw)
	switch {
	case strings.HasPrefix(s, "#"):
		s = s[1:]
	case strings.HasPrefix(s, "//"):
		s = s[2:]
	case strings.HasPrefix(s, "/*"):
		s = strings.TrimSuffix(s[2:], "*/")
	}
	return strings.TrimSpace(s)
}

// yamlCommentStart returns the byte offset of the `#` that starts a comment
// on line, or -1.
func yamlCommentStart(line string) int {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				if quote == '\'' && i+1 < len(line) && line[i+1] == '\'' {
					i++ // '' escapes a quote in a single-quoted scalar
					continue
				}
				quote = 0
			}
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return i
		case (c == '"' || c == '\'') && (i == 0 || strings.ContainsRune(" \t:-[{,", rune(line[i-1]))):
			quote = c
		}
	}
	return -1
}
