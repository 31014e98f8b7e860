package terraform

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// scope evaluates expressions of one module. Locals and resources are
// evaluated lazily, when an expression first refers to them, so that file
// and block order do not matter; a reference that comes back to a value
// being evaluated is a dependency cycle.
type scope struct {
	*module
	vars  map[string]cty.Value
	funcs map[string]function.Function
	// memo keeps the value of every expression evaluated, so that each one
	// is evaluated, and reports its errors, once.
	memo map[hcl.Expression]cty.Value
	// stack lists the locals and resources being evaluated, for messages
	// about cycles.
	stack []string
	// referenced holds, per resource address, the attribute names that some
	// expression of the module reads.
	referenced map[string]map[string]bool
}

func newScope(m *module, opts Options) *scope {
	if m.variables == nil {
		m.collect(hcl.EmptyBody())
	}
	s := &scope{
		module:     m,
		funcs:      functions(),
		memo:       map[hcl.Expression]cty.Value{},
		referenced: map[string]map[string]bool{},
	}
	s.vars = make(map[string]cty.Value, len(m.variables))
	for name, v := range m.variables {
		s.vars[name] = s.variableValue(v, opts)
	}
	for _, e := range m.exprs {
		s.noteReferences(e)
	}
	return s
}

// noteReferences records which resource attributes e reads.
func (s *scope) noteReferences(e hcl.Expression) {
	for _, t := range e.Variables() {
		root := t.RootName()
		if !s.resTypes[root] {
			continue
		}
		name, ok := stepName(t, 1)
		if !ok {
			continue
		}
		attr, ok := stepName(t, 2)
		if !ok {
			continue
		}
		addr := root + "." + name
		if s.referenced[addr] == nil {
			s.referenced[addr] = map[string]bool{}
		}
		s.referenced[addr][attr] = true
	}
}

// eval returns the value of e. Errors are reported once.
func (s *scope) eval(e hcl.Expression) cty.Value {
	memo := reflect.TypeOf(e).Kind() == reflect.Pointer
	if memo {
		if v, ok := s.memo[e]; ok {
			return v
		}
	}
	v, diags := e.Value(s.contextFor(e.Variables()))
	s.addDiags(diags)
	if memo {
		s.memo[e] = v
	}
	return v
}

// contextFor builds an evaluation context that holds what the traversals
// refer to, evaluating locals and resources as needed.
func (s *scope) contextFor(travs []hcl.Traversal) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	varObj := map[string]cty.Value{}
	localObj := map[string]cty.Value{}
	resObj := map[string]map[string]cty.Value{}
	data := dataRefs{}
	for _, t := range travs {
		root := t.RootName()
		name, hasName := stepName(t, 1)
		switch root {
		case "var":
			vars[root] = cty.EmptyObjectVal
			if v, ok := s.vars[name]; ok {
				varObj[name] = v
			} else if hasName {
				varObj[name] = s.undeclared(t, "var."+name, "input variable")
			}
		case "local":
			vars[root] = cty.EmptyObjectVal
			if l, ok := s.locals[name]; ok {
				localObj[name] = s.localValue(l)
			} else if hasName {
				localObj[name] = s.undeclared(t, "local."+name, "local value")
			}
		case "data":
			data.add(t)
		case "path":
			vars[root] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal("."), "root": cty.StringVal("."), "cwd": cty.StringVal("."),
			})
		case "terraform":
			vars[root] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "count", "each", "self", "module":
			vars[root] = unknownBecause(traversalString(t, 2) + " is not evaluated yet")
		default:
			if hasName {
				s.addResource(resObj, t, root, name)
			}
		}
	}
	if _, ok := vars["var"]; ok {
		vars["var"] = cty.ObjectVal(varObj)
	}
	if _, ok := vars["local"]; ok {
		vars["local"] = cty.ObjectVal(localObj)
	}
	for typ, names := range resObj {
		vars[typ] = cty.ObjectVal(names)
	}
	if len(data) > 0 {
		vars["data"] = data.value()
	}
	return &hcl.EvalContext{Variables: vars, Functions: s.funcs}
}

