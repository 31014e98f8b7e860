package template

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// evaluator computes the values of nodes: literals, intrinsic functions,
// parameters, conditions and the properties that Fn::GetAtt reads. Every
// step is paid from a budget, and nesting (aliases included) is bounded, so
// that no input makes it use unbounded time or memory.
type evaluator struct {
	src       *source
	opts      Options
	params    map[string]*param
	conds     map[string]*condDef
	resources map[string]*resource

	budget  int
	aliases int
	depth   int
	// stopped is set once a limit was hit and reported.
	stopped bool
	// stack lists the parameters, conditions and attributes being
	// evaluated, for cycle messages.
	stack []string
	memo  map[string]value
	cmemo map[string]truth
}

// param is one entry of Parameters.
type param struct {
	name     string
	key      *yaml.Node
	typ      string
	def      *yaml.Node
	listType bool
}

func newEvaluator(src *source, opts Options, nodes int) *evaluator {
	return &evaluator{
		src:       src,
		opts:      opts,
		params:    map[string]*param{},
		conds:     map[string]*condDef{},
		resources: map[string]*resource{},
		budget:    baseBudget + budgetPerNode*nodes,
		memo:      map[string]value{},
		cmemo:     map[string]truth{},
	}
}

// spend pays one evaluation step.
func (e *evaluator) spend(n *yaml.Node) bool {
	e.budget--
	if e.budget >= 0 {
		return true
	}
	e.stop(n, "template too complex", "evaluating the template takes more steps than its size allows; are aliases expanding into a bomb?")
	return false
}

// enter goes one level deeper.
func (e *evaluator) enter(n *yaml.Node) bool {
	if e.depth >= maxDepth {
		e.stop(n, "nested too deeply", fmt.Sprintf("with aliases expanded, the template nests values more than %d levels deep", maxDepth))
		return false
	}
	e.depth++
	return true
}

func (e *evaluator) leave() { e.depth-- }

// alias pays for one alias expansion.
func (e *evaluator) alias(n *yaml.Node) bool {
	e.aliases++
	if e.aliases <= maxAliases {
		return true
	}
	e.stop(n, "too many aliases", fmt.Sprintf("the template expands more than %d aliases", maxAliases))
	return false
}

func (e *evaluator) stop(n *yaml.Node, summary, detail string) {
	if !e.stopped {
		e.stopped = true
		e.src.errorf(n, summary, "%s", detail)
	}
}

// eval evaluates node n.
func (e *evaluator) eval(n *yaml.Node) value {
	if n == nil {
		return value{kind: kNull}
	}
	if !e.spend(n) {
		return unknown("the template is too large to evaluate", n)
	}
	if !e.enter(n) {
		return unknown("the template is nested too deeply", n)
	}
	defer e.leave()
	if name := intrinsic(n.Tag); name != "" {
		arg := *n
		arg.Tag = ""
		return e.call(name, &arg, n)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return value{kind: kNull, at: n}
		}
		return e.eval(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil || !e.alias(n) {
			return unknown("the alias cannot be expanded", n)
		}
		return e.eval(n.Alias)
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return value{kind: kNull, at: n}
		}
		return scalar(n.Value, n.ShortTag(), n)
	case yaml.SequenceNode:
		items := make([]value, 0, len(n.Content))
		for _, c := range n.Content {
			items = append(items, e.eval(c))
		}
		return value{kind: kList, items: items, at: n}
	case yaml.MappingNode:
		if len(n.Content) == 2 && n.Content[0].Kind == yaml.ScalarNode {
			if k := n.Content[0].Value; k == "Ref" || strings.HasPrefix(k, "Fn::") {
				return e.call(k, n.Content[1], n)
			}
		}
		return value{kind: kMap, m: n, at: n}
	}
	return unknown("the node cannot be read", n)
}

// call evaluates intrinsic function name with argument arg, written at at.
func (e *evaluator) call(name string, arg, at *yaml.Node) value {
	switch name {
	case "Ref":
		return e.ref(arg, at)
	case "Fn::GetAtt":
		return e.getAtt(arg, at)
	case "Fn::Sub":
		return e.sub(arg, at)
	case "Fn::Join":
		return e.join(arg, at)
	case "Fn::Select":
		return e.selectFn(arg, at)
	case "Fn::Split":
		return e.split(arg, at)
	case "Fn::If":
		return e.ifFn(arg, at)
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
		e.src.errorf(at, "misplaced condition function", "%s is allowed only in Conditions and as the condition of Fn::If", name)
		return unknown(name+" is not a value", at)
	}
	e.src.errorf(at, "unknown intrinsic function", "%s is not supported; want Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split or Fn::If", name)
	return unknown(name+" is not supported", at)
}

