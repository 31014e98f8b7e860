package driver

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/parsers/export"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/template"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// notTextSummary is the error of an input that is not UTF-8 text.
const notTextSummary = "binary or not UTF-8"

// checkText drops the files that would be parsed but are not UTF-8 text
// (a NUL byte, or bytes that are not UTF-8), each with one error at the
// first bad byte: parsing a binary file gives hundreds of errors about
// garbage tokens, and echoes garbage back. Terraform files are inputs by
// their name; a .json or YAML file only when its content is of a known
// kind (others are skipped as always), and UTF-16 JSON, which the export
// parser transcodes, is left to it.
func (c *collector) checkText() {
	kept := c.files[:0]
	for _, f := range c.files {
		pos, what, bad := firstNonText(f.src)
		if bad && (terraform.KindOf(f.display).InModule() || !isUTF16(f.src) && isInput(f.src)) {
			c.errors = append(c.errors, &model.Error{
				Range:   model.Range{Filename: f.display, Start: pos, End: model.Pos{Line: pos.Line, Column: pos.Column + 1}},
				Summary: notTextSummary,
				Detail:  what,
			})
			continue
		}
		kept = append(kept, f)
	}
	c.files = kept
}

// firstNonText returns the position of the first NUL byte or byte that is
// not UTF-8 in src, and what it is; bad is false for UTF-8 text.
func firstNonText(src []byte) (pos model.Pos, what string, bad bool) {
	off := bytes.IndexByte(src, 0)
	if utf8.Valid(src) && off < 0 {
		return model.Pos{}, "", false
	}
	bad8 := invalidUTF8(src)
	switch {
	case off >= 0 && (bad8 < 0 || off < bad8):
		what = "a NUL byte: this is a binary file, not text"
	default:
		off = bad8
		what = fmt.Sprintf("byte 0x%02x is not UTF-8; tkesglint reads text in UTF-8 (convert the file, for example with iconv -f GBK -t UTF-8)", src[off])
	}
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return model.Pos{Line: line, Column: utf8.RuneCount(src[start:off]) + 1, Byte: off}, what, true
}

// invalidUTF8 returns the offset of the first byte of src that is not
// UTF-8, or -1.
func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// isUTF16 reports whether src starts with a UTF-16 byte order mark.
func isUTF16(src []byte) bool {
	return bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF})
}

// isInput reports whether the content of a .json or YAML file is of a kind
// tkesglint reads.
func isInput(src []byte) bool {
	return template.Detect(src) || export.Detect(src) || terraform.IsPlan(src)
}
