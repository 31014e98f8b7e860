package template

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// args evaluates the list argument of fn, which must have n elements.
func (e *evaluator) args(arg *yaml.Node, fn string, n int, shape string) ([]*yaml.Node, bool) {
	for arg != nil && arg.Kind == yaml.AliasNode && arg.Alias != nil && e.alias(arg) {
		arg = arg.Alias
	}
	if arg == nil || arg.Kind != yaml.SequenceNode || intrinsic(arg.Tag) != "" || len(arg.Content) != n {
		e.src.errorf(arg, "invalid "+fn, "%s takes a list of %d: %s", fn, n, shape)
		return nil, false
	}
	return arg.Content, true
}

// str evaluates n to a string for fn.
func (e *evaluator) str(n *yaml.Node, fn string) value {
	v := e.eval(n)
	switch v.kind {
	case kScalar, kUnknown:
		return v
	case kNull, kList, kMap:
	}
	e.src.errorf(n, "incorrect value type", "%s needs a string here, not %s", fn, v.describe())
	return unknown(fn+" has an argument of the wrong type", n)
}

// getAtt evaluates Fn::GetAtt: the value of a property of a resource, with
// `Resource.Property` or [Resource, Property]; a dotted property reads a
// nested object (`Vpc.CidrBlock`, `Instance.VirtualPrivateCloud.VpcId`).
func (e *evaluator) getAtt(arg, at *yaml.Node) value {
	var name, attr string
	var nameNode *yaml.Node
	if arg.Kind == yaml.ScalarNode && intrinsic(arg.Tag) == "" {
		var ok bool
		name, attr, ok = strings.Cut(arg.Value, ".")
		if !ok || name == "" || attr == "" {
			e.src.errorf(arg, "invalid Fn::GetAtt", "Fn::GetAtt takes Resource.Attribute or [Resource, Attribute], not %q", arg.Value)
			return unknown("the Fn::GetAtt is invalid", at)
		}
		nameNode = arg
	} else {
		parts, ok := e.args(arg, "Fn::GetAtt", 2, "[Resource, Attribute]")
		if !ok {
			return unknown("the Fn::GetAtt is invalid", at)
		}
		if name, ok = e.literal(parts[0], "Fn::GetAtt"); !ok {
			return unknown("the Fn::GetAtt is invalid", at)
		}
		if attr, ok = e.literal(parts[1], "Fn::GetAtt"); !ok {
			return unknown("the Fn::GetAtt is invalid", at)
		}
		nameNode = parts[0]
	}
	return relocated(e.attribute(name, attr, nameNode, at), at)
}

// attribute returns property attr (dotted) of resource name.
func (e *evaluator) attribute(name, attr string, nameNode, at *yaml.Node) value {
	r := e.resources[name]
	if r == nil {
		e.src.errorf(nameNode, "reference to nothing", "Fn::GetAtt names %q, which is not a resource of this template", name)
		return unknown(name+" is not defined", at)
	}
	path := strings.Split(attr, ".")
	if r.schema == nil {
		return unknown(fmt.Sprintf("%s is a %s, whose attributes tkesglint does not read", name, r.typ), at)
	}
	if !r.schema.has(path[0]) {
		e.src.errorf(nameNode, "unknown attribute", "%s (%s) has no attribute %s; want one of its properties: %s",
			name, r.typ, path[0], strings.Join(r.schema.names(), ", "))
		return unknown(name+"."+attr+" is not an attribute", at)
	}
	if why, ok := e.absent(r); !ok {
		return unknown(why, at)
	}
	key := name + "." + attr
	if v, ok := e.memo[key]; ok {
		return v
	}
	if e.cycle(key, at) {
		return unknown(key+" depends on itself", at)
	}
	e.stack = append(e.stack, key)
	defer func() { e.stack = e.stack[:len(e.stack)-1] }()
	v := e.eval(r.props)
	for i, step := range path {
		v = e.field(v, step)
		if v.kind == kNull {
			v = unknown(fmt.Sprintf("%s.%s is not written in the template, so it is known only after deployment", name, strings.Join(path[:i+1], ".")), at)
		}
		if v.kind == kUnknown {
			break
		}
	}
	e.memo[key] = v
	return v
}

// field returns the value of key in mapping value v; null when v is no
// mapping or has no such key.
func (e *evaluator) field(v value, key string) value {
	if v.kind == kUnknown {
		return v
	}
	if v.kind != kMap {
		return value{kind: kNull}
	}
	for _, en := range e.entries(v.m) {
		if en.key.Value == key {
			out := e.eval(en.val)
			if v.relocate != nil {
				out = relocated(out, v.relocate)
			}
			return out
		}
	}
	return value{kind: kNull}
}

