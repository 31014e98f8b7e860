package edit

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestInterpolation: an expression goes into a lite rule's string as
// ${…}, a string template as its text.
func TestInterpolation(t *testing.T) {
	for expr, want := range map[string]string{
		`var.pod_cidr`:                     `${var.pod_cidr}`,
		`"${local.prefix}.0.0/16"`:         `${local.prefix}.0.0/16`,
		`cidrsubnet(var.vpc, 4, 1)`:        `${cidrsubnet(var.vpc, 4, 1)}`,
		`tencentcloud_vpc.main.cidr_block`: `${tencentcloud_vpc.main.cidr_block}`,
	} {
		if got := interpolation(expr); got != want {
			t.Errorf("interpolation(%s) = %s, want %s", expr, got, want)
		}
	}
}

// TestReadable: only what any place of a module reads can be copied
// there, not the iterators of one resource.
func TestReadable(t *testing.T) {
	for expr, want := range map[string]bool{
		`var.pod_cidr`:                     true,
		`local.pods`:                       true,
		`module.net.pod_cidr`:              true,
		`data.tencentcloud_vpc.main.cidr`:  true,
		`tencentcloud_vpc.main.cidr_block`: true,
		`cidrsubnet(var.vpc, 4, 1)`:        true,
		`each.value.cidr`:                  false,
		`var.cidrs[count.index]`:           false,
		`self.cidr`:                        false,
		`ingress.value.cidr`:               false,
	} {
		e, diags := hclsyntax.ParseExpression([]byte(expr), "x.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if got := readable(e); got != want {
			t.Errorf("readable(%s) = %v, want %v", expr, got, want)
		}
	}
}

// TestTemplateRef: a Ref is read in every way a template writes it.
func TestTemplateRef(t *testing.T) {
	for text, want := range map[string]string{
		`!Ref PodCidr`:          "PodCidr",
		`Ref: PodCidr`:          "PodCidr",
		`{ Ref: PodCidr }`:      "PodCidr",
		`{"Ref": "PodCidr"}`:    "PodCidr",
		`!GetAtt vpc.CidrBlock`: "",
	} {
		m := templateRef.FindStringSubmatch(text)
		got := ""
		if m != nil {
			got = m[1] + m[2]
		}
		if got != want {
			t.Errorf("templateRef on %q gives %q, want %q", text, got, want)
		}
	}
}

// TestParentModule: the caller of a module instance.
func TestParentModule(t *testing.T) {
	for m, want := range map[string]string{
		"":                               "",
		"module.nodes":                   "",
		`module.env["prod.a"].module.sg`: `module.env["prod.a"]`,
		"module.a[0].module.b.module.c":  "module.a[0].module.b",
	} {
		if got := parentModule(m); got != want {
			t.Errorf("parentModule(%s) = %s, want %s", m, got, want)
		}
	}
}
