package terraform

import (
	"testing"
)

// TestCycleReportedFromFirstArgument reads a resource whose arguments
// enter one dependency cycle at different points, many times: the cycle
// is reported from the reference written first, in every run and on both
// evaluation paths (the attributes of a body are a map, whose order Go
// varies from run to run).
func TestCycleReportedFromFirstArgument(t *testing.T) {
	src := []byte(`locals {
  a = local.b
  b = local.a
}

resource "tencentcloud_security_group" "sg" {
  name        = "x"
  description = local.b
  project_id  = local.a
  tags        = { x = local.a, y = local.b }
}
`)
	for _, general := range []bool{false, true} {
		for range 40 {
			_, errs := ParseTree(t.Context(), []File{{Path: "cycle/main.tf", Src: src}}, Options{Jobs: 1, general: general})
			if len(errs) != 1 {
				t.Fatalf("general=%v: %d errors %v, want 1", general, len(errs), errs)
			}
			if got := errs[0].Range.String(); got != "cycle/main.tf:3:3" {
				t.Fatalf("general=%v: the cycle is reported at %s (%s), want cycle/main.tf:3:3, where local.b, which description names first, is declared", general, got, errs[0].Detail)
			}
		}
	}
}
