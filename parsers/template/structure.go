package template

import (
	"gopkg.in/yaml.v3"
)

// intrinsic returns the long name of the intrinsic function whose short
// form is tag (`!Ref` → `Ref`).
func intrinsic(tag string) string {
	switch tag {
	case "!Ref", "!Condition":
		return tag[1:]
	case "!GetAtt", "!Sub", "!Join", "!Select", "!Split", "!If", "!Equals", "!Not", "!And", "!Or":
		return "Fn::" + tag[1:]
	}
	return ""
}

// checkStructure walks the tree once, without following aliases, and
// reports what no reading of it could accept: nesting deeper than maxDepth,
// a key that is not a string, a key given twice in one mapping, an unknown
// tag. It returns the number of nodes, and false when the tree is too deep
// to be read at all.
func (s *source) checkStructure(root *yaml.Node) (nodes int, ok bool) {
	type item struct {
		n     *yaml.Node
		depth int
	}
	stack := []item{{root, 1}}
	ok = true
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		nodes++
		if it.depth > maxDepth {
			s.errorf(n, "nested too deeply", "the template nests collections more than %d levels deep", maxDepth)
			return nodes, false
		}
		if t := n.Tag; len(t) > 1 && t[0] == '!' && t[1] != '!' {
			if intrinsic(t) == "" {
				s.errorf(n, "unknown tag", "%s is not an intrinsic function; want one of !Ref, !GetAtt, !Sub, !Join, !Select, !Split, !If, !Equals, !Not, !And, !Or, !Condition", t)
			}
		}
		if n.Kind == yaml.MappingNode {
			s.checkKeys(n)
		}
		for _, c := range n.Content {
			stack = append(stack, item{c, it.depth + 1})
		}
	}
	return nodes, ok
}

// checkKeys reports non-string and duplicate keys of one mapping.
func (s *source) checkKeys(n *yaml.Node) {
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			s.errorf(k, "invalid key", "a key must be a string, not %s", kindName(k))
			continue
		}
		if k.Value == "<<" && k.ShortTag() == "!!merge" {
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			s.errorf(k, "duplicate key", "%q is already defined at line %d, column %d; each key may appear once", k.Value, prev.Line, prev.Column)
			continue
		}
		seen[k.Value] = k
	}
}

// entry is one key and its value in a mapping.
type entry struct {
	key, val *yaml.Node
}

// entries returns the entries of mapping n in order, with YAML merge keys
// (`<<: *base`) expanded: explicit keys win over merged ones, and earlier
// merged mappings over later ones. Only string keys are returned; budget
// bounds the work aliases cause.
func (e *evaluator) entries(n *yaml.Node) []entry {
	var out []entry
	index := map[string]int{}
	var merged []entry
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if k.Value == "<<" && k.ShortTag() == "!!merge" {
			merged = append(merged, e.mergeSources(v)...)
			continue
		}
		if _, dup := index[k.Value]; dup {
			continue
		}
		index[k.Value] = len(out)
		out = append(out, entry{k, v})
	}
	for _, m := range merged {
		if _, dup := index[m.key.Value]; dup {
			continue
		}
		index[m.key.Value] = len(out)
		out = append(out, m)
	}
	return out
}

// mergeSources returns the entries that a merge key's value brings: an
// alias of a mapping, or a list of them.
func (e *evaluator) mergeSources(v *yaml.Node) []entry {
	if !e.spend(v) {
		return nil
	}
	switch {
	case v.Kind == yaml.AliasNode && v.Alias != nil:
		if !e.alias(v) {
			return nil
		}
		return e.mergeSources(v.Alias)
	case v.Kind == yaml.MappingNode:
		if !e.enter(v) {
			return nil
		}
		defer e.leave()
		return e.entries(v)
	case v.Kind == yaml.SequenceNode:
		var out []entry
		for _, c := range v.Content {
			out = append(out, e.mergeSources(c)...)
		}
		return out
	}
	e.src.errorf(v, "invalid merge", "a merge key (<<) takes an alias of a mapping or a list of them, not %s", kindName(v))
	return nil
}
