package terraform

import (
	"fmt"
	"maps"
	"math/big"
	"strconv"

	ctycollection "github.com/hashicorp/go-cty-funcs/collection"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// toStringFunc is tostring, with a whole number of int64 written as
// strconv writes it: cty converts a number with big.Float.Text, whose
// shortest-decimal search on 512-bit numbers made tostring(port) one of
// the costliest steps of evaluating a module that builds rules in a for
// expression. Every other argument goes to cty's own tostring.
func toStringFunc() function.Function {
	cty2 := stdlib.MakeToFunc(cty.String)
	return function.New(&function.Spec{
		Description: cty2.Description(),
		Params:      cty2.Params(),
		Type:        cty2.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if s, ok := wholeNumberText(args[0]); ok {
				return cty.StringVal(s), nil
			}
			return cty2.Call(args)
		},
	})
}

// wholeNumberText is the text of a known number that is a whole int64
// other than zero, as cty's conversion to string writes it; ok is false
// for anything else.
func wholeNumberText(v cty.Value) (string, bool) {
	if v.Type() != cty.Number || !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return "", false
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() || bf.Sign() == 0 {
		return "", false
	}
	n, acc := bf.Int64()
	if acc != big.Exact {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}

// functions returns Terraform's built-in functions under their Terraform
// names. Functions whose result depends on the machine or the moment (file,
// timestamp, uuid), and hashes, which never name a security group or a
// CIDR, return an unknown value that names them.
func functions() map[string]function.Function {
	fs := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc,
		"parseint": boundedResult(stdlib.ParseIntFunc), "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,

		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "replace": replaceFunc(),
		"split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,

		"chunklist": stdlib.ChunklistFunc, "coalesce": ctycollection.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"keys": stdlib.KeysFunc, "length": lengthFunc(),
		"lookup": lookupFunc(), "merge": stdlib.MergeFunc, "range": stdlib.RangeFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc,
		"setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc, "sort": stdlib.SortFunc,
		"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,

		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": boundedResult(stdlib.JSONDecodeFunc), "jsonencode": stdlib.JSONEncodeFunc,
		"base64decode": encoding.Base64DecodeFunc, "base64encode": encoding.Base64EncodeFunc,
		"urlencode":  encoding.URLEncodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,

		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": boundedResult(stdlib.MakeToFunc(cty.Number)),
		"tostring": toStringFunc(), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),

		"cidrhost": cidr.HostFunc, "cidrnetmask": cidr.NetmaskFunc,
		"cidrsubnet": cidr.SubnetFunc, "cidrsubnets": cidr.SubnetsFunc,

		"can": tryfunc.CanFunc,
	}
	maps.Copy(fs, extraFunctions())
	for _, name := range []string{
		"file", "filebase64", "fileexists", "fileset", "templatefile", "abspath", "pathexpand",
		"timestamp", "plantimestamp", "uuid", "uuidv5", "bcrypt", "rsadecrypt",
		"md5", "sha1", "sha256", "sha512", "base64sha256", "base64sha512", "filemd5", "filesha256",
	} {
		fs[name] = notStatic(name)
	}
	return fs
}

// notStatic returns a function that accepts anything and returns an unknown
// value saying that name is not evaluated.
func notStatic(name string) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{
			Name: "args", Type: cty.DynamicPseudoType,
			AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true,
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return unknownBecause(name + "() is not evaluated without running Terraform"), nil
		},
	})
}

// lookupFunc is Terraform's lookup: the default is optional (a missing key
// without one is an error) and may be null.
func lookupFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true},
			{Name: "key", Type: cty.String, AllowMarked: true},
		},
		VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
		Type: func(args []cty.Value) (cty.Type, error) {
			if len(args) > 3 {
				return cty.NilType, fmt.Errorf("lookup takes at most 3 arguments, not %d", len(args))
			}
			return cty.DynamicPseudoType, nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			m, marks := args[0].Unmark()
			key, kmarks := args[1].Unmark()
			if !m.IsKnown() || !key.IsKnown() {
				return cty.DynamicVal.WithMarks(marks, kmarks), nil
			}
			ty := m.Type()
			if (ty.IsObjectType() && ty.HasAttribute(key.AsString())) || (ty.IsMapType() && m.HasIndex(key).True()) {
				if ty.IsObjectType() {
					return m.GetAttr(key.AsString()).WithMarks(marks, kmarks), nil
				}
				return m.Index(key).WithMarks(marks, kmarks), nil
			}
			if len(args) == 3 {
				return args[2].WithMarks(marks, kmarks), nil
			}
			return cty.NilVal, fmt.Errorf("the map has no key %q and no default is given", key.AsString())
		},
	})
}

// lengthFunc is Terraform's length: of a collection, or of a string in
// characters.
func lengthFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, marks := args[0].Unmark()
			if v.Type() == cty.String {
				if !v.IsKnown() {
					return cty.UnknownVal(cty.Number).WithMarks(marks), nil
				}
				return stdlib.Strlen(v)
			}
			n, err := stdlib.Length(v)
			return n.WithMarks(marks), err
		},
	})
}
