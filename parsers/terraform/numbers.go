package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
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
// instead of a stall. JSON files hold their numbers in the JSON syntax's
// own tree, which is not walked.
func boundNumbers(file *hcl.File) hcl.Diagnostics {
	if file == nil {
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
		if exp := lit.Val.AsBigFloat().MantExp(nil); exp > maxNumberExponent || exp < -maxNumberExponent {
			rng := lit.SrcRange
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "number out of range",
				Detail:   fmt.Sprintf("This number is about 2^%d; tkesglint reads numbers up to 2^%d in magnitude (about 1e19728) and down to 2^-%d, far beyond any count, port or size.", exp, maxNumberExponent, maxNumberExponent),
				Subject:  &rng,
			})
		}
		return nil
	})
	return diags
}
