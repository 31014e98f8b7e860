package terraform

import (
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// FuzzParseModule feeds arbitrary bytes, as a .tf file next to a .tf.json
// file, and checks that reading them as one module (ParseTree, through
// parseModule) does not panic and that every error names a file.
func FuzzParseModule(f *testing.F) {
	for _, name := range fixtureNames(f) {
		files := loadModule(f, name)
		for _, file := range files {
			f.Add(file.Src, []byte(`{}`))
		}
	}
	f.Add([]byte(`resource "tencentcloud_security_group_lite_rule" "x" { ingress = ["A#B#C#D", "#", ""] }`), []byte(`{"resource": 1}`))
	f.Add([]byte(`locals { a = local.a }`), []byte(`{"locals": {"b": "${local.b}"}}`))
	f.Fuzz(func(t *testing.T, tf, js []byte) {
		files := []File{{Path: "fuzz/main.tf", Src: tf}, {Path: "fuzz/main.tf.json", Src: js}}
		in, errs := parseModule(t.Context(), files, Options{Variables: map[string]string{"x": "y"}})
		if in == nil {
			t.Fatal("nil input")
		}
		for _, e := range errs {
			if e.Range.Filename == "" {
				t.Errorf("error without a file name: %v", e)
			}
			if e.Summary == "internal error" {
				t.Errorf("recovered panic: %v", e)
			}
		}
		for _, sg := range in.SecurityGroups {
			if sg.Resource.Address == "" {
				t.Errorf("security group without an address: %+v", sg.Resource)
			}
			for _, d := range []model.Direction{model.Ingress, model.Egress} {
				for i, r := range sg.Rules(d).Rules {
					if r.Direction != d || r.Owner.Address == "" || r.Range.Filename == "" {
						t.Errorf("rule %d of %s: direction %v owner %q range %v", i, sg.Resource.Address, r.Direction, r.Owner.Address, r.Range)
					}
				}
			}
		}
	})
}

// FuzzEvaluate feeds arbitrary expressions to the evaluator: as a local, as
// a variable default, as a tfvars value, as count, for_each and a dynamic
// for_each, and as a module argument, and checks that nothing panics or
// loops and that every error names a file.
func FuzzEvaluate(f *testing.F) {
	for _, e := range []string{
		`cidrsubnet("10.0.0.0/8", 8, 1)`, `[for i in range(3) : "ACCEPT#10.0.${i}.0/24#22#TCP"]`,
		`{ a = "x", b = "y" }`, `toset(["a", "b"])`, `var.v`, `local.x`, `tencentcloud_security_group.s[*].id`,
		`values(tencentcloud_security_group.s)[*].id`, `module.m.out`, `null`, `2`, `-1`, `"${local.x}"`,
		`flatten([[1], [[2]]])`, `try(var.nope, "x")`, `each.value`, `count.index`, `data.x.y.z`,
		`merge(data.x.y.z, {a = "x"})["a"]`, `{for k, v in merge(data.x.y, {a = 1}) : k => v}`,
		`flatten([for x in data.x.y.z : []])`, `coalesce(merge(data.x.y, {}), {a = 1})`,
		`lookup(merge(data.x.y, {a = "b"}), "a", null)`, `concat([merge(data.x.y, {})], [])[0]`,
		`[for x in data.x.y : merge(x, {k = "v"})][0].k`, `true ? merge(data.x.y, {a = 1}) : {}`,
	} {
		f.Add(e)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		main := `variable "v" { default = ` + expr + ` }
locals { x = ` + expr + ` }
resource "tencentcloud_security_group" "s" {
  for_each = local.x
  name     = each.key
}
resource "tencentcloud_security_group" "c" {
  count = ` + expr + `
}
resource "tencentcloud_security_group_rule_set" "r" {
  security_group_id = local.x
  dynamic "ingress" {
    for_each = ` + expr + `
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value
    }
  }
}
resource "tencentcloud_security_group_lite_rule" "l" {
  ingress = local.x
}
module "m" {
  source = "./m"
  in     = ` + expr + `
}
`
		mod := `variable "in" {}
output "out" { value = var.in }
resource "tencentcloud_security_group_lite_rule" "l" { ingress = var.in }
`
		files := []File{
			{Path: "fuzz/main.tf", Src: []byte(main)},
			{Path: "fuzz/terraform.tfvars", Src: []byte("v = " + expr + "\n")},
			{Path: "fuzz/m/main.tf", Src: []byte(mod)},
		}
		units, errs := ParseTree(t.Context(), files, Options{Variables: map[string]string{"v": expr}})
		for _, e := range errs {
			if e.Range.Filename == "" {
				t.Errorf("error without a file name: %v", e)
			}
			if e.Summary == "internal error" {
				t.Errorf("recovered panic: %v", e)
			}
		}
		for _, u := range units {
			if u.Input == nil {
				t.Fatal("nil input")
			}
		}
	})
}