// literal reads the argument of a function that must be a plain string.
func (e *evaluator) literal(arg *yaml.Node, fn string) (string, bool) {
	for arg != nil && arg.Kind == yaml.AliasNode && arg.Alias != nil && e.alias(arg) {
		arg = arg.Alias
	}
	if arg == nil || arg.Kind != yaml.ScalarNode || arg.ShortTag() == "!!null" || intrinsic(arg.Tag) != "" {
		e.src.errorf(arg, "invalid "+fn, "%s takes a plain string, not %s", fn, kindName(arg))
		return "", false
	}
	return arg.Value, true
}

// ref evaluates Ref: a parameter's value, or a resource's logical id.
func (e *evaluator) ref(arg, at *yaml.Node) value {
	name, ok := e.literal(arg, "Ref")
	if !ok {
		return unknown("the Ref is invalid", at)
	}
	return e.named(name, "Ref", arg, at)
}

// named is what a name means in Ref and Fn::Sub.
func (e *evaluator) named(name, fn string, arg, at *yaml.Node) value {
	if p := e.params[name]; p != nil {
		return relocated(e.param(p, at), at)
	}
	if r := e.resources[name]; r != nil {
		return e.resourceID(r, at)
	}
	e.src.errorf(arg, "reference to nothing", "%s names %q, which is neither a parameter nor a resource of this template", fn, name)
	return unknown(name+" is not defined", at)
}

// resourceID is the value of a Ref to resource r: its logical id, when the
// resource exists.
func (e *evaluator) resourceID(r *resource, at *yaml.Node) value {
	if why, ok := e.absent(r); !ok {
		return unknown(why, at)
	}
	return scalar(r.id, "!!str", at)
}

// absent returns why r may not exist, and false, when its Condition is not
// known to hold.
func (e *evaluator) absent(r *resource) (string, bool) {
	if r.cond == "" {
		return "", true
	}
	c := e.condition(r.cond, r.condNode)
	switch c.t {
	case isTrue:
		return "", true
	case isFalse:
		return fmt.Sprintf("resource %s is not created: its condition %s is false", r.id, r.cond), false
	case isUnknown:
	}
	return fmt.Sprintf("resource %s exists only if condition %s holds, which is not known (%s)", r.id, r.cond, c.reason), false
}

// param returns the value of parameter p: its --param value, else its
// Default, else unknown.
func (e *evaluator) param(p *param, at *yaml.Node) value {
	key := "Parameter " + p.name
	if v, ok := e.memo[key]; ok {
		return v
	}
	if e.cycle(key, at) {
		return unknown("parameter "+p.name+" depends on itself", at)
	}
	e.stack = append(e.stack, key)
	defer func() { e.stack = e.stack[:len(e.stack)-1] }()
	var v value
	if s, ok := e.opts.Params[p.name]; ok {
		v = scalar(s, "!!str", p.key)
	} else if p.def != nil {
		v = e.eval(p.def)
	} else {
		v = unknown(fmt.Sprintf("parameter %s has no value (no Default and no --param %s=…)", p.name, p.name), p.key)
	}
	if p.listType && v.kind == kScalar {
		v = splitValue(v.s, ",", v.at, true)
	}
	e.memo[key] = v
	return v
}

// cycle reports a cycle when key is already being evaluated.
func (e *evaluator) cycle(key string, at *yaml.Node) bool {
	i := slices.Index(e.stack, key)
	if i < 0 {
		return false
	}
	path := append(slices.Clone(e.stack[i:]), key)
	e.src.errorf(at, "dependency cycle", "%s", strings.Join(path, " → "))
	return true
}

// splitValue splits s into a list of strings, all written at at.
func splitValue(s, sep string, at *yaml.Node, trim bool) value {
	parts := strings.Split(s, sep)
	items := make([]value, len(parts))
	for i, p := range parts {
		if trim {
			p = strings.TrimSpace(p)
		}
		items[i] = scalar(p, "!!str", at)
	}
	return value{kind: kList, items: items, at: at}
}
