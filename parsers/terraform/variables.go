package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// varState is the evaluation state of one input variable of one module
// instance.
type varState struct {
	state evalState
	val   refined
}

// givenValue is the value of a root module's variable from a tfvars file,
// the environment or the command line.
type givenValue struct {
	// val is the value of a tfvars file; raw, when isRaw, is a string from
	// the environment or the command line, read the way Terraform reads
	// them: as is for a primitive type, as an HCL expression otherwise.
	val   cty.Value
	raw   string
	isRaw bool
	// from names the source, for messages.
	from string
	rng  hcl.Range
}

// variableValue gives an input variable its value, converted to its type
// constraint (with the defaults of optional attributes): for a module
// called by another, the caller's argument; for a root module, the
// strongest of tfvars files, TF_VAR_ variables, --var-file and --var; else
// the variable's default; else an unknown value that says it has none.
func (s *scope) variableValue(name string) refined {
	b := s.base
	st := b.vars[name]
	if st == nil {
		st = &varState{}
		b.vars[name] = st
	}
	key := b.prefix + "var." + name
	switch st.state {
	case visited:
		return st.val
	case visiting:
		b.cycle(key, b.variables[name].decl)
		return plain(unknownBecause(key + " is part of a dependency cycle"))
	case unvisited:
	}
	st.state = visiting
	b.push(key)
	v := b.computeVariable(b.variables[name])
	b.pop()
	st.val, st.state = v, visited
	return v
}

func (s *scope) computeVariable(v *variable) refined {
	ty, defaults := s.variableType(v)
	key := s.prefix + "var." + v.name
	noValue := func(reason string) refined {
		return plain(cty.UnknownVal(ty).Mark(reasonMark{reason}))
	}
	var (
		val  cty.Value
		at   hcl.Range
		from string // where the value comes from, for messages
		// passed is the caller's argument with what it decides beyond
		// cty, when it is the value.
		passed refined
	)
	switch {
	case s.caller != nil && s.caller.call.args[v.name] != nil:
		from = "set by module." + s.caller.call.name
		a := s.caller.call.args[v.name]
		passed, at = s.caller.frame.evalRefined(a.Expr), a.Expr.Range()
		if !passed.v.IsKnown() && reasonOf(passed.v) == "" {
			// Functions may drop the reason of an unknown argument: find it
			// again in the caller, where the expression was written.
			passed.v = passed.v.Mark(reasonMark{s.caller.frame.unknownReason(a.Expr, passed.v)})
		}
		val = passed.v
	case s.given[v.name].from != "":
		g := s.given[v.name]
		gv, ok := s.givenToValue(v, g, ty)
		if !ok {
			return noValue(fmt.Sprintf("%s has an invalid value in %s", key, g.from))
		}
		val, at, from = gv, g.rng, "from "+g.from
	case v.defExpr != nil:
		from = "its default"
		dv, diags := v.defExpr.Value(&hcl.EvalContext{Functions: s.funcs})
		s.addDiags(diags)
		if diags.HasErrors() {
			return noValue(key + " has an invalid default")
		}
		val, at = dv, v.defExpr.Range()
	case s.caller != nil:
		return noValue(fmt.Sprintf("%s has no value: %s does not set it", key, "module."+s.caller.call.name))
	default:
		return noValue(key + " has no value")
	}
	if val.IsKnown() && val.IsNull() && !s.nullable(v) {
		// Terraform gives a non-nullable variable its default for null.
		if v.defExpr == nil {
			s.errorf(at, "invalid value for variable", "%s is not nullable and has no default, so it cannot be null.", key)
			return noValue(key + " is null but not nullable")
		}
		dv, diags := v.defExpr.Value(&hcl.EvalContext{Functions: s.funcs})
		s.addDiags(diags)
		if diags.HasErrors() {
			return noValue(key + " has an invalid default")
		}
		val, at, from = dv, v.defExpr.Range(), "its default"
		passed = refined{}
	}
	if defaults != nil && !val.IsNull() {
		val = defaults.Apply(val)
		passed = refined{} // the defaults are in val alone
	}
	cv, err := convert.Convert(val, ty)
	if err != nil {
		s.errorf(at, "invalid value for variable",
			"The value of %s does not match its type %s: %s.", key, typeexpr.TypeString(ty), err)
		return noValue(key + " has a value of the wrong type")
	}
	s.validate(v, cv, at, from)
	if !passed.isPlain() {
		if r, err := passed.convertTo(ty); err == nil {
			return r
		}
	}
	return plain(cv)
}

