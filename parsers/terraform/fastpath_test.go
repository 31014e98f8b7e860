package terraform

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tkesglint/tkesglint/parsers/modeltest"
)

// TestFastPathsAgree reads every Terraform folder of the repository's
// testdata, the benchmark's tree and inputs written for the edges of the
// fast paths twice, with the fast paths of the evaluation and with the
// general path (dynblock, hcl's PartialContent), and requires the same
// units, models and errors.
func TestFastPathsAgree(t *testing.T) {
	cases := map[string][]File{
		"bench/private": benchTree(3, 25, false),
		"bench/open":    benchTree(3, 25, true),
	}
	for name, src := range fastPathEdges {
		cases["edge/"+name] = []File{{Path: "edge/" + name + "/main.tf", Src: []byte(src)}}
	}
	maps.Copy(cases, testdataFolders(t, "../../testdata"))
	if len(cases) < 50 {
		t.Fatalf("only %d cases: the testdata was not found", len(cases))
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			fastUnits, fastErrs := ParseTree(t.Context(), files, Options{Jobs: 1})
			slowUnits, slowErrs := ParseTree(t.Context(), files, Options{Jobs: 1, general: true})
			if len(fastUnits) != len(slowUnits) {
				t.Fatalf("%d units with the fast paths, %d without", len(fastUnits), len(slowUnits))
			}
			for i := range fastUnits {
				fast, slow := modeltest.Dump(fastUnits[i].Input), modeltest.Dump(slowUnits[i].Input)
				if fast != slow {
					t.Errorf("unit %s differs:\nfast:\n%s\nslow:\n%s", fastUnits[i].Dir, fast, slow)
				}
			}
			if !reflect.DeepEqual(fastUnits, slowUnits) {
				t.Errorf("units differ beyond their dumps")
			}
			if !reflect.DeepEqual(fastErrs, slowErrs) {
				t.Errorf("errors differ:\nfast: %v\nslow: %v", fastErrs, slowErrs)
			}
		})
	}
}

// fastPathEdges are resources at the edges of openStatic and nativeContent:
// what may make one of them give what the general path does not.
var fastPathEdges = map[string]string{
	// An error in an argument no mapping reads is still reported.
	"unread-argument": `
resource "tencentcloud_security_group_rule_set" "a" {
  security_group_id = "sg-1"
  name              = var.missing
  tags              = { owner = local.nobody, ws = terraform.workspace, p = path.module, d = data.x.y.z }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
    note       = module.none.out
  }
}
`,
	// A nested dynamic block sends the resource down the general path; a
	// static one beside it too.
	"nested-dynamic": `
variable "cidrs" { default = ["10.0.0.0/8", "0.0.0.0/0"] }
resource "tencentcloud_security_group_rule_set" "a" {
  security_group_id = "sg-1"
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.1.0.0/16"
    protocol   = "TCP"
    port       = "80"
  }
  dynamic "ingress" {
    for_each = var.cidrs
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value
      protocol   = "TCP"
      port       = "443"
    }
  }
}
`,
	// for_each that is not known.
	"unknown-dynamic": `
variable "cidrs" {}
resource "tencentcloud_security_group_rule_set" "a" {
  security_group_id = "sg-1"
  dynamic "egress" {
    for_each = var.cidrs
    content {
      action     = "DROP"
      cidr_block = egress.value
      protocol   = "ALL"
    }
  }
}
`,
	// An argument named "dynamic", labels on blocks that take none, a
	// misspelled block and an argument the schema does not have.
	"odd-shapes": `
resource "tencentcloud_security_group_rule_set" "a" {
  security_group_id = "sg-1"
  dynamic           = true
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
resource "tencentcloud_security_group_rule_set" "b" {
  security_group_id = "sg-2"
  ingress "named" {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
  ingres {
    action = "ACCEPT"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    portt      = "22"
  }
}
resource "tencentcloud_security_group_rule" "c" {
  security_group_id = "sg-3"
  type              = "ingress"
  policy            = "ACCEPT"
  address_template {
    group_id = "ipmg-1"
  }
  protocol_template {
    template_id = "ppm-1"
    extra       = 1
  }
}
`,
	// Counted and for_each resources, unknown values, marks and a cycle.
	"counted": `
variable "ports" { default = { ssh = "22", web = "80" } }
variable "n" {}
locals {
  a = local.b
  b = local.a
}
resource "tencentcloud_security_group" "g" {
  count = 2
  name  = "g-${count.index}"
}
resource "tencentcloud_security_group_rule_set" "r" {
  for_each          = var.ports
  security_group_id = tencentcloud_security_group.g[0].id
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = each.value
    description = "${each.key} ${local.a}"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = cidrsubnet("10.0.0.0/8", 8, var.n)
    protocol   = "ALL"
    port       = 2e70000
  }
}
resource "tencentcloud_instance" "i" {
  orderly_security_groups = tencentcloud_security_group.g[*].id
}
`,
	// References several steps deep, into known and refined values (a
	// merge over an unknown map keeps the entries written after it), and
	// ones that fail.
	"deep-refs": `
variable "unknown" {}
variable "cfg" {
  default = { ports = { ssh = "22", web = ["80", "443"] }, cidr = "10.0.0.0/8" }
}
locals {
  merged = merge(var.unknown, { rule = { cidr = "0.0.0.0/0", port = "3389" } })
  cfg    = var.cfg
}
resource "tencentcloud_security_group_rule_set" "a" {
  security_group_id = "sg-1"
  ingress {
    action      = "ACCEPT"
    cidr_block  = local.merged.rule.cidr
    protocol    = "TCP"
    port        = local.merged.rule.port
    description = local.cfg.ports.web[1]
  }
  ingress {
    action      = "ACCEPT"
    cidr_block  = var.cfg.cidr
    protocol    = "TCP"
    port        = var.cfg.ports.ssh
    description = var.cfg.ports.none
  }
  egress {
    action     = "ACCEPT"
    cidr_block = local.merged.other.cidr
    protocol   = "TCP"
    port       = var.cfg.ports.web[5]
  }
}
`,
	// A cluster, whose nested blocks hold blocks.
	"cluster": `
resource "tencentcloud_kubernetes_cluster" "k" {
  vpc_id = "vpc-1"
  worker_config {
    security_group_ids = ["sg-1"]
    subnet_id          = "subnet-1"
  }
  exist_instance {
    node_role = "WORKER"
    instances_para {
      instance_ids       = ["ins-1"]
      security_group_ids = ["sg-2"]
      unknown_arg        = 1
    }
  }
}
`,
}