// addResource puts the resource root.name that t refers to into objs, or
// an unknown value when the module does not declare it.
func (s *scope) addResource(objs map[string]map[string]cty.Value, t hcl.Traversal, root, name string) {
	var v cty.Value
	if r, ok := s.resources[root+"."+name]; ok {
		v = s.resourceValue(r)
	} else if s.resTypes[root] || strings.Contains(root, "_") {
		v = s.undeclared(t, root+"."+name, "resource")
	} else {
		return
	}
	if objs[root] == nil {
		objs[root] = map[string]cty.Value{}
	}
	objs[root][name] = v
}

// undeclared reports a reference to something the module does not declare
// and returns an unknown value for it. When some file could not be parsed,
// the declaration may be there: the value is then unknown without an error.
func (s *scope) undeclared(t hcl.Traversal, name, what string) cty.Value {
	if s.broken {
		return unknownBecause(name + " may be declared in a file that has errors")
	}
	at := t.SourceRange()
	s.errorf(at, "reference to undeclared "+what, "%s is not declared in this module.", name)
	return unknownBecause(name + " is not declared")
}

// localValue evaluates a local value.
func (s *scope) localValue(l *local) cty.Value {
	key := "local." + l.name
	switch l.state {
	case visited:
		return l.val
	case visiting:
		s.cycle(key, l.rng)
		return unknownBecause(key + " is part of a dependency cycle")
	case unvisited:
	}
	l.state = visiting
	s.stack = append(s.stack, key)
	v := s.eval(l.expr)
	s.stack = s.stack[:len(s.stack)-1]
	l.val, l.state = v, visited
	return v
}

// resourceValue is the object by which expressions see a resource: the
// attributes its block writes, `id` (its address), and, unknown, the
// attributes that expressions read but the block does not write.
func (s *scope) resourceValue(r *resource) cty.Value {
	addr := r.address()
	switch r.state {
	case visited:
		return r.val
	case visiting:
		s.cycle(addr, r.block.DefRange)
		return unknownBecause(addr + " is part of a dependency cycle")
	case unvisited:
	}
	if r.counted {
		r.val = unknownBecause(addr + " uses count or for_each, which is not evaluated yet")
		r.state = visited
		return r.val
	}
	r.state = visiting
	s.stack = append(s.stack, addr)
	attrs := map[string]cty.Value{}
	for _, a := range bodyAttributes(r.block.Body) {
		if isMetaArgument(a.Name) {
			continue
		}
		attrs[a.Name] = s.eval(a.Expr)
	}
	for name := range s.referenced[addr] {
		if _, ok := attrs[name]; !ok {
			attrs[name] = unknownBecause(fmt.Sprintf("%s.%s is known only after apply", addr, name))
		}
	}
	attrs["id"] = cty.StringVal(addr)
	s.stack = s.stack[:len(s.stack)-1]
	r.val, r.state = cty.ObjectVal(attrs), visited
	return r.val
}

// cycle reports a dependency cycle that comes back to key.
func (s *scope) cycle(key string, at hcl.Range) {
	start := 0
	for i, k := range s.stack {
		if k == key {
			start = i
			break
		}
	}
	path := append(append([]string(nil), s.stack[start:]...), key)
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
			switch {
			case !st.Key.IsKnown() || st.Key.IsMarked() || st.Key.IsNull():
				b.WriteString("[…]")
			case st.Key.Type() == cty.String:
				fmt.Fprintf(&b, "[%q]", st.Key.AsString())
			case st.Key.Type() == cty.Number:
				b.WriteString("[" + st.Key.AsBigFloat().Text('f', -1) + "]")
			default:
				b.WriteString("[…]")
			}
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}
