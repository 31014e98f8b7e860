package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// variableValue gives a variable its value: the one given on the command
// line, else its default, else an unknown value that says it has none. The
// value is converted to the variable's type constraint.
func (s *scope) variableValue(v *variable, opts Options) cty.Value {
	ty := cty.DynamicPseudoType
	if v.typExpr != nil {
		t, diags := typeexpr.TypeConstraint(v.typExpr)
		s.addDiags(diags)
		if !diags.HasErrors() {
			ty = t
		}
	}
	noValue := cty.UnknownVal(ty).Mark(reasonMark{fmt.Sprintf("var.%s has no value", v.name)})

	var (
		val cty.Value
		at  hcl.Range
	)
	if raw, ok := opts.Variables[v.name]; ok {
		at = v.decl
		if ty.IsPrimitiveType() || ty == cty.DynamicPseudoType {
			val = cty.StringVal(raw)
		} else {
			expr, diags := hclsyntax.ParseExpression([]byte(raw), "var."+v.name, hcl.Pos{Line: 1, Column: 1})
			if diags.HasErrors() {
				s.errorf(v.decl, "invalid value for variable",
					"The value given for var.%s on the command line is not a valid expression: %s.", v.name, diags[0].Summary)
				return noValue
			}
			ev, diags := expr.Value(&hcl.EvalContext{Functions: s.funcs})
			if diags.HasErrors() {
				s.errorf(v.decl, "invalid value for variable",
					"The value given for var.%s on the command line cannot be evaluated: %s.", v.name, diags[0].Summary)
				return noValue
			}
			val = ev
		}
	} else if v.defExpr != nil {
		at = v.defExpr.Range()
		dv, diags := v.defExpr.Value(&hcl.EvalContext{Functions: s.funcs})
		s.addDiags(diags)
		if diags.HasErrors() {
			return noValue
		}
		val = dv
	} else {
		return noValue
	}

	cv, err := convert.Convert(val, ty)
	if err != nil {
		s.errorf(at, "invalid value for variable",
			"The value of var.%s does not match its type %s: %s.", v.name, typeexpr.TypeString(ty), err)
		return noValue
	}
	return cv
}
