package terraform

import (
	"encoding/json"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// resolve gives attribute name of the instance, which the plan knows only
// after apply, the value its configuration expression refers to: another
// resource of the plan is its address, the way the .tf evaluation names
// it. Anything else stays unknown, with a reason.
func (pr *planResource) resolve(name string, raw json.RawMessage) cty.Value {
	reason := pr.addr + "." + name + " is known only after apply"
	var e confExpr
	if len(raw) == 0 || json.Unmarshal(raw, &e) != nil {
		return unknownBecause(reason)
	}
	if listAttribute(name) {
		// The configuration gives only the references of an expression
		// like [a.id, b.id], not its shape: a list attribute becomes the
		// list of what its references name, in order.
		if v, ok := pr.p.followAll(pr.prefix, pr.modPath, pr.key, e); ok {
			return v
		}
		return unknownBecause(reason)
	}
	if v, ok := pr.p.follow(pr.prefix, pr.modPath, pr.key, e, 0); ok {
		return v
	}
	return unknownBecause(reason)
}

// listAttribute reports whether an attribute of the resources tkesglint
// reads is a list of strings.
func listAttribute(name string) bool {
	switch name {
	case "security_group_ids", "orderly_security_group_ids", "security_groups", "orderly_security_groups",
		"subnet_ids", "eni_subnet_ids", "assistant_cidrs", "addresses", "protocols", "template_ids",
		"instance_ids", "managed_cluster_internet_security_policies":
		return true
	}
	return false
}

// followAll resolves every reference of e to a string and returns them as a
// list, each once, in the order of the references.
func (p *planIndex) followAll(prefix, modPath string, key cty.Value, e confExpr) (cty.Value, bool) {
	var out []cty.Value
	seen := map[string]bool{}
	for _, ref := range e.References {
		v, ok := p.follow(prefix, modPath, key, confExpr{References: []string{ref}}, 0)
		if !ok || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
			continue
		}
		if s := v.AsString(); !seen[s] {
			seen[s] = true
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return cty.NilVal, false
	}
	return cty.ListVal(out), true
}

// follow resolves one configuration expression in the module instance at
// prefix (configuration path modPath); key is the index of the instance
// the expression belongs to.
func (p *planIndex) follow(prefix, modPath string, key cty.Value, e confExpr, depth int) (cty.Value, bool) {
	if depth > 16 {
		return cty.NilVal, false
	}
	if len(e.ConstantValue) > 0 {
		v := jsonValue(e.ConstantValue)
		return v, v != cty.NilVal
	}
	for _, ref := range e.References {
		t, diags := hclsyntax.ParseTraversalAbs([]byte(ref), "", hcl.InitialPos)
		if diags.HasErrors() || len(t) < 2 {
			continue
		}
		if v, ok := p.followTraversal(prefix, modPath, key, t, depth); ok {
			return v, true
		}
	}
	return cty.NilVal, false
}

func (p *planIndex) followTraversal(prefix, modPath string, key cty.Value, t hcl.Traversal, depth int) (cty.Value, bool) {
	root := t.RootName()
	name, ok := stepName(t, 1)
	if !ok {
		return cty.NilVal, false
	}
	switch root {
	case "var":
		return p.followVariable(prefix, modPath, name, depth)
	case "module":
		out := firstAttr(t, 2)
		c := p.conf[modPath]
		if out == "" || c == nil || c.ModuleCalls[name] == nil {
			return cty.NilVal, false
		}
		o, ok := c.ModuleCalls[name].Module.Outputs[out]
		var e confExpr
		if !ok || json.Unmarshal(o.Expression, &e) != nil {
			return cty.NilVal, false
		}
		return p.follow(prefix+"module."+name+".", joinPath(modPath, name), cty.NilVal, e, depth+1)
	case "data", "local", "each", "count", "path", "terraform", "self":
		return cty.NilVal, false
	}
	return p.followResource(prefix, key, t, root+"."+name)
}

// followResource resolves a reference to a resource of the plan: its
// address, or the planned value of the attribute it reads.
func (p *planIndex) followResource(prefix string, key cty.Value, t hcl.Traversal, block string) (cty.Value, bool) {
	target, idx := pickInstance(p.blocks[prefix+block], t, key)
	if target == nil {
		return cty.NilVal, false
	}
	attr := firstAttr(t, idx)
	if attr == "" || attr == "id" {
		return cty.StringVal(target.addr), true
	}
	if target.val != cty.NilVal && target.val.Type().IsObjectType() && target.val.Type().HasAttribute(attr) {
		if v := target.val.GetAttr(attr); !v.IsNull() {
			return v, true
		}
	}
	return cty.NilVal, false
}

// pickInstance returns the instance a reference names: by its index, or,
// without one, the only instance or the one with the referrer's own key.
// idx is the step of t after the instance.
func pickInstance(insts []*planResource, t hcl.Traversal, key cty.Value) (target *planResource, idx int) {
	if len(t) > 2 {
		if ix, ok := t[2].(hcl.TraverseIndex); ok {
			for _, pr := range insts {
				if sameKey(pr.key, ix.Key) {
					target = pr
				}
			}
			return target, 3
		}
	}
	switch {
	case len(insts) == 1:
		return insts[0], 2
	case key != cty.NilVal:
		for _, pr := range insts {
			if sameKey(pr.key, key) {
				target = pr
			}
		}
	}
	return target, 2
}

// sameKey reports whether two instance keys are equal.
func sameKey(a, b cty.Value) bool {
	if a == cty.NilVal || b == cty.NilVal || !a.IsKnown() || !b.IsKnown() || a.IsNull() || b.IsNull() {
		return false
	}
	if a.Type() == cty.Number && b.Type() == cty.Number {
		return a.Equals(b).True()
	}
	return a.RawEquals(b)
}

// followVariable resolves var.name of a module instance through the
// argument its caller gives.
func (p *planIndex) followVariable(prefix, modPath, name string, depth int) (cty.Value, bool) {
	if modPath == "" {
		return cty.NilVal, false
	}
	parentPath, call := "", modPath
	if i := strings.LastIndex(modPath, "."); i >= 0 {
		parentPath, call = modPath[:i], modPath[i+1:]
	}
	parent := p.conf[parentPath]
	if parent == nil || parent.ModuleCalls[call] == nil {
		return cty.NilVal, false
	}
	var e confExpr
	if json.Unmarshal(parent.ModuleCalls[call].Expressions[name], &e) != nil {
		return cty.NilVal, false
	}
	parentPrefix := strings.TrimSuffix(prefix, ".")
	if i := strings.LastIndex(parentPrefix, "module."); i >= 0 {
		parentPrefix = parentPrefix[:i]
	}
	return p.follow(parentPrefix, parentPath, cty.NilVal, e, depth+1)
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
