package edit

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// A new rule whose CIDR is a value of the input (the pod CIDR of a
// cluster, written cluster_cidr = var.pod_cidr) names that value the way
// the input does, where the place the rule is written can: the rule then
// follows the value when it is deployed with another. Where it cannot (the
// value is read in another module, or the rule goes into a variable's
// default or a tfvars file, which take no references), the rule holds the
// value, and the fix says what it assumed and where that comes from.

// tfScope is where a Terraform expression is written: the folder of its
// module, the module instance it is evaluated in and the module calls
// that make it, and whether references may be written there at all.
type tfScope struct {
	dir, module string
	calls       []model.Range
	refs        bool
}

// scopeOf returns the scope of the body of resource owner, in file name.
func scopeOf(name string, owner model.Resource) tfScope {
	return tfScope{dir: path.Dir(name), module: owner.Module, calls: owner.CallChain, refs: true}
}

// tfRef returns the HCL expression that names the CIDR of new rule r in
// scope sc: a reference to the value it comes from, when sc can read it,
// else "" (the CIDR is written as it is, and the fix says what it
// assumes).
func (w *writer) tfRef(ins *model.Insertion, r *model.Rule, sc tfScope) string {
	o, ok := ins.Origins[r]
	if !ok {
		return ""
	}
	f, e, text, ok := w.originExpr(o)
	if !ok {
		return ""
	}
	if o.Exact && sc.refs && readable(e) {
		if path.Dir(f.name) == sc.dir && o.Scope.Module == sc.module {
			return text
		}
		if arg := w.argumentOf(f, text, o, sc); arg != "" {
			return "var." + arg
		}
	}
	w.assume(text, o, w.whereFrom(f, e, o.Scope.CallChain))
	return ""
}

// argumentOf returns the argument of the module call that makes sc's
// module instance which the caller sets to the origin's very expression
// (pod_cidr = var.prod_pods, where the cluster reads var.prod_pods too):
// inside the module, var.pod_cidr has the value the rule needs, in this
// instance and in every other whose call passes its own cluster's value
// the same way, so that one edit of the module serves them all (the proof
// checks each instance it changes). "" when there is none.
func (w *writer) argumentOf(of *tfFile, text string, o model.Origin, sc tfScope) string {
	if len(sc.calls) == 0 || parentModule(sc.module) != o.Scope.Module {
		return ""
	}
	call := sc.calls[len(sc.calls)-1]
	if path.Dir(call.Filename) != path.Dir(of.name) {
		return ""
	}
	cf, err := w.tf(call.Filename)
	if err != nil {
		return ""
	}
	blk := blockAt(cf.body, call.Start.Byte)
	if blk == nil || blk.Type != "module" {
		return ""
	}
	for _, name := range slices.Sorted(maps.Keys(blk.Body.Attributes)) {
		if exprText(cf, blk.Body.Attributes[name].Expr) == text {
			note := fmt.Sprintf("var.%s, which module.%s sets to %s as its cluster reads it", name, strings.Join(blk.Labels, "."), text)
			if !slices.Contains(w.arguments, note) {
				w.arguments = append(w.arguments, note)
			}
			return name
		}
	}
	return ""
}

// originExpr returns the Terraform expression an origin is, when it is
// one that reads other values (not a literal).
func (w *writer) originExpr(o model.Origin) (*tfFile, hclsyntax.Expression, string, bool) {
	rng := o.Value.Range()
	if kindOf(rng.Filename, nil) != "tf" {
		return nil, nil, "", false
	}
	f, err := w.tf(rng.Filename)
	if err != nil || rng.Start.Byte < 0 || rng.End.Byte > len(f.src) || rng.Start.Byte >= rng.End.Byte {
		return nil, nil, "", false
	}
	text := strings.TrimSpace(string(f.src[rng.Start.Byte:rng.End.Byte]))
	e, diags := hclsyntax.ParseExpression([]byte(text), rng.Filename, hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column, Byte: rng.Start.Byte})
	if diags.HasErrors() || len(e.Variables()) == 0 {
		return nil, nil, "", false
	}
	return f, e, text, true
}

