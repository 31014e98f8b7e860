package model

import (
	"bytes"
	"unicode/utf8"
)

// Offset returns the byte offset of p in src: its Byte when set and inside
// src, else from its line and column (in code points); -1 when src is nil,
// p has no line, or its line is not in src. Fixes are placed with it, in
// the checker, when they are proved and when they are written out.
func Offset(src []byte, p Pos) int {
	if src == nil || p.Line < 1 {
		return -1
	}
	if p.Byte >= 0 && p.Byte <= len(src) {
		return p.Byte
	}
	off := 0
	for line := 1; line < p.Line; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for col := 1; col < p.Column && off < len(src) && src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}

// PosAt returns the position of byte offset off in src, its column in
// code points.
func PosAt(src []byte, off int) Pos {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return Pos{Line: line, Column: 1 + utf8.RuneCount(src[start:off]), Byte: off}
}
