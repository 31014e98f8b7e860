package terraform

import "testing"

// TestTerraformMeanings: functions whose Terraform meaning differs from
// cty's stdlib of the same name.
func TestTerraformMeanings(t *testing.T) {
	src := `
resource "tencentcloud_vpc" "a" {
  name       = "a"
  cidr_block = coalesce("", "10.0.0.0/8")
}
resource "tencentcloud_vpc" "b" {
  name       = "b"
  cidr_block = replace("10.0.0.0/8", "/\\/[0-9]+$/", "/16")
}
resource "tencentcloud_vpc" "c" {
  name       = "c"
  cidr_block = replace("10.1.0.0/16", ".1.", ".2.")
}
`
	in, errs := parseModule(t.Context(), []File{{Path: "main.tf", Src: []byte(src)}}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	want := map[string]string{"a": "10.0.0.0/8", "b": "10.0.0.0/16", "c": "10.2.0.0/16"}
	for _, v := range in.VPCs {
		if got := v.CIDR.Value(); got != want[v.Name.Value()] {
			t.Errorf("vpc %s: cidr %q, want %q", v.Name.Value(), got, want[v.Name.Value()])
		}
	}
}