// sub evaluates Fn::Sub: a string with ${Name} and ${Resource.Attribute}
// replaced, and ${!Literal} kept as ${Literal}.
func (e *evaluator) sub(arg, at *yaml.Node) value {
	text := arg
	vars := map[string]*yaml.Node{}
	if arg.Kind == yaml.SequenceNode {
		parts, ok := e.args(arg, "Fn::Sub", 2, "[String, {Name: Value}]")
		if !ok {
			return unknown("the Fn::Sub is invalid", at)
		}
		m := e.eval(parts[1])
		if m.kind != kMap {
			e.src.errorf(parts[1], "invalid Fn::Sub", "the second element of Fn::Sub must be a mapping of names to values, not %s", m.describe())
			return unknown("the Fn::Sub is invalid", at)
		}
		for _, en := range e.entries(m.m) {
			vars[en.key.Value] = en.val
		}
		text = parts[0]
	}
	s, ok := e.literal(text, "Fn::Sub")
	if !ok {
		return unknown("the Fn::Sub is invalid", at)
	}
	var b strings.Builder
	var missing []value
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			e.src.errorf(text, "invalid Fn::Sub", "a ${ in %q has no closing }", text.Value)
			return unknown("the Fn::Sub is invalid", at)
		}
		name := s[i+2 : i+j]
		s = s[i+j+1:]
		if strings.HasPrefix(name, "!") {
			b.WriteString("${" + name[1:] + "}")
			continue
		}
		v := e.subVar(strings.TrimSpace(name), vars, text, at)
		switch v.kind {
		case kScalar:
			b.WriteString(v.s)
		case kUnknown:
			missing = append(missing, v)
		case kNull, kList, kMap:
			e.src.errorf(text, "incorrect value type", "${%s} in Fn::Sub must be a string, not %s", name, v.describe())
			missing = append(missing, unknown("${"+name+"} is not a string", at))
		}
	}
	if len(missing) > 0 {
		return unknown(reasons(missing...), at)
	}
	return scalar(b.String(), "!!str", at)
}

func (e *evaluator) subVar(name string, vars map[string]*yaml.Node, text, at *yaml.Node) value {
	if n, ok := vars[name]; ok {
		return e.str(n, "Fn::Sub")
	}
	if res, attr, ok := strings.Cut(name, "."); ok {
		if _, isParam := e.params[name]; !isParam {
			return relocated(e.attribute(res, attr, text, at), at)
		}
	}
	return e.named(name, "Fn::Sub", text, at)
}

// join evaluates Fn::Join: [Delimiter, [Values]].
func (e *evaluator) join(arg, at *yaml.Node) value {
	parts, ok := e.args(arg, "Fn::Join", 2, "[Delimiter, [Values]]")
	if !ok {
		return unknown("the Fn::Join is invalid", at)
	}
	delim := e.str(parts[0], "Fn::Join")
	list := e.eval(parts[1])
	if list.kind != kList && list.kind != kUnknown {
		e.src.errorf(parts[1], "incorrect value type", "the second element of Fn::Join must be a list, not %s", list.describe())
		return unknown("the Fn::Join is invalid", at)
	}
	if u, bad := unknownIn(delim, list); bad {
		return unknown(u.reason, at)
	}
	out := make([]string, 0, len(list.items))
	for _, it := range list.items {
		if it.kind != kScalar {
			e.src.errorf(it.at, "incorrect value type", "Fn::Join joins strings, not %s", it.describe())
			return unknown("the Fn::Join is invalid", at)
		}
		out = append(out, it.s)
	}
	return scalar(strings.Join(out, delim.s), "!!str", at)
}

// selectFn evaluates Fn::Select: [Index, [Values]].
func (e *evaluator) selectFn(arg, at *yaml.Node) value {
	parts, ok := e.args(arg, "Fn::Select", 2, "[Index, [Values]]")
	if !ok {
		return unknown("the Fn::Select is invalid", at)
	}
	idx := e.str(parts[0], "Fn::Select")
	list := e.eval(parts[1])
	if list.kind != kList && list.kind != kUnknown {
		e.src.errorf(parts[1], "incorrect value type", "the second element of Fn::Select must be a list, not %s", list.describe())
		return unknown("the Fn::Select is invalid", at)
	}
	if idx.kind == kUnknown {
		return unknown(idx.reason, at)
	}
	i, err := strconv.Atoi(strings.TrimSpace(idx.s))
	if err != nil || i < 0 {
		e.src.errorf(parts[0], "invalid Fn::Select", "the index of Fn::Select must be a whole number ≥ 0, not %q", idx.s)
		return unknown("the Fn::Select is invalid", at)
	}
	if list.kind == kUnknown {
		return unknown(list.reason, at)
	}
	if i >= len(list.items) {
		e.src.errorf(parts[0], "invalid Fn::Select", "index %d is out of range: the list has %d element(s)", i, len(list.items))
		return unknown("the Fn::Select index is out of range", at)
	}
	return list.items[i]
}

// split evaluates Fn::Split: [Delimiter, String].
func (e *evaluator) split(arg, at *yaml.Node) value {
	parts, ok := e.args(arg, "Fn::Split", 2, "[Delimiter, String]")
	if !ok {
		return unknown("the Fn::Split is invalid", at)
	}
	delim := e.str(parts[0], "Fn::Split")
	s := e.str(parts[1], "Fn::Split")
	if u, bad := unknownIn(delim, s); bad {
		return unknown(u.reason, at)
	}
	if delim.s == "" {
		e.src.errorf(parts[0], "invalid Fn::Split", "the delimiter of Fn::Split must not be empty")
		return unknown("the Fn::Split is invalid", at)
	}
	return splitValue(s.s, delim.s, at, false)
}

// ifFn evaluates Fn::If: [Condition, ValueIfTrue, ValueIfFalse].
func (e *evaluator) ifFn(arg, at *yaml.Node) value {
	parts, ok := e.args(arg, "Fn::If", 3, "[Condition, ValueIfTrue, ValueIfFalse]")
	if !ok {
		return unknown("the Fn::If is invalid", at)
	}
	name, ok := e.literal(parts[0], "Fn::If")
	if !ok {
		return unknown("the Fn::If is invalid", at)
	}
	c := e.condition(name, parts[0])
	switch c.t {
	case isTrue:
		return e.eval(parts[1])
	case isFalse:
		return e.eval(parts[2])
	case isUnknown:
	}
	return unknown(fmt.Sprintf("condition %s is not known (%s)", name, c.reason), at)
}
