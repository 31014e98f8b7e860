package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// unit is the evaluation of one root module: what all its module instances
// share.
type unit struct {
	t *tree
	// resources lists every resource instance of every module instance, in
	// instantiation order.
	resources []*resource
	notes     []model.Note
	// stack lists the values being evaluated, for messages about cycles.
	stack []string
	// plan, when not nil, gives the values of the resources it holds.
	plan *planIndex
	// errs are the errors found while evaluating the unit.
	errs []*model.Error
	// dirs holds the folders of the modules the unit calls.
	dirs map[string]bool
}

// scope evaluates the expressions of one module instance. Locals,
// resources, outputs and module calls are evaluated lazily, when an
// expression first refers to them, so that file and block order do not
// matter; a reference that comes back to a value being evaluated is a
// dependency cycle.
//
// A resource or module call with count or for_each evaluates its
// expressions in a frame: a copy of its module's scope that also knows
// each.key/each.value or count.index and memoizes apart.
type scope struct {
	*module
	u     *unit
	funcs map[string]function.Function
	// base is the module-level scope of a frame; itself otherwise.
	base *scope
	// prefix is the address prefix of the module instance ("" at the root,
	// `module.net.` or `module.net["a"].module.sg.` below).
	prefix string
	// path lists the module call names from the root, for modules.json.
	path []string
	// chain lists the header ranges of the module calls, outermost first.
	chain []model.Range
	// condition, when set, says why the resources of this module instance
	// may not exist (a module call whose count or for_each is unknown).
	condition string
	// dirs lists the folders of the module instances from the root down,
	// this one included, to catch modules that call themselves.
	dirs []string
	// rootDir is the folder of the root module.
	rootDir string
	vars    map[string]*varState
	locals  map[string]*valState
	outputs map[string]*valState
	res     map[string]*resState
	calls   map[string]*callState
	// caller is the call that created the module instance; nil at the root.
	caller *caller
	// given holds the values of a root module's variables from tfvars,
	// the environment and the command line.
	given map[string]givenValue
	// each is the instance key of a frame; nil outside one.
	each *instanceKey
	// memo keeps the value of every expression evaluated in this frame, so
	// that each one is evaluated, and reports its errors, once. Only
	// pointer expressions (nodes of the syntax tree) are keys; evalRefined
	// says why.
	memo map[hcl.Expression]refined
}

