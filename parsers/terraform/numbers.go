package terraform

import (
	"fmt"
	"math/big"
	"strings"

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
		diags = append(diags, boundNode(n)...)
		return nil
	})
	// The values a reference reads into arithmetic elsewhere ("${local.n
	// * 1}"): every string of a local or of a variable's default.
	for _, b := range body.Blocks {
		for _, a := range b.Body.Attributes {
			if b.Type == "locals" || b.Type == "variable" && a.Name == "default" {
				diags = append(diags, boundStrings(a.Expr)...)
			}
		}
	}
	return diags
}

// boundStrings returns the errors of the string literals in e that read
// as numbers beyond maxNumberExponent.
func boundStrings(e hclsyntax.Expression) hcl.Diagnostics {
	var diags hcl.Diagnostics
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if lit, ok := n.(*hclsyntax.LiteralValueExpr); ok {
			if s, rng, ok := stringLiteral(lit); ok {
				if d := boundNumberText(s, rng); d != nil {
					diags = append(diags, d)
				}
			}
		}
		return nil
	})
	return diags
}

// boundNode returns the errors of node n: a number literal beyond
// maxNumberExponent, or a string literal that reads as one where an
// operator or a function converts it. A string of a resource's argument
// (a description, a tag) is only a string, and "1e30000" there is no
// error; a local's or a default's is bounded by boundNumbers, as a
// reference may convert it.
func boundNode(n hclsyntax.Node) hcl.Diagnostics {
	var operands []hclsyntax.Expression
	switch e := n.(type) {
	case *hclsyntax.LiteralValueExpr:
		if e.Val.IsKnown() && !e.Val.IsNull() && e.Val.Type() == cty.Number {
			if d := boundNumber(e.Val.AsBigFloat(), e.SrcRange); d != nil {
				return hcl.Diagnostics{d}
			}
		}
		return nil
	case *hclsyntax.BinaryOpExpr:
		operands = []hclsyntax.Expression{e.LHS, e.RHS}
	case *hclsyntax.UnaryOpExpr:
		operands = []hclsyntax.Expression{e.Val}
	case *hclsyntax.FunctionCallExpr:
		operands = e.Args
	}
	var diags hcl.Diagnostics
	for _, op := range operands {
		if s, rng, ok := stringLiteral(op); ok {
			if d := boundNumberText(s, rng); d != nil {
				diags = append(diags, d)
			}
		}
	}
	return diags
}

// stringLiteral returns the text of e when e is a string written out
// ("5e5000000", in parentheses or not), and its range.
func stringLiteral(e hclsyntax.Expression) (string, hcl.Range, bool) {
	for {
		p, ok := e.(*hclsyntax.ParenthesesExpr)
		if !ok {
			break
		}
		e = p.Expression
	}
	if t, ok := e.(*hclsyntax.TemplateExpr); ok && len(t.Parts) == 1 {
		e = t.Parts[0]
	}
	lit, ok := e.(*hclsyntax.LiteralValueExpr)
	if !ok || !lit.Val.IsKnown() || lit.Val.IsNull() || lit.Val.Type() != cty.String {
		return "", hcl.Range{}, false
	}
	return lit.Val.AsString(), lit.SrcRange, true
}

// numberTextBeyond reports whether s reads as a number beyond
// maxNumberExponent where Terraform converts a string to a number
// (arithmetic, a number argument, a variable of type number), and its
// binary exponent. cty converts "5e5000000" in an instant, and writing the
// result back in a template ("${var.n * 1}") takes half a minute and five
// million digits: such a string is refused where it enters, as a number
// literal is. Only a string that may hold such a number is parsed.
func numberTextBeyond(s string) (exp int, beyond bool) {
	if len(s) < 5 || !mayHoldHugeNumber([]byte(s)) {
		return 0, false
	}
	// cty.ParseNumberVal's own reading.
	n, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil || n.IsInf() {
		return 0, false
	}
	exp = n.MantExp(nil)
	return exp, exp > maxNumberExponent || exp < -maxNumberExponent
}

// boundNumberText returns the error on a string literal at rng that reads
// as a number beyond maxNumberExponent, or nil.
func boundNumberText(s string, rng hcl.Range) *hcl.Diagnostic {
	exp, beyond := numberTextBeyond(s)
	if !beyond {
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "number out of range",
		Detail:   fmt.Sprintf("This string reads as a number of about 2^%d where Terraform converts it to one (arithmetic, a number argument or variable); %s.", exp, numberBound),
		Subject:  &rng,
	}
}

