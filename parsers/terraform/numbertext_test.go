package terraform

import (
	"math"
	"math/big"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// TestWholeNumberText: the fast text of a whole number is what cty's
// conversion to string writes, and tostring gives the same as cty's own,
// for whole numbers at the edges of int64, fractions, huge numbers, zero
// and negative zero, marked and unknown values.
func TestWholeNumberText(t *testing.T) {
	huge, _, _ := big.ParseFloat("1e30", 10, 512, big.ToNearestEven)
	negZero := new(big.Float).SetPrec(512).Neg(new(big.Float))
	vals := []cty.Value{
		cty.NumberIntVal(22), cty.NumberIntVal(-1), cty.NumberIntVal(65535), cty.NumberIntVal(math.MaxInt64),
		cty.NumberIntVal(math.MinInt64), cty.NumberIntVal(0), cty.NumberFloatVal(1.5), cty.NumberFloatVal(1e20),
		cty.NumberVal(huge), cty.NumberVal(negZero), cty.NumberFloatVal(-0.25),
	}
	tostring := functions()["tostring"]
	for _, v := range vals {
		want, err := convert.Convert(v, cty.String)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := wholeNumberText(v); ok && got != want.AsString() {
			t.Errorf("wholeNumberText(%s) = %q, cty writes %q", v.GoString(), got, want.AsString())
		}
		got, err := tostring.Call([]cty.Value{v})
		if err != nil || !got.RawEquals(want) {
			t.Errorf("tostring(%s) = %#v, %v; want %#v", v.GoString(), got, err, want)
		}
	}
	for _, v := range []cty.Value{cty.NumberIntVal(8).Mark("m"), cty.UnknownVal(cty.Number), cty.NullVal(cty.Number), cty.StringVal("x"), cty.True} {
		want, wantErr := cty2ToString(v)
		got, err := tostring.Call([]cty.Value{v})
		if (err != nil) != (wantErr != nil) || err == nil && !got.RawEquals(want) {
			t.Errorf("tostring(%#v) = %#v, %v; cty gives %#v, %v", v, got, err, want, wantErr)
		}
	}
}

func cty2ToString(v cty.Value) (cty.Value, error) {
	return stdlib.MakeToFunc(cty.String).Call([]cty.Value{v})
}