// errorf reports an error found while evaluating the unit. A scope reports
// through its unit, not its module: a module is shared by the root modules
// evaluated at once.
func (s *scope) errorf(r hcl.Range, summary, format string, args ...any) {
	s.u.errs = append(s.u.errs, &model.Error{Range: s.pos.rng(r), Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// addDiags reports the errors of diags, as errorf.
func (s *scope) addDiags(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		file := ""
		if d.Subject != nil {
			file = d.Subject.Filename
		}
		s.u.errs = append(s.u.errs, s.pos.errorFromDiag(d, file))
	}
}

type evalState uint8

const (
	unvisited evalState = iota
	visiting
	visited
)

// valState is the evaluation state of a local or an output.
type valState struct {
	state evalState
	val   refined
}

// newScope creates the scope of one module instance.
func newScope(u *unit, m *module, prefix string, parent *scope) *scope {
	s := &scope{
		module:  m,
		u:       u,
		funcs:   u.t.funcs,
		prefix:  prefix,
		vars:    map[string]*varState{},
		locals:  map[string]*valState{},
		outputs: map[string]*valState{},
		res:     map[string]*resState{},
		calls:   map[string]*callState{},
		memo:    map[hcl.Expression]refined{},
		rootDir: m.dir,
		dirs:    []string{m.dir},
	}
	s.base = s
	if parent != nil {
		s.rootDir = parent.rootDir
		s.dirs = append(append([]string(nil), parent.dirs...), m.dir)
	}
	return s
}

// frame returns a scope for one instance of a counted resource or module
// call.
func (s *scope) frame(key *instanceKey) *scope {
	f := *s.base
	f.each = key
	f.memo = map[hcl.Expression]refined{}
	return &f
}

// eval returns the value of e as HCL sees it, with what Terraform's
// semantics decide beyond cty lowered away. Errors are reported once.
func (s *scope) eval(e hcl.Expression) cty.Value { return s.evalRefined(e).v }

// errorReason names the first error of diags and where it is.
func errorReason(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if d.Subject == nil {
			return lowerFirst(d.Summary)
		}
		return fmt.Sprintf("%s at %s:%d:%d", lowerFirst(d.Summary), d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
	}
	return "the value has an error"
}

// contextFor builds an evaluation context that holds what the traversals
// refer to, evaluating locals, resources, outputs of module calls as
// needed.
func (s *scope) contextFor(travs []hcl.Traversal) *hcl.EvalContext {
	w := &walker{s: s, roots: s.rootValues(travs)}
	return w.context()
}

// rootValues evaluates what the traversals refer to, by root name (var,
// local, module, data, a resource type, ...), refined.
func (s *scope) rootValues(travs []hcl.Traversal) map[string]refined {
	return s.resolveRoots(travs, true)
}

// touchRoots evaluates what the traversals refer to as rootValues does, for
// the errors it reports and the values it memoizes, without assembling the
// objects of an evaluation context: a body with no dynamic block needs no
// context to be expanded (see builder.open), and those objects were a
// large part of what opening a resource allocated.
func (s *scope) touchRoots(travs []hcl.Traversal) { s.resolveRoots(travs, false) }

// resolveRoots is rootValues; without build, it returns nil and only
// evaluates what rootValues evaluates, in the same order.
func (s *scope) resolveRoots(travs []hcl.Traversal, build bool) map[string]refined {
	if len(travs) == 0 {
		return nil // read only: a nil map is an empty one
	}
	rs := &rootSet{build: build, mods: map[string][]hcl.Traversal{}}
	if build {
		rs.vars, rs.objs, rs.data = map[string]refined{}, map[string]map[string]refined{}, dataRefs{}
	}
	for _, t := range travs {
		s.resolveRoot(rs, t)
	}
	for name, ts := range rs.mods {
		rs.put("module", name, s.callRef(ts, name))
	}
	if !build {
		return nil
	}
	for root, names := range rs.objs {
		rs.vars[root] = record(names)
	}
	if len(rs.data) > 0 {
		rs.vars["data"] = plain(rs.data.value(s.prefix))
	}
	return rs.vars
}

// rootSet gathers what resolveRoots finds: with build, the values by root
// name (vars), the attributes of the objects var, local and of each
// resource type (objs) and the data sources read; the traversals of each
// module call (mods) in any case.
type rootSet struct {
	build bool
	vars  map[string]refined
	objs  map[string]map[string]refined
	data  dataRefs
	mods  map[string][]hcl.Traversal
}

// put records v as the attribute name of the object root.
func (rs *rootSet) put(root, name string, v refined) {
	if !rs.build {
		return
	}
	if rs.objs[root] == nil {
		rs.objs[root] = map[string]refined{}
	}
	rs.objs[root][name] = v
}

// set records v as the value of root.
func (rs *rootSet) set(root string, v func() refined) {
	if rs.build {
		rs.vars[root] = v()
	}
}

// resolveRoot evaluates what t refers to, into rs.
func (s *scope) resolveRoot(rs *rootSet, t hcl.Traversal) {
	root := t.RootName()
	name, hasName := stepName(t, 1)
	switch root {
	case "var":
		if hasName {
			rs.put(root, name, s.variableRef(t, name))
		}
	case "local":
		if hasName {
			rs.put(root, name, s.localRef(t, name))
		}
	case "module":
		if hasName {
			rs.mods[name] = append(rs.mods[name], t)
		}
	case "data":
		if rs.build {
			rs.data.add(t)
		}
	case "path":
		rs.set(root, func() refined {
			return plain(cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(s.dir), "root": cty.StringVal(s.rootDir), "cwd": cty.StringVal("."),
			}))
		})
	case "terraform":
		// The workspace may be read from a file, which the unit then
		// lists as loaded: it is read even when the value is not built.
		ws := s.u.t.workspace(s.rootDir)
		rs.set(root, func() refined {
			return plain(cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal(ws)}))
		})
	case "count", "each":
		v := s.instanceRef(t, root)
		rs.set(root, func() refined { return v })
	case "self":
		rs.set(root, func() refined { return plain(unknownBecause("self is known only after apply")) })
	default:
		if hasName {
			if v, ok := s.resourceRef(t, root, name); ok {
				rs.put(root, name, v)
			}
		}
	}
}

// variableRef is the value of var.name.
func (s *scope) variableRef(t hcl.Traversal, name string) refined {
	if _, ok := s.variables[name]; ok {
		return s.variableValue(name)
	}
	return plain(s.undeclared(t, "var."+name, "input variable"))
}

