package template

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// File is one template file.
type File struct {
	// Path is the file's name as it should appear in messages: relative and
	// slash-separated.
	Path string
	// Src is the file's content.
	Src []byte
}

// Options carries the settings of one run.
type Options struct {
	// Params are parameter values given with --param Name=Value and
	// --param-file, already merged (the later wins). They override the
	// Default of a parameter.
	Params map[string]string
}

// Detect reports whether src is a template: a YAML or JSON document with a
// top-level Resources mapping that has at least one resource whose Type
// starts with TencentCloud::, or a document that does not parse but whose
// text contains TencentCloud:: (Parse then reports the syntax error). It is
// cheap on files that are not templates: it parses only files that contain
// the marker, and reads only the Types of their resources.
func Detect(src []byte) (ok bool) {
	if !bytes.Contains(src, []byte(typePrefix)) {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = true
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return true
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	res := mappingValue(root, "Resources")
	if res == nil || res.Kind != yaml.MappingNode {
		return false
	}
	for i := 1; i < len(res.Content); i += 2 {
		r := res.Content[i]
		if r.Kind == yaml.AliasNode {
			r = r.Alias
		}
		if t := mappingValue(r, "Type"); t != nil && t.Kind == yaml.ScalarNode && strings.HasPrefix(t.Value, typePrefix) {
			return true
		}
	}
	return false
}

// mappingValue returns the value of key in mapping n, without following
// merges.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			v := n.Content[i+1]
			if v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			return v
		}
	}
	return nil
}

// Parse reads one template into the model. It returns what it could read
// and every located error. It never panics: a panic is recovered and
// reported as an error on the file.
func Parse(ctx context.Context, f File, opts Options) (in *model.Input, errs []*model.Error) {
	src := newSource(f)
	defer func() {
		if p := recover(); p != nil {
			in = &model.Input{}
			errs = append(slices.Clip(src.errs), &model.Error{
				Range:   src.fileRange(),
				Summary: "internal error",
				Detail:  fmt.Sprintf("the template parser failed on this file: %v", p),
			})
			errs = model.SortErrors(errs)
		}
	}()
	in = &model.Input{}
	if err := ctx.Err(); err != nil {
		src.errAt(src.fileRange(), "not read", "reading stopped: %v", err)
		return in, src.errs
	}
	if !src.checkUTF8() || !src.checkJSON() {
		return in, src.errs
	}
	root := src.decode()
	if root == nil {
		return in, src.errs
	}
	nodes, ok := src.checkStructure(root)
	if !ok {
		return in, model.SortErrors(src.errs)
	}
	b := newBuilder(src, opts, nodes)
	b.top(root)
	b.build(ctx)
	in = b.in
	in.Notes = append(in.Notes, src.notes...)
	return in, model.SortErrors(src.errs)
}

// checkJSON holds a .json template to JSON's own grammar: YAML would accept
// a trailing comma or a comment, and place a JSON mistake badly. It reports
// the first syntax error at its line and column.
func (s *source) checkJSON() bool {
	if !strings.HasSuffix(s.file, ".json") {
		return true
	}
	var v any
	err := json.Unmarshal(s.src, &v)
	if err == nil {
		return true
	}
	offset := int64(len(s.src))
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		offset = se.Offset
	}
	if offset > 0 && offset < int64(len(s.src)) {
		offset-- // the offset is after the byte that failed (at the end: where more was expected)
	}
	line, col := 1, 1
	for _, r := range string(s.src[:min(int(offset), len(s.src))]) {
		if r == '\n' {
			line, col = line+1, 1
			continue
		}
		col++
	}
	pos := model.Pos{Line: line, Column: col, Byte: int(offset)}
	s.errAt(model.Range{Filename: s.file, Start: pos, End: pos}, "invalid JSON syntax", "%v", err)
	return false
}