// readable reports whether every value e reads can be read anywhere in
// its module: variables, locals, data sources, resources and module
// outputs, not the iterators of one resource (each, count, self, a
// dynamic block's).
func readable(e hclsyntax.Expression) bool {
	for _, t := range e.Variables() {
		switch root := t.RootName(); root {
		case "var", "local", "data", "module", "path":
		default:
			// A resource: type.name, where a type names its provider.
			if !strings.Contains(root, "_") || len(t) < 2 {
				return false
			}
		}
	}
	return true
}

// assume records that a rule holds the value of an expression (or a part
// of it), which is set where.
func (w *writer) assume(text string, o model.Origin, where string) {
	note := fmt.Sprintf("%s = %s (%s)", text, o.Value.Value(), where)
	if !slices.Contains(w.assumes, note) {
		w.assumes = append(w.assumes, note)
	}
}

// whereFrom says where the value of e, evaluated in the module of f called
// through calls, is written: the file and line of its literal, following
// variables and locals, or the command line.
func (w *writer) whereFrom(f *tfFile, e hclsyntax.Expression, calls []model.Range) string {
	for range 16 {
		st, ok := e.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			break
		}
		name, named := traversalName(st.Traversal)
		root := st.Traversal.RootName()
		if !named || root != "var" && root != "local" {
			break
		}
		if root == "local" {
			lf, le, err := w.local(f, name)
			if err != nil {
				break
			}
			f, e = lf, le
			continue
		}
		if len(calls) == 0 {
			// A root module's variable: what Terraform reads beats its
			// default.
			switch _, _, at, _ := w.tfvarsValue(path.Dir(f.name), name); {
			case w.opts.VarFromCommandLine != nil && w.opts.VarFromCommandLine(name):
				return "given with --var or --var-file"
			case at != "":
				return at
			case w.opts.VarFromEnvironment != nil && w.opts.VarFromEnvironment(name):
				return "given by TF_VAR_" + name + " or by variables: in .tkesglint.yml"
			}
		}
		vf, ve, vcalls, _, err := w.variable(f, name, calls)
		if err != nil {
			break
		}
		f, e, calls = vf, ve, vcalls
	}
	return fmt.Sprintf("%s:%d", f.name, e.Range().Start.Line)
}

// templateRef matches a Ref written in YAML or JSON: !Ref Name,
// {Ref: Name}, {"Ref": "Name"}, or Ref: Name on its own line.
var templateRef = regexp.MustCompile(`^(?:!Ref\s+"?([A-Za-z0-9]+)"?|\{?\s*"?Ref"?\s*:\s*"?([A-Za-z0-9]+)"?\s*\}?)$`)

// templateCIDR returns how a policy of template file name names the CIDR
// of new rule r: "!Ref Param" when it is a Ref of the same template, else
// the CIDR.
func (w *writer) templateCIDR(ins *model.Insertion, r *model.Rule, cidr, name string) string {
	o, ok := ins.Origins[r]
	if !ok {
		return cidr
	}
	rng := o.Value.Range()
	src, err := w.src(rng.Filename)
	if err != nil || rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.Start.Byte >= rng.End.Byte {
		return cidr
	}
	text := strings.TrimSpace(string(src[rng.Start.Byte:rng.End.Byte]))
	if strings.Trim(text, `"'`) == o.Value.Value() {
		return cidr // a literal
	}
	m := templateRef.FindStringSubmatch(text)
	if m != nil && o.Exact && rng.Filename == name {
		return "!Ref " + m[1] + m[2]
	}
	if m != nil {
		text = "!Ref " + m[1] + m[2]
	}
	w.assume(text, o, fmt.Sprintf("%s:%d", rng.Filename, rng.Start.Line))
	return cidr
}

// moduleSteps matches the steps of a module instance address.
var moduleSteps = regexp.MustCompile(`module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?`)

// parentModule returns the module instance that calls module m.
func parentModule(m string) string {
	steps := moduleSteps.FindAllString(m, -1)
	if len(steps) == 0 {
		return ""
	}
	return strings.Join(steps[:len(steps)-1], ".")
}

// interpolation returns an expression as a part of a quoted string: the
// text of a string template as it is, anything else in ${…}.
func interpolation(expr string) string {
	if len(expr) >= 2 && strings.HasPrefix(expr, `"`) && strings.HasSuffix(expr, `"`) && !strings.Contains(expr, "\n") {
		return expr[1 : len(expr)-1]
	}
	return "${" + expr + "}"
}
