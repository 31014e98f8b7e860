package terraform

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"

	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// jsonSpans returns the range of every value of the JSON document of file
// under the top-level key root, keyed by its path (`root/a/0/b`). The
// document was read whole before, so it is valid JSON; should the reader
// fail anyway, the ranges read so far are returned.
func jsonSpans(file string, src []byte, root string) map[string]hcl.Range {
	w := &spanWalker{r: jsonpos.NewReader(file, src, 0), out: map[string]hcl.Range{}, root: root}
	w.value("", false)
	return w.out
}

type spanWalker struct {
	r    *jsonpos.Reader
	out  map[string]hcl.Range
	root string
	err  bool
}

// next reads one token, remembering a failure.
func (w *spanWalker) next() (jsonpos.Token, bool) {
	if w.err {
		return jsonpos.Token{}, false
	}
	t, err := w.r.Next()
	if err != nil {
		w.err = true
		return jsonpos.Token{}, false
	}
	return t, true
}

// value reads one value at path; record says whether its range is kept.
func (w *spanWalker) value(path string, record bool) {
	t, ok := w.next()
	if ok {
		w.valueFrom(t, path, record)
	}
}

// valueFrom reads the value whose first token is t.
func (w *spanWalker) valueFrom(t jsonpos.Token, path string, record bool) {
	end := t.Range.End
	switch t.Delim {
	case '{':
		for {
			kt, ok := w.next()
			if !ok {
				return
			}
			if kt.Delim != 0 {
				end = kt.Range.End
				break
			}
			child := path + "/" + kt.Text
			if path == "" {
				child = kt.Text
			}
			w.value(child, record || path == "" && kt.Text == w.root)
		}
	case '[':
		for i := 0; ; i++ {
			et, ok := w.next()
			if !ok {
				return
			}
			if et.Delim == ']' {
				end = et.Range.End
				break
			}
			w.valueFrom(et, path+"/"+strconv.Itoa(i), record)
		}
	}
	if record && !w.err {
		w.out[path] = hclRange(model.Range{Filename: t.Range.Filename, Start: t.Range.Start, End: end})
	}
}

// hclRange is r as HCL has it.
func hclRange(r model.Range) hcl.Range {
	pos := func(p model.Pos) hcl.Pos { return hcl.Pos{Line: p.Line, Column: p.Column, Byte: p.Byte} }
	return hcl.Range{Filename: r.Filename, Start: pos(r.Start), End: pos(r.End)}
}