// localRef is the value of local.name.
func (s *scope) localRef(t hcl.Traversal, name string) refined {
	if _, ok := s.module.locals[name]; ok {
		return s.localValue(name)
	}
	return plain(s.undeclared(t, "local."+name, "local value"))
}

// resourceRef is the value of the resource root.name, or an unknown value
// when the module does not declare it. ok is false when root names no
// resource type (an iterator of a dynamic block, say).
func (s *scope) resourceRef(t hcl.Traversal, root, name string) (refined, bool) {
	if _, ok := s.resources[root+"."+name]; ok {
		return s.resourceValue(root + "." + name), true
	}
	if s.resTypes[root] || strings.Contains(root, "_") {
		return plain(s.undeclared(t, root+"."+name, "resource")), true
	}
	return refined{}, false
}

// undeclared reports a reference to something the module does not declare
// and returns an unknown value for it. When some file could not be parsed,
// the declaration may be there: the value is then unknown without an error.
func (s *scope) undeclared(t hcl.Traversal, name, what string) cty.Value {
	if s.broken {
		return unknownBecause(s.prefix + name + " may be declared in a file that has errors")
	}
	at := t.SourceRange()
	s.errorf(at, "reference to undeclared "+what, "%s is not declared in this module.", name)
	return unknownBecause(s.prefix + name + " is not declared")
}

// localValue evaluates a local value of the module instance.
func (s *scope) localValue(name string) refined {
	b := s.base
	l := b.module.locals[name]
	st := b.locals[name]
	if st == nil {
		st = &valState{}
		b.locals[name] = st
	}
	key := b.prefix + "local." + name
	switch st.state {
	case visited:
		return st.val
	case visiting:
		b.cycle(key, l.rng)
		return plain(unknownBecause(key + " is part of a dependency cycle"))
	case unvisited:
	}
	st.state = visiting
	b.push(key)
	v := b.evalRefined(l.expr)
	if !v.v.IsWhollyKnown() && reasonOf(v.v) == "" {
		// Some functions drop marks: ask the expression what it lacked,
		// so that the reason survives in values computed from this local.
		v.v = v.v.Mark(reasonMark{b.unknownReason(l.expr, v.v)})
	}
	b.pop()
	st.val, st.state = v, visited
	return v
}

func (s *scope) push(key string) { s.u.stack = append(s.u.stack, key) }

func (s *scope) pop() { s.u.stack = s.u.stack[:len(s.u.stack)-1] }

// cycle reports a dependency cycle that comes back to key.
func (s *scope) cycle(key string, at hcl.Range) {
	start := 0
	for i, k := range s.u.stack {
		if k == key {
			start = i
			break
		}
	}
	path := append(append([]string(nil), s.u.stack[start:]...), key)
	s.errorf(at, "dependency cycle", "%s refers to itself: %s.", key, strings.Join(path, " → "))
}

func isMetaArgument(name string) bool {
	switch name {
	case "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection":
		return true
	}
	return false
}

// stepName returns the name of step i of t when it is an attribute or a
// string index.
func stepName(t hcl.Traversal, i int) (string, bool) {
	if i >= len(t) {
		return "", false
	}
	switch st := t[i].(type) {
	case hcl.TraverseRoot:
		return st.Name, true
	case hcl.TraverseAttr:
		return st.Name, true
	case hcl.TraverseIndex:
		if st.Key.Type() == cty.String && st.Key.IsKnown() && !st.Key.IsMarked() && !st.Key.IsNull() {
			return st.Key.AsString(), true
		}
	}
	return "", false
}

// traversalString renders at most n steps of t the way they are written.
func traversalString(t hcl.Traversal, n int) string {
	var b strings.Builder
	for i, st := range t {
		if i >= n {
			break
		}
		switch st := st.(type) {
		case hcl.TraverseRoot:
			b.WriteString(st.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + st.Name)
		case hcl.TraverseIndex:
			b.WriteString(indexString(st.Key))
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// indexString renders an index key: `[0]`, `["a"]`, or `[…]` when unknown.
func indexString(k cty.Value) string {
	switch {
	case !k.IsKnown() || k.IsMarked() || k.IsNull():
		return "[…]"
	case k.Type() == cty.String:
		return fmt.Sprintf("[%q]", k.AsString())
	case k.Type() == cty.Number:
		return "[" + k.AsBigFloat().Text('f', -1) + "]"
	}
	return "[…]"
}
