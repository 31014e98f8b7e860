package template

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// truth is a three-valued truth.
type truth struct {
	t      truthValue
	reason string // why it is unknown
}

type truthValue uint8

const (
	isFalse truthValue = iota
	isTrue
	isUnknown
)

func known(b bool) truth {
	if b {
		return truth{t: isTrue}
	}
	return truth{t: isFalse}
}

// condDef is one entry of Conditions.
type condDef struct {
	name string
	key  *yaml.Node
	node *yaml.Node
}

// condition returns the truth of the condition named name, used at at.
func (e *evaluator) condition(name string, at *yaml.Node) truth {
	d := e.conds[name]
	if d == nil {
		e.src.errorf(at, "reference to nothing", "condition %q is not defined in Conditions", name)
		return truth{t: isUnknown, reason: "condition " + name + " is not defined"}
	}
	key := "Condition " + name
	if t, ok := e.cmemo[key]; ok {
		return t
	}
	if e.cycle(key, at) {
		return truth{t: isUnknown, reason: "condition " + name + " depends on itself"}
	}
	e.stack = append(e.stack, key)
	t := e.truth(d.node)
	e.stack = e.stack[:len(e.stack)-1]
	e.cmemo[key] = t
	return t
}

// truth evaluates a condition expression: Fn::Equals, Fn::Not, Fn::And,
// Fn::Or, Condition, or a literal bool.
//
//nolint:gocyclo // one case per condition function, as the spec lists them
func (e *evaluator) truth(n *yaml.Node) truth {
	if n == nil || !e.spend(n) {
		return truth{t: isUnknown, reason: "the condition cannot be evaluated"}
	}
	if !e.enter(n) {
		return truth{t: isUnknown, reason: "the condition is nested too deeply"}
	}
	defer e.leave()
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		if !e.alias(n) {
			return truth{t: isUnknown, reason: "the alias cannot be expanded"}
		}
		return e.truth(n.Alias)
	}
	name, arg := "", (*yaml.Node)(nil)
	if fn := intrinsic(n.Tag); fn != "" {
		a := *n
		a.Tag = ""
		name, arg = fn, &a
	} else if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		name, arg = n.Content[0].Value, n.Content[1]
	}
	switch name {
	case "Fn::Equals":
		return e.equals(arg)
	case "Fn::Not":
		parts, ok := e.args(arg, "Fn::Not", 1, "[Condition]")
		if !ok {
			return truth{t: isUnknown, reason: "the Fn::Not is invalid"}
		}
		t := e.truth(parts[0])
		switch t.t {
		case isTrue:
			return known(false)
		case isFalse:
			return known(true)
		case isUnknown:
		}
		return t
	case "Fn::And", "Fn::Or":
		return e.andOr(name, arg)
	case "Condition":
		c, ok := e.literal(arg, "Condition")
		if !ok {
			return truth{t: isUnknown, reason: "the Condition is invalid"}
		}
		return e.condition(c, arg)
	case "Fn::If", "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split":
	default:
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
			return known(strings.EqualFold(n.Value, "true"))
		}
	}
	e.src.errorf(n, "invalid condition", "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition, not %s", kindName(n))
	return truth{t: isUnknown, reason: "the condition is invalid"}
}

// equals evaluates Fn::Equals: [Value, Value], comparing the values as
// strings.
func (e *evaluator) equals(arg *yaml.Node) truth {
	parts, ok := e.args(arg, "Fn::Equals", 2, "[Value, Value]")
	if !ok {
		return truth{t: isUnknown, reason: "the Fn::Equals is invalid"}
	}
	a, b := e.str(parts[0], "Fn::Equals"), e.str(parts[1], "Fn::Equals")
	if u, bad := unknownIn(a, b); bad {
		return truth{t: isUnknown, reason: u.reason}
	}
	return known(a.s == b.s)
}

// andOr evaluates Fn::And and Fn::Or over 2 to 10 conditions, three-valued:
// a false operand decides And and a true one decides Or, even when others
// are unknown.
func (e *evaluator) andOr(name string, arg *yaml.Node) truth {
	for arg != nil && arg.Kind == yaml.AliasNode && arg.Alias != nil && e.alias(arg) {
		arg = arg.Alias
	}
	if arg == nil || arg.Kind != yaml.SequenceNode || len(arg.Content) < 2 || len(arg.Content) > 10 {
		e.src.errorf(arg, "invalid "+name, "%s takes a list of 2 to 10 conditions", name)
		return truth{t: isUnknown, reason: "the " + name + " is invalid"}
	}
	decisive, other := isFalse, isTrue
	if name == "Fn::Or" {
		decisive, other = isTrue, isFalse
	}
	var why []string
	for _, c := range arg.Content {
		t := e.truth(c)
		switch t.t {
		case decisive:
			return truth{t: decisive}
		case isUnknown:
			if !slices.Contains(why, t.reason) {
				why = append(why, t.reason)
			}
		case other, isFalse, isTrue: // the operand that does not decide
		}
	}
	if len(why) > 0 {
		return truth{t: isUnknown, reason: brief(strings.Join(why, "; "))}
	}
	return truth{t: other}
}

// conditionReason phrases why values under an unknown condition are
// unknown.
func conditionReason(what, cond string, t truth) string {
	return brief(fmt.Sprintf("%s exists only if condition %s holds, which is not known (%s)", what, cond, t.reason))
}
