package model

import (
	"reflect"
	"testing"
)

// TestConcatCoversEveryField fails when Input gains a slice that Concat
// does not concatenate.
func TestConcatCoversEveryField(t *testing.T) {
	one := func() *Input {
		in := &Input{}
		v := reflect.ValueOf(in).Elem()
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() != reflect.Slice {
				t.Fatalf("Input.%s is not a slice; teach Concat about it", v.Type().Field(i).Name)
			}
			f.Set(reflect.MakeSlice(f.Type(), 1, 1))
		}
		return in
	}
	merged := reflect.ValueOf(Concat(one(), nil, one())).Elem()
	for i := range merged.NumField() {
		if n := merged.Field(i).Len(); n != 2 {
			t.Errorf("Concat keeps %d elements of Input.%s, want 2", n, merged.Type().Field(i).Name)
		}
	}
}
