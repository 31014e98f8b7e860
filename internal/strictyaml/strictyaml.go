// Package strictyaml reads YAML documents of our own formats (the
// configuration file, rulesets) strictly: every unknown or duplicate key
// and every wrong kind of node is an error at its line and column, so
// that a typo is never ignored.
package strictyaml

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Reader collects the errors found in one file.
type Reader struct {
	Path string
	// Summary is the summary of every error, such as "invalid ruleset".
	Summary string
	Errs    []*model.Error
}

// Range is the position of n in the file; the file alone when n is nil.
func (r *Reader) Range(n *yaml.Node) model.Range {
	if n == nil {
		return model.Range{Filename: r.Path}
	}
	pos := model.Pos{Line: n.Line, Column: n.Column, Byte: -1}
	return model.Range{Filename: r.Path, Start: pos, End: pos}
}

// Errorf records an error at n.
func (r *Reader) Errorf(n *yaml.Node, format string, args ...any) {
	r.Errs = append(r.Errs, &model.Error{Range: r.Range(n), Summary: r.Summary, Detail: fmt.Sprintf(format, args...)})
}

// Fields reads mapping n, what in messages, whose keys must be among known:
// the value of each key given, reporting unknown and duplicate keys.
func (r *Reader) Fields(n *yaml.Node, what string, known ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "%s must be a mapping", what)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			r.Errorf(k, "unknown key %q in %s (known: %s)", k.Value, what, strings.Join(known, ", "))
		case out[k.Value] != nil:
			r.Errorf(k, "duplicate key %q in %s", k.Value, what)
		default:
			out[k.Value] = v
		}
	}
	return out
}
