package template

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// ParseParamFile reads a --param-file: a YAML or JSON mapping of parameter
// names to scalar values (a list of scalars is joined with commas, for
// CommaDelimitedList parameters). Values are kept as written. Errors carry
// the line and column of what is wrong.
func ParseParamFile(f File) (params map[string]string, errs []*model.Error) {
	src := newSource(f)
	defer func() {
		if p := recover(); p != nil {
			params = nil
			errs = append(slices.Clip(src.errs), &model.Error{Range: src.fileRange(), Summary: "internal error",
				Detail: fmt.Sprintf("the parameter file parser failed on this file: %v", p)})
		}
	}()
	if !src.checkUTF8() {
		return nil, src.errs
	}
	root := src.decodeAny()
	if root == nil {
		return nil, src.errs
	}
	if root.Kind != yaml.MappingNode {
		src.errorf(root, "invalid parameter file", "a parameter file must be a mapping of names to values, not %s", kindName(root))
		return nil, src.errs
	}
	if _, ok := src.checkStructure(root); !ok {
		return nil, model.SortErrors(src.errs)
	}
	params = map[string]string{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if _, dup := params[k.Value]; dup {
			continue
		}
		if s, ok := paramText(src, k.Value, v); ok {
			params[k.Value] = s
		}
	}
	return params, model.SortErrors(src.errs)
}

// paramText reads one value of a parameter file.
func paramText(src *source, name string, v *yaml.Node) (string, bool) {
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	switch {
	case v.Kind == yaml.ScalarNode && intrinsic(v.Tag) != "":
		src.errorf(v, "incorrect value type", "the value of %s must be a literal; intrinsic functions are not evaluated in a parameter file", name)
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null":
		src.errorf(v, "incorrect value type", "the value of %s is null; write a string (\"\" for an empty one)", name)
	case v.Kind == yaml.ScalarNode:
		return v.Value, true
	case v.Kind == yaml.SequenceNode:
		parts := make([]string, 0, len(v.Content))
		for _, it := range v.Content {
			if it.Kind != yaml.ScalarNode || it.ShortTag() == "!!null" || intrinsic(it.Tag) != "" {
				src.errorf(it, "incorrect value type", "the list of %s may hold strings only, not %s", name, kindName(it))
				return "", false
			}
			parts = append(parts, it.Value)
		}
		return strings.Join(parts, ","), true
	default:
		src.errorf(v, "incorrect value type", "the value of %s must be a string, a number, a bool or a list of them, not %s", name, kindName(v))
	}
	return "", false
}
