package terraform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// maxModuleDepth bounds the nesting of module calls.
const maxModuleDepth = 32

// callState is the evaluation state of one module call in one module
// instance.
type callState struct {
	x *expansion
	// children are the scopes of the module's instances.
	children []*scope
	// unresolved says why the module cannot be read; its outputs are then
	// unknown for that reason.
	unresolved string
	expanding  bool
}

// caller is what a module instance knows of the call that created it.
type caller struct {
	call *call
	// frame evaluates the call's arguments (with each.key or count.index).
	frame *scope
}

// callState returns the state of module call name, expanding its count or
// for_each and reading the module on first use.
func (s *scope) callState(name string) *callState {
	b := s.base
	if st := b.calls[name]; st != nil {
		return st
	}
	st := &callState{expanding: true}
	b.calls[name] = st
	c := b.module.calls[name]
	key := b.prefix + "module." + name
	b.push(key)
	x := b.expand(key, c.countExpr, c.forEachExpr)
	b.pop()
	st.x = &x
	defer func() { st.expanding = false }()

	m, reason := b.calledModule(c, key)
	if m == nil {
		st.unresolved = reason
		if strings.Contains(reason, "was not downloaded") {
			// Nothing may be silently skipped: say what is not checked.
			b.u.notes = append(b.u.notes, model.Note{Range: c.decl, Message: reason + "; the security groups it may define are not checked"})
		}
		return st
	}
	if x.unknown != "" {
		b.u.notes = append(b.u.notes, model.Note{
			Range:   c.decl,
			Message: fmt.Sprintf("%s: %s, so the module is read once with unknown keys", key, x.unknown),
		})
	}
	b.checkArguments(c, m, key)
	for _, k := range x.keys {
		child := newScope(b.u, m, key+k.suffix()+".", b)
		child.path = append(slices.Clone(b.path), name)
		child.chain = append(slices.Clone(b.chain), c.decl)
		child.condition = b.condition
		if x.unknown != "" {
			child.condition = fmt.Sprintf("how many instances %s has is unknown (%s)", key, x.unknown)
		}
		child.caller = &caller{call: c, frame: b.frame(k)}
		st.children = append(st.children, child)
	}
	return st
}

// calledModule reads the module that c calls. When it cannot, it returns
// nil and the reason.
func (s *scope) calledModule(c *call, key string) (m *module, reason string) {
	dir, reason := s.resolveSource(c, key)
	if reason != "" {
		return nil, reason
	}
	if slices.Contains(s.dirs, dir) {
		chain := append(slices.Clone(s.dirs), dir)
		s.errorf(c.block.DefRange, "recursive module call",
			"%s calls the module in %s, which is already being evaluated: %s.", key, dir, strings.Join(chain, " → "))
		return nil, fmt.Sprintf("%s calls itself (%s)", key, strings.Join(chain, " → "))
	}
	if len(s.dirs) >= maxModuleDepth {
		s.errorf(c.block.DefRange, "module calls nested too deeply",
			"%s is nested more than %d module calls deep.", key, maxModuleDepth)
		return nil, key + " is nested too deeply"
	}
	r := s.u.t.loadModule(dir)
	m = r.m
	s.u.dirs[dir] = true
	s.u.errs = append(s.u.errs, r.errs...)
	if m == nil {
		s.errorf(c.sourceRange, "unreadable module directory",
			"The folder %s that %s calls holds no .tf or .tf.json file.", dir, key)
		return nil, fmt.Sprintf("%s (source %q) could not be read", key, c.source)
	}
	return m, ""
}

