package terraform

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/hashicorp/hcl/v2"
)

// jsonSpan is where one JSON value lies in its file.
type jsonSpan struct{ start, end int }

// jsonSpans returns the span of every value of a JSON document under the
// top-level key root, keyed by its path (`root/a/0/b`).
func jsonSpans(src []byte, root string) map[string]jsonSpan {
	out := map[string]jsonSpan{}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	w := &spanWalker{src: src, dec: dec, out: out, root: root}
	w.value("", false)
	return out
}

type spanWalker struct {
	src  []byte
	dec  *json.Decoder
	out  map[string]jsonSpan
	root string
	err  bool
}

// start is the offset of the next value: after whitespace, commas and
// colons.
func (w *spanWalker) start() int {
	off := int(w.dec.InputOffset())
	for off < len(w.src) {
		switch w.src[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// value reads one value at path; record says whether its span is kept.
func (w *spanWalker) value(path string, record bool) {
	if w.err {
		return
	}
	begin := w.start()
	tok, err := w.dec.Token()
	if err != nil {
		w.err = true
		return
	}
	if d, ok := tok.(json.Delim); ok {
		switch d {
		case '{':
			for w.dec.More() && !w.err {
				kt, err := w.dec.Token()
				if err != nil {
					w.err = true
					return
				}
				key, _ := kt.(string)
				child := path + "/" + key
				rec := record || (path == "" && key == w.root)
				if path == "" {
					child = key
				}
				w.value(child, rec)
			}
		case '[':
			for i := 0; w.dec.More() && !w.err; i++ {
				w.value(path+"/"+strconv.Itoa(i), record)
			}
		}
		if _, err := w.dec.Token(); err != nil {
			w.err = true
			return
		}
	}
	if record {
		w.out[path] = jsonSpan{start: begin, end: int(w.dec.InputOffset())}
	}
}

// lineIndex converts byte offsets of one file into hcl positions.
type lineIndex struct {
	file   string
	starts []int
}

func newLineIndex(file string, src []byte) *lineIndex {
	li := &lineIndex{file: file, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) pos(off int) hcl.Pos {
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return hcl.Pos{Line: lo + 1, Column: off - li.starts[lo] + 1, Byte: off}
}

func (li *lineIndex) rng(s jsonSpan) hcl.Range {
	return hcl.Range{Filename: li.file, Start: li.pos(s.start), End: li.pos(s.end)}
}