// testdataFolders reads the configuration files of every folder under
// root that holds some, by folder.
func testdataFolders(t *testing.T, root string) map[string][]File {
	t.Helper()
	out := map[string][]File{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if k := KindOf(d.Name()); !k.Config() && !strings.HasSuffix(d.Name(), ".tfvars") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(p))
		out[dir] = append(out[dir], File{Path: filepath.ToSlash(p), Src: src})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNativeContentAgrees compares nativeContent with hclsyntax's
// PartialContent on bodies and schemas where it answers.
func TestNativeContentAgrees(t *testing.T) {
	src := `
a = 1
b = "x"
blk { c = 2 }
blk "l" { d = 3 }
other { e = 4 }
blk { f = 5 }
`
	file, diags := hclsyntax.ParseConfig([]byte(src), "x.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		t.Fatal("not a native body")
	}
	schemas := []*hcl.BodySchema{
		schema([]string{"a", "b", "z"}),
		schema([]string{"a"}, "other"),
		schema(nil, "other", "missing"),
		{Blocks: []hcl.BlockHeaderSchema{{Type: "blk"}}},
		{Blocks: []hcl.BlockHeaderSchema{{Type: "blk", LabelNames: []string{"n"}}}},
		{Attributes: []hcl.AttributeSchema{{Name: "a", Required: true}}},
		{Attributes: []hcl.AttributeSchema{{Name: "b"}}, Blocks: []hcl.BlockHeaderSchema{{Type: "other"}, {Type: "other", LabelNames: []string{"n"}}}},
	}
	answered := 0
	for i, sc := range schemas {
		got, ok := nativeContent(body, sc)
		want, _, diags := body.PartialContent(sc)
		if !ok {
			continue // declining is always sound: PartialContent answers
		}
		answered++
		if diags.HasErrors() {
			t.Errorf("schema %d: nativeContent answered where PartialContent reports %v", i, diags)
		}
		if !reflect.DeepEqual(got.Blocks, want.Blocks) || got.MissingItemRange != want.MissingItemRange {
			t.Errorf("schema %d:\ngot  %#v\nwant %#v", i, got, want)
		}
		blk := &block{content: got, native: body, wanted: sc.Attributes}
		for _, name := range []string{"a", "b", "z", "blk", "other"} {
			a, w := blk.attr(name), want.Attributes[name]
			if !reflect.DeepEqual(a, w) {
				t.Errorf("schema %d: attribute %s is %#v, want %#v", i, name, a, w)
			}
			if e := blk.expr(name); w == nil && e != nil || w != nil && e != w.Expr {
				t.Errorf("schema %d: the expression of %s is %#v, want that of %#v", i, name, e, w)
			}
		}
	}
	if answered != 3 {
		t.Errorf("nativeContent answered %d schemas, want the 3 where PartialContent reports nothing", answered)
	}
}

// TestResourceMetaNames keeps the switches of isResourceMetaArgument and
// isResourceMetaBlock in step with the lists that unsupportedArguments
// gives Content.
func TestResourceMetaNames(t *testing.T) {
	for _, n := range resourceMetaArguments() {
		if !isResourceMetaArgument(n) || isResourceMetaBlock(n) {
			t.Errorf("meta-argument %s", n)
		}
	}
	for _, n := range resourceMetaBlocks() {
		if !isResourceMetaBlock(n) || isResourceMetaArgument(n) {
			t.Errorf("meta-block %s", n)
		}
	}
	if isResourceMetaArgument("name") || isResourceMetaBlock("ingress") {
		t.Error("an ordinary name is taken for a meta one")
	}
}