// numberBound says what numbers tkesglint reads (maxNumberExponent), for
// messages.
const numberBound = "tkesglint reads numbers up to 2^65536 in magnitude (about 1e19728: at most 19728 digits before the point, or an exponent of at most 19728) and down to 2^-65536"

// valueBeyond finds in v, a value given from outside the configuration
// (--var, TF_VAR_, a tfvars file, the configuration's variables), a
// number beyond maxNumberExponent or a string that reads as one. It
// returns the number's binary exponent.
func valueBeyond(v cty.Value) (exp int, beyond bool) {
	_ = cty.Walk(v, func(_ cty.Path, v cty.Value) (bool, error) {
		v, _ = v.Unmark()
		if beyond || !v.IsKnown() || v.IsNull() {
			return !beyond, nil
		}
		switch v.Type() {
		case cty.Number:
			exp = v.AsBigFloat().MantExp(nil)
			beyond = exp > maxNumberExponent || exp < -maxNumberExponent
		case cty.String:
			// Even a variable of type string is converted by
			// arithmetic ("${var.label * 1}").
			exp, beyond = numberTextBeyond(v.AsString())
		}
		return !beyond, nil
	})
	return exp, beyond
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
	// The keys of the objects the reader is in ("" for an array), whether
	// each is an object, and whether the next string is a key.
	var keys []string
	var objects []bool
	inObject := func() bool { return len(objects) > 0 && objects[len(objects)-1] }
	wantKey := false
	for {
		t, err := r.Next()
		if err != nil {
			return diags
		}
		switch {
		case t.Delim == '{' || t.Delim == '[':
			keys = append(keys, "")
			objects = append(objects, t.Delim == '{')
			wantKey = t.Delim == '{'
			continue
		case t.Delim != 0:
			keys, objects = keys[:len(keys)-1], objects[:len(objects)-1]
			wantKey = inObject()
			continue
		case wantKey:
			keys[len(keys)-1] = t.Text
			wantKey = false
			continue
		}
		wantKey = inObject()
		switch t.Kind {
		case jsonpos.String:
			// A string is a template: its expressions are bounded as the
			// native syntax's are, and so is a local's or a default's
			// string, which a reference may convert.
			rng := hclRange(t.Range)
			if readByReference(keys) {
				if d := boundNumberText(t.Text, rng); d != nil {
					diags = append(diags, d)
					continue
				}
			}
			diags = append(diags, boundJSONTemplate(t.Text, rng)...)
		case jsonpos.Number:
			// HCL's JSON parser reads numbers at this precision.
			n, _, err := big.ParseFloat(t.Text, 10, 512, big.ToNearestEven)
			if err != nil {
				continue
			}
			if d := boundNumber(n, hclRange(t.Range)); d != nil {
				diags = append(diags, d)
			}
		case jsonpos.Null, jsonpos.Bool, jsonpos.Object, jsonpos.Array:
			// Nothing to convert.
		}
	}
}

// readByReference reports whether a value at the object keys given (""
// for an array) is a local's or a variable's default, which boundNumbers
// bounds in every string.
func readByReference(keys []string) bool {
	var path []string
	for _, k := range keys {
		if k != "" {
			path = append(path, k)
		}
	}
	return len(path) >= 1 && path[0] == "locals" || len(path) >= 3 && path[0] == "variable" && path[2] == "default"
}

// boundJSONTemplate is boundNumbers for a string of a JSON file at rng, a
// template: only a string with an interpolation can convert a string to a
// number. Positions inside it are not kept by the reader (escapes move
// them), so errors are placed at the string.
func boundJSONTemplate(text string, rng hcl.Range) hcl.Diagnostics {
	if !strings.Contains(text, "${") || !mayHoldHugeNumber([]byte(text)) {
		return nil
	}
	expr, parse := hclsyntax.ParseTemplate([]byte(text), rng.Filename, rng.Start)
	if parse.HasErrors() {
		return nil
	}
	var diags hcl.Diagnostics
	_ = hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		for _, d := range boundNode(n) {
			d.Subject = &rng
			diags = append(diags, d)
		}
		return nil
	})
	return diags
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
