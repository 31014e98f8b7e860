package terraform

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseTree parses and evaluates a tree shaped like the bulk of
// scripts/gentree's (root modules calling local modules with for_each and
// count, and security groups of written-out rules), on one core, so that
// -benchmem counts the allocations of the Terraform reader alone.
func BenchmarkParseTree(b *testing.B) {
	for _, open := range []bool{false, true} {
		files := benchTree(20, 70, open)
		name := "private"
		if open {
			name = "open"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				units, errs := ParseTree(b.Context(), files, Options{Jobs: 1})
				if len(errs) > 0 || len(units) != 20 {
					b.Fatalf("%d units, errors %v", len(units), errs)
				}
			}
		})
	}
}

// benchTree writes envs root modules of rules written-out ingress rules
// each, in groups of 20 per security group bound to one CVM; with open,
// the last rule of each group accepts the world on every port.
func benchTree(envs, rules int, open bool) []File {
	files := []File{
		{Path: "modules/sg/main.tf", Src: []byte(`resource "tencentcloud_security_group" "this" {
  name = var.name
}

module "rules" {
  source = "../rules"
  sg_id  = tencentcloud_security_group.this.id
  rules = [for p in [22, 80, 443] : {
    cidr = cidrsubnet(var.cidr, 8, var.index)
    port = tostring(p)
  }]
}
`)},
		{Path: "modules/sg/variables.tf", Src: []byte("variable \"name\" {}\nvariable \"cidr\" {}\nvariable \"index\" {}\n")},
		{Path: "modules/sg/outputs.tf", Src: []byte("output \"id\" { value = tencentcloud_security_group.this.id }\n")},
		{Path: "modules/rules/main.tf", Src: []byte(`resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = var.sg_id
  dynamic "ingress" {
    for_each = var.rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = "TCP"
      port       = ingress.value.port
    }
  }
}
`)},
		{Path: "modules/rules/variables.tf", Src: []byte("variable \"sg_id\" {}\nvariable \"rules\" {}\n")},
	}
	for e := range envs {
		dir := fmt.Sprintf("envs/e%03d/", e)
		files = append(files, File{Path: dir + "main.tf", Src: []byte(`module "tiers" {
  source   = "../../modules/sg"
  for_each = toset(["web", "app"])
  name     = each.key
  cidr     = var.cidr
  index    = index(["web", "app"], each.key)
}

resource "tencentcloud_instance" "cvm" {
  orderly_security_groups = values(module.tiers)[*].id
}

variable "cidr" {
  default = "10.1.0.0/16"
}
`)})
		var s strings.Builder
		for g := 0; g*20 < rules; g++ {
			n := min(20, rules-g*20)
			fmt.Fprintf(&s, "resource \"tencentcloud_security_group\" \"bulk%d\" {\n  name = \"bulk-%d\"\n}\n\n", g, g)
			fmt.Fprintf(&s, "resource \"tencentcloud_instance\" \"bulk%d\" {\n  orderly_security_groups = [tencentcloud_security_group.bulk%d.id]\n}\n\n", g, g)
			fmt.Fprintf(&s, "resource \"tencentcloud_security_group_rule_set\" \"bulk%d\" {\n  security_group_id = tencentcloud_security_group.bulk%d.id\n", g, g)
			for r := range n {
				cidr, proto, port := fmt.Sprintf("10.%d.%d.0/24", e, g*20+r), "TCP", fmt.Sprint(20000+g*20+r)
				if open && r == n-1 {
					cidr, proto, port = "0.0.0.0/0", "ALL", "ALL"
				}
				fmt.Fprintf(&s, "\n  ingress {\n    action      = \"ACCEPT\"\n    cidr_block  = %q\n    protocol    = %q\n    port        = %q\n    description = \"rule %d\"\n  }\n", cidr, proto, port, r)
			}
			s.WriteString("}\n\n")
		}
		files = append(files, File{Path: dir + "rules.tf", Src: []byte(s.String())})
	}
	return files
}

// BenchmarkEvaluateTree is BenchmarkParseTree with the syntax of every
// file kept in a ParseCache from one run to the next, as the language
// server keeps it: what it measures is the evaluation alone (module
// instances, expressions, dynamic blocks, the mapping into the model).
func BenchmarkEvaluateTree(b *testing.B) {
	for _, open := range []bool{false, true} {
		files := benchTree(20, 70, open)
		name := "private"
		if open {
			name = "open"
		}
		b.Run(name, func(b *testing.B) {
			cache := &ParseCache{}
			if _, errs := ParseTree(b.Context(), files, Options{Jobs: 1, Cache: cache}); len(errs) > 0 {
				b.Fatal(errs)
			}
			b.ReportAllocs()
			for b.Loop() {
				units, errs := ParseTree(b.Context(), files, Options{Jobs: 1, Cache: cache})
				if len(errs) > 0 || len(units) != 20 {
					b.Fatalf("%d units, errors %v", len(units), errs)
				}
			}
		})
	}
}

// TestEvaluateAllocBudget fails when evaluating BenchmarkEvaluateTree's
// tree allocates far more than it does: when a fast path of the
// evaluation (openStatic, nativeContent, evalReference, ...) silently
// stops applying. A run allocates about 94,000 objects; 155,000 before
// those fast paths, and more with the general path (Options.general).
func TestEvaluateAllocBudget(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("allocation budgets are not checked in -short or -race runs")
	}
	const budget = 115_000
	files := benchTree(20, 70, false)
	allocs := func(opts Options) float64 {
		opts.Jobs, opts.Cache = 1, &ParseCache{}
		if _, errs := ParseTree(t.Context(), files, opts); len(errs) > 0 {
			t.Fatal(errs)
		}
		return testing.AllocsPerRun(3, func() {
			if units, errs := ParseTree(t.Context(), files, opts); len(errs) > 0 || len(units) != 20 {
				t.Fatalf("%d units, errors %v", len(units), errs)
			}
		})
	}
	fast, general := allocs(Options{}), allocs(Options{general: true})
	t.Logf("a run allocates %.0f objects, %.0f with the general path", fast, general)
	if fast > budget {
		t.Errorf("a run allocates %.0f objects, more than its budget of %d: profile it (BenchmarkEvaluateTree -memprofile)", fast, budget)
	}
	if general < budget {
		t.Errorf("the general path allocates %.0f objects, within the fast paths' budget of %d: the budget no longer tells them apart", general, budget)
	}
}