// resolveSource returns the folder of the module that c calls: a local
// path, or the folder that `terraform init` recorded in modules.json.
func (s *scope) resolveSource(c *call, key string) (dir, reason string) {
	if c.source == "" {
		return "", key + " has no valid source"
	}
	if isLocalSource(c.source) {
		return joinDir(s.dir, c.source), ""
	}
	mf, err := s.u.t.manifest(s.rootDir)
	if err != nil {
		s.u.errs = append(s.u.errs, err)
	}
	modKey := strings.Join(append(slices.Clone(s.path), c.name), ".")
	if mf != nil {
		if dir, ok := mf.dirs[modKey]; ok {
			return dir, ""
		}
	}
	return "", fmt.Sprintf("%s (source %q) was not downloaded: run terraform init to read it", key, c.source)
}

// checkArguments reports arguments of c that the module does not declare.
func (s *scope) checkArguments(c *call, m *module, key string) {
	if m.broken {
		return
	}
	for _, name := range sortedKeys(c.args) {
		if _, ok := m.variables[name]; !ok {
			a := c.args[name]
			s.errorf(a.NameRange, "unsupported argument",
				"%s has no variable named %q to take this argument.", key, name)
		}
	}
}

// callRef is the value of module.name as the traversals t of one
// expression read it: per instance, an object of the outputs they name
// (all of them when they do not say which).
func (s *scope) callRef(ts []hcl.Traversal, name string) refined {
	b := s.base
	c, ok := b.module.calls[name]
	if !ok {
		return plain(s.undeclared(ts[0], "module."+name, "module call"))
	}
	st := b.callState(name)
	key := b.prefix + "module." + name
	if st.expanding {
		b.cycle(key, c.block.DefRange)
		return plain(unknownBecause(key + " is part of a dependency cycle"))
	}
	if st.unresolved != "" {
		return plain(unknownBecause(st.unresolved))
	}
	names := map[string]bool{}
	all := false
	for _, t := range ts {
		out := firstAttr(t, 2)
		if out == "" {
			all = true
			break
		}
		names[out] = true
	}
	vals := make([]refined, 0, len(st.children))
	for _, child := range st.children {
		outs := map[string]refined{}
		for _, o := range sortedKeys(child.module.outputs) {
			if !all && !names[o] {
				continue
			}
			outs[o] = child.outputValue(o)
		}
		if !all {
			for o := range names {
				if _, ok := outs[o]; !ok {
					outs[o] = plain(child.missingOutput(ts, o))
				}
			}
		}
		vals = append(vals, record(outs))
	}
	return collection(*st.x, vals)
}

// missingOutput reports a reference to an output the module does not
// declare.
func (s *scope) missingOutput(ts []hcl.Traversal, name string) cty.Value {
	key := strings.TrimSuffix(s.prefix, ".")
	if s.broken {
		return unknownBecause(key + "." + name + " may be declared in a file that has errors")
	}
	for _, t := range ts {
		if firstAttr(t, 2) == name {
			s.errorf(t.SourceRange(), "unsupported attribute", "%s has no output named %q.", key, name)
			break
		}
	}
	return unknownBecause(key + "." + name + " is not declared")
}

// firstAttr returns the name of the first attribute step of t from step i
// on, skipping index steps; "" when there is none.
func firstAttr(t hcl.Traversal, i int) string {
	for ; i < len(t); i++ {
		switch st := t[i].(type) {
		case hcl.TraverseAttr:
			return st.Name
		case hcl.TraverseIndex:
			continue
		default:
			return ""
		}
	}
	return ""
}

// outputValue evaluates an output of the module instance.
func (s *scope) outputValue(name string) refined {
	b := s.base
	o := b.module.outputs[name]
	st := b.outputs[name]
	if st == nil {
		st = &valState{}
		b.outputs[name] = st
	}
	key := b.prefix + "output." + name
	switch st.state {
	case visited:
		return st.val
	case visiting:
		b.cycle(key, o.rng)
		return plain(unknownBecause(key + " is part of a dependency cycle"))
	case unvisited:
	}
	if o.expr == nil {
		st.val, st.state = plain(cty.NullVal(cty.DynamicPseudoType)), visited
		return st.val
	}
	st.state = visiting
	b.push(key)
	v := b.evalRefined(o.expr)
	b.pop()
	st.val, st.state = v, visited
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
