package terraform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// resource is one instance of a resource block in one module instance:
// what the builder maps into the model.
type resource struct {
	typ, name string
	// addr is the full address: `module.net.tencentcloud_security_group.sg["a"]`.
	addr  string
	block *hcl.Block
	res   model.Resource
	// s is the frame the instance's expressions are evaluated in.
	s *scope
	// plan, when not nil, holds the values a plan gives the instance.
	plan *planResource
}

func (r *resource) address() string { return r.addr }

// resState is the evaluation state of one resource block in one module
// instance.
type resState struct {
	state evalState
	val   refined
	insts []*resource
	x     *expansion
	// expanding is true while count or for_each is evaluated.
	expanding bool
}

// state returns the state of resource addr (type.name) of the module
// instance, expanding its count or for_each on first use.
func (s *scope) resState(addr string) *resState {
	b := s.base
	st := b.res[addr]
	if st != nil {
		return st
	}
	st = &resState{expanding: true}
	b.res[addr] = st
	rb := b.resources[addr]
	key := b.prefix + addr
	b.push(key)
	x := b.expand(key, rb.countExpr, rb.forEachExpr)
	b.pop()
	st.x, st.expanding = &x, false
	if b.u.plan != nil {
		if pis := b.u.plan.instancesOf(key); len(pis) > 0 {
			b.planInstances(st, rb, key, pis)
			return st
		}
	}
	condition := b.condition
	if x.unknown != "" {
		// It may exist no time at all: what it opens is a note.
		condition = fmt.Sprintf("how many instances %s has is unknown (%s)", key, x.unknown)
	}
	for _, k := range x.keys {
		full := key + k.suffix()
		inst := &resource{
			typ: rb.typ, name: rb.name, addr: full, block: rb.block, s: b.frame(k),
			res: model.Resource{Address: full, Type: rb.typ, Range: rb.rng, DeclRange: rb.decl, CallChain: slices.Clone(b.chain), Module: strings.TrimSuffix(b.prefix, "."), Condition: condition},
		}
		st.insts = append(st.insts, inst)
	}
	if x.unknown != "" {
		b.u.notes = append(b.u.notes, model.Note{
			Range:   rb.decl,
			Message: fmt.Sprintf("%s: %s, so it is read once with unknown keys", key, x.unknown),
		})
	}
	return st
}

// resourceValue is the value by which expressions see resource addr: per
// instance, the attributes its block writes, `id` (its address), and,
// unknown, the attributes that expressions read but the block does not
// write; gathered the way count or for_each shape it.
func (s *scope) resourceValue(addr string) refined {
	b := s.base
	st := b.resState(addr)
	key := b.prefix + addr
	if st.expanding {
		b.cycle(key, b.resources[addr].block.DefRange)
		return plain(unknownBecause(key + " is part of a dependency cycle"))
	}
	switch st.state {
	case visited:
		return st.val
	case visiting:
		b.cycle(key, b.resources[addr].block.DefRange)
		return plain(unknownBecause(key + " is part of a dependency cycle"))
	case unvisited:
	}
	st.state = visiting
	b.push(key)
	vals := make([]refined, 0, len(st.insts))
	for _, inst := range st.insts {
		vals = append(vals, inst.object(b.referenced[addr]))
	}
	b.pop()
	st.val, st.state = collection(*st.x, vals), visited
	return st.val
}

// object is the value of one instance.
func (r *resource) object(referenced map[string]bool) refined {
	attrs := map[string]refined{}
	if r.plan != nil {
		for name, v := range r.plan.attributes() {
			attrs[name] = plain(v)
		}
	} else {
		for _, a := range bodyAttributes(r.block.Body) {
			if isMetaArgument(a.Name) {
				continue
			}
			attrs[a.Name] = r.s.evalRefined(a.Expr)
		}
	}
	for name := range referenced {
		if _, ok := attrs[name]; !ok {
			attrs[name] = plain(unknownBecause(fmt.Sprintf("%s.%s is known only after apply", r.addr, name)))
		}
	}
	attrs["id"] = plain(cty.StringVal(r.addr))
	return record(attrs)
}

// instantiate expands every resource and module call of the module
// instance, recursively, and records the resource instances in the unit.
func (s *scope) instantiate() {
	// Terraform checks every variable's validations, used or not.
	for _, name := range sortedKeys(s.base.variables) {
		if len(s.base.variables[name].validations) > 0 {
			s.variableValue(name)
		}
	}
	for _, addr := range s.order {
		if err := s.u.t.ctx.Err(); err != nil {
			return
		}
		s.u.resources = append(s.u.resources, s.resState(addr).insts...)
	}
	for _, name := range s.callOrder {
		for _, child := range s.callState(name).children {
			child.instantiate()
		}
	}
}

// planInstances makes the instances of rb those that the plan holds: the
// plan knows the count and for_each. Each keeps the frame of the .tf
// instance with the same key, when there is one, so that its nested blocks
// expand the same way.
func (s *scope) planInstances(st *resState, rb *resourceBlock, key string, pis []*planResource) {
	frames := map[string]*instanceKey{}
	for _, k := range st.x.keys {
		frames[key+k.suffix()] = k
	}
	x := expansion{kind: once}
	for _, pi := range pis {
		pk := planKey(pi.key)
		x.keys = append(x.keys, pk)
		if pk.kind != once {
			x.kind = pk.kind
		}
		k := frames[pi.addr]
		if k == nil {
			k = pk
		}
		st.insts = append(st.insts, &resource{
			typ: rb.typ, name: rb.name, addr: pi.addr, block: rb.block, s: s.frame(k), plan: pi,
			res: model.Resource{Address: pi.addr, Type: rb.typ, Range: rb.rng, DeclRange: rb.decl, CallChain: slices.Clone(s.chain), Module: strings.TrimSuffix(s.prefix, ".")},
		})
	}
	st.x = &x
}

// planKey makes an instance key from a plan's index.
func planKey(idx cty.Value) *instanceKey {
	switch {
	case idx == cty.NilVal || idx.IsNull():
		return &instanceKey{kind: once}
	case idx.Type() == cty.String:
		return &instanceKey{kind: byForEach, key: idx, value: plain(unknownBecause("each.value of a planned instance is not known"))}
	}
	return &instanceKey{kind: byCount, key: idx}
}
