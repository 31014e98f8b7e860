package terraform

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
)

// maxNumberExponent bounds the binary exponent of a number literal. HCL
// reads 5e5000000 as an exact big float, and every conversion of it to a
// string (a port, an id, a message) then writes its millions of decimal
// digits, for seconds each: the fuzzer found a file that stalled for
// minutes. 2^65536 (about 1e19728) is far beyond any count, port or size
// a configuration can mean.
const maxNumberExponent = 1 << 16

// boundNumbers reports every number literal of a native-syntax file whose
// magnitude is beyond maxNumberExponent, so that the file is an input error
// instead of a stall. src is the file's text: a file whose text cannot
// hold such a number (mayHoldHugeNumber) is not walked.
func boundNumbers(file *hcl.File, src []byte) hcl.Diagnostics {
	if file == nil || !mayHoldHugeNumber(src) {
		return nil
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	var diags hcl.Diagnostics
	_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		lit, ok := n.(*hclsyntax.LiteralValueExpr)
		if !ok || lit.Val.Type() != cty.Number || !lit.Val.IsKnown() || lit.Val.IsNull() {
			return nil
		}
		if d := boundNumber(lit.Val.AsBigFloat(), lit.SrcRange); d != nil {
			diags = append(diags, d)
		}
		return nil
	})
	return diags
}

// mayHoldHugeNumber reports whether src may hold a number literal beyond
// maxNumberExponent. A literal of the native syntax is digits, an optional
// fraction and an optional exponent: with no run of digits longer than
// 1,000 and no exponent of 4 digits or more, its magnitude is between
// 1e-1999 and 1e1999, well within 2^±65536 (about 1e±19728). Walking every
// node of every file to find its number literals allocated a tenth of the
// reader's objects; this scan allocates nothing, and only a file that
// fails it (a long digit string, an exponent, or text such as "e1234"
// anywhere) is walked.
func mayHoldHugeNumber(src []byte) bool {
	run := 0
	exponent := false
	for i, c := range src {
		if c >= '0' && c <= '9' {
			run++
			if run > 1000 || exponent && run >= 4 {
				return true
			}
			continue
		}
		run = 0
		switch c {
		case 'e', 'E':
			exponent = true
		case '+', '-':
			exponent = i > 0 && (src[i-1] == 'e' || src[i-1] == 'E')
		default:
			exponent = false
		}
	}
	return false
}

// boundJSONNumbers is boundNumbers for a file in the JSON syntax, whose
// tree HCL keeps to itself: it reads the file's tokens again, and is
// called only on a file that parsed without errors. The reader's error at
// the end of the text ends the walk.
func boundJSONNumbers(f File) hcl.Diagnostics {
	var diags hcl.Diagnostics
	r := jsonpos.NewReader(f.Path, f.Src, 0)
	for {
		t, err := r.Next()
		if err != nil {
			return diags
		}
		if t.Delim != 0 || t.Kind != jsonpos.Number {
			continue
		}
		// HCL's JSON parser reads numbers at this precision.
		n, _, err := big.ParseFloat(t.Text, 10, 512, big.ToNearestEven)
		if err != nil {
			continue
		}
		if d := boundNumber(n, hclRange(t.Range)); d != nil {
			diags = append(diags, d)
		}
	}
}

// boundNumber returns the error on a number at rng beyond
// maxNumberExponent, or nil.
func boundNumber(n *big.Float, rng hcl.Range) *hcl.Diagnostic {
	exp := n.MantExp(nil)
	if exp <= maxNumberExponent && exp >= -maxNumberExponent {
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "number out of range",
		Detail:   fmt.Sprintf("This number is about 2^%d; tkesglint reads numbers up to 2^%d in magnitude (about 1e19728) and down to 2^-%d, far beyond any count, port or size.", exp, maxNumberExponent, maxNumberExponent),
		Subject:  &rng,
	}
}

// boundedResult returns f, whose result must hold no number beyond
// maxNumberExponent: tonumber("5e5000000"), parseint of a long string and
// jsondecode make numbers from strings, which boundNumbers does not see.
// Such a result is an error of the call, as the literal is of its place.
func boundedResult(f function.Function) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type:        f.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, err := f.Call(args)
			if err != nil {
				return v, err
			}
			err = cty.Walk(v, func(_ cty.Path, v cty.Value) (bool, error) {
				v, _ = v.Unmark()
				if v.Type() != cty.Number || !v.IsKnown() || v.IsNull() {
					return true, nil
				}
				if exp := v.AsBigFloat().MantExp(nil); exp > maxNumberExponent || exp < -maxNumberExponent {
					return false, fmt.Errorf("the result holds a number of about 2^%d; tkesglint reads numbers up to 2^%d in magnitude (about 1e19728) and down to 2^-%d, far beyond any count, port or size", exp, maxNumberExponent, maxNumberExponent)
				}
				return true, nil
			})
			return v, err
		},
	})
}