// validate checks the validation blocks of v against its value val, given
// at: a condition that is known and false is an input error, as Terraform
// refuses to plan with it. A condition that cannot be evaluated from the
// variable alone (it reads other values) is left to Terraform.
func (s *scope) validate(v *variable, val cty.Value, at hcl.Range, from string) {
	if len(v.validations) == 0 || !val.IsWhollyKnown() {
		return
	}
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{v.name: val})},
		Functions: s.funcs,
	}
	for _, vb := range v.validations {
		ok, diags := vb.condition.Value(ctx)
		if diags.HasErrors() || !ok.IsWhollyKnown() || ok.IsNull() || !ok.Type().Equals(cty.Bool) {
			continue
		}
		ok, _ = ok.Unmark()
		if ok.True() {
			continue
		}
		msg := "the validation condition at " + s.u.t.pos.rng(vb.condition.Range()).String() + " is false"
		if vb.message != nil {
			if m, diags := vb.message.Value(ctx); !diags.HasErrors() && m.IsWhollyKnown() && !m.IsNull() && m.Type().Equals(cty.String) {
				m, _ = m.Unmark()
				msg = strings.TrimSpace(m.AsString())
			}
		}
		s.errorf(at, "invalid value for variable", "%s (%s) fails its validation: %s", s.prefix+"var."+v.name, from, msg)
	}
}

// nullable reports whether v accepts null: true unless it says nullable =
// false.
func (s *scope) nullable(v *variable) bool {
	if v.nullExpr == nil {
		return true
	}
	nv, diags := v.nullExpr.Value(nil)
	s.addDiags(diags)
	if diags.HasErrors() || !nv.IsKnown() || nv.IsNull() || !nv.Type().Equals(cty.Bool) {
		return true
	}
	return nv.True()
}

// variableType is the type constraint of v, with the defaults of its
// optional attributes.
func (s *scope) variableType(v *variable) (cty.Type, *typeexpr.Defaults) {
	if v.typExpr == nil {
		return cty.DynamicPseudoType, nil
	}
	// Terraform still accepts the bare collection types of 0.11.
	switch hcl.ExprAsKeyword(v.typExpr) {
	case "list":
		return cty.List(cty.DynamicPseudoType), nil
	case "map":
		return cty.Map(cty.DynamicPseudoType), nil
	case "set":
		return cty.Set(cty.DynamicPseudoType), nil
	}
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(v.typExpr)
	s.addDiags(diags)
	if diags.HasErrors() {
		return cty.DynamicPseudoType, nil
	}
	return ty, defaults
}

// givenToValue reads a given value: a raw string as is for a primitive
// type, as an HCL expression otherwise. A value that holds a number beyond
// maxNumberExponent, or a string that reads as one, is an error where it
// enters: arithmetic would convert it, and a template write it back in
// millions of digits.
func (s *scope) givenToValue(v *variable, g givenValue, ty cty.Type) (cty.Value, bool) {
	val, ok := s.givenValueOf(v, g, ty)
	if !ok {
		return val, false
	}
	if exp, beyond := valueBeyond(val); beyond {
		s.errorf(g.rng, "number out of range",
			"The value given for var.%s in %s holds a number of about 2^%d, or a string that reads as one; %s.", v.name, g.from, exp, numberBound)
		return cty.NilVal, false
	}
	return val, true
}

// givenValueOf is givenToValue without the bound on numbers.
func (s *scope) givenValueOf(v *variable, g givenValue, ty cty.Type) (cty.Value, bool) {
	if !g.isRaw {
		return g.val, true
	}
	if ty.IsPrimitiveType() || ty == cty.DynamicPseudoType {
		return cty.StringVal(g.raw), true
	}
	expr, diags := hclsyntax.ParseExpression([]byte(g.raw), g.from, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		s.errorf(v.decl, "invalid value for variable",
			"The value given for var.%s in %s is not a valid expression: %s.", v.name, g.from, diags[0].Summary)
		return cty.NilVal, false
	}
	ev, diags := expr.Value(&hcl.EvalContext{Functions: s.funcs})
	if diags.HasErrors() {
		s.errorf(v.decl, "invalid value for variable",
			"The value given for var.%s in %s cannot be evaluated: %s.", v.name, g.from, diags[0].Summary)
		return cty.NilVal, false
	}
	return ev, true
}
