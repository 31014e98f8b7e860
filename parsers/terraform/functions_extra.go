package terraform

import (
	"errors"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// extraFunctions returns the Terraform functions that cty's stdlib does
// not have under their Terraform meaning.
func extraFunctions() map[string]function.Function {
	identity := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	})
	return map[string]function.Function{
		"index":        indexFunc(),
		"one":          oneFunc(),
		"alltrue":      boolFold(true),
		"anytrue":      boolFold(false),
		"sum":          sumFunc(),
		"startswith":   stringTest(strings.HasPrefix),
		"endswith":     stringTest(strings.HasSuffix),
		"strcontains":  stringTest(strings.Contains),
		"sensitive":    identity,
		"nonsensitive": identity,
		"try":          tryFunc(),
	}
}

// tryFunc is Terraform's try, as HCL's tryfunc computes it, except that an
// argument that is not wholly known gives an unknown value that keeps the
// reasons of its unknowns.
func tryFunc() function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "expressions", Type: customdecode.ExpressionClosureType},
		Type: func(args []cty.Value) (cty.Type, error) {
			v, err := try(args)
			if err != nil {
				return cty.NilType, err
			}
			return v.Type(), nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return try(args) },
	})
}

// try returns the value of the first argument that evaluates without an
// error: unknown, with its reasons, when that value is not wholly known,
// for it could still fail once known.
func try(args []cty.Value) (cty.Value, error) {
	if len(args) == 0 {
		return cty.NilVal, errors.New("at least one argument is required")
	}
	var failed hcl.Diagnostics
	for _, arg := range args {
		c := customdecode.ExpressionClosureFromVal(arg)
		v, diags := c.Value()
		if diags.HasErrors() {
			failed = append(failed, diags...)
			continue
		}
		if v.IsWhollyKnown() {
			return v, nil
		}
		if reasonOf(v) == "" {
			if r := closureReason(c); r != "" {
				v = v.Mark(reasonMark{r})
			}
		}
		return unknownWithReasons(v), nil
	}
	return cty.NilVal, errors.New(noneSucceededText(failed))
}

// closureReason gives the reasons that the values the expression of c
// reads carry; "" when none does (HCL's placeholder for a for expression's
// variable while it checks the condition's type, say).
func closureReason(c *customdecode.ExpressionClosure) string {
	var out []string
	for _, t := range c.Expression.Variables() {
		tv, diags := t.TraverseAbs(c.EvalContext)
		if diags.HasErrors() || tv.IsWhollyKnown() {
			continue
		}
		if r := reasonOf(tv); r != "" {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), "; ")
}

// listElements returns the elements of a known list, tuple or set.
func listElements(v cty.Value) ([]cty.Value, error) {
	if !v.CanIterateElements() || v.Type().IsMapType() || v.Type().IsObjectType() {
		return nil, errors.New("a list, a tuple or a set is required")
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out, nil
}

// indexFunc is Terraform's index: the position of a value in a list.
func indexFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			elems, err := listElements(args[0])
			if err != nil {
				return cty.NilVal, err
			}
			for i, e := range elems {
				if !e.IsKnown() || !args[1].IsKnown() {
					return cty.UnknownVal(cty.Number), nil
				}
				if eq, err := stdlib.Equal(e, args[1]); err == nil && eq.IsKnown() && eq.True() {
					return cty.NumberIntVal(int64(i)), nil
				}
			}
			return cty.NilVal, errors.New("the value is not in the list")
		},
	})
}

// oneFunc is Terraform's one: the only element, or null.
func oneFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			elems, err := listElements(args[0])
			switch {
			case err != nil:
				return cty.NilVal, err
			case len(elems) == 0:
				return cty.NullVal(cty.DynamicPseudoType), nil
			case len(elems) > 1:
				return cty.NilVal, errors.New("the list has more than one element")
			}
			return elems[0], nil
		},
	})
}

// boolFold is alltrue (all) or anytrue.
func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			elems, err := listElements(args[0])
			if err != nil {
				return cty.NilVal, err
			}
			for _, e := range elems {
				if !e.IsKnown() {
					return cty.UnknownVal(cty.Bool), nil
				}
				b := !e.IsNull() && e.Type() == cty.Bool && e.True()
				if b != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

// sumFunc is Terraform's sum.
func sumFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			elems, err := listElements(args[0])
			if err != nil {
				return cty.NilVal, err
			}
			total := new(big.Float)
			for _, e := range elems {
				if !e.IsKnown() {
					return cty.UnknownVal(cty.Number), nil
				}
				if e.IsNull() || e.Type() != cty.Number {
					return cty.NilVal, errors.New("every element must be a number")
				}
				total.Add(total, e.AsBigFloat())
			}
			return cty.NumberVal(total), nil
		},
	})
}

// stringTest is startswith, endswith or strcontains.
func stringTest(test func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "substr", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(test(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// replaceFunc is Terraform's replace: a substring wrapped in slashes is a
// regular expression (cty's stdlib has the two as separate functions).
func replaceFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "str", Type: cty.String},
			{Name: "substr", Type: cty.String},
			{Name: "replace", Type: cty.String},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			sub := args[1].AsString()
			if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
				return stdlib.RegexReplaceFunc.Call([]cty.Value{args[0], cty.StringVal(sub[1 : len(sub)-1]), args[2]})
			}
			return stdlib.ReplaceFunc.Call(args)
		},
	})
}
