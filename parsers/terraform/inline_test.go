package terraform

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestEvaluation covers evaluation details on small inline modules.
func TestEvaluation(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		check func(t *testing.T, in *model.Input, errs []*model.Error)
	}{
		{
			name: "file order does not matter",
			files: map[string]string{
				"a.tf": `locals { sg = tencentcloud_security_group.late.id }
resource "tencentcloud_security_group_lite_rule" "r" {
  security_group_id = local.sg
  ingress = ["ACCEPT#${tencentcloud_vpc.v.cidr_block}#ALL#ALL"]
}`,
				"b.tf": `resource "tencentcloud_security_group" "late" { name = "late" }
resource "tencentcloud_vpc" "v" {
  name       = "v"
  cidr_block = cidrsubnet(local.base, 4, 3)
}
locals { base = "10.0.0.0/12" }`,
			},
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 0 {
					t.Fatalf("errors %v", errs)
				}
				sg := findSG(t, in, "tencentcloud_security_group.late")
				if len(sg.Ingress.Rules) != 1 {
					t.Fatalf("rules %d", len(sg.Ingress.Rules))
				}
				wantString(t, "cidr", sg.Ingress.Rules[0].CIDR, "10.3.0.0/16", model.Written, "a.tf:4:14", "")
			},
		},
		{
			name: "typed variables from the command line",
			files: map[string]string{
				"main.tf": `variable "sgs" { type = list(string) }
variable "internet" {
  type    = bool
  default = false
}
resource "tencentcloud_instance" "i" { orderly_security_groups = var.sgs }
resource "tencentcloud_kubernetes_cluster" "c" {
  vpc_id           = "vpc-1"
  cluster_internet = var.internet
}`,
			},
			opts: Options{Variables: map[string]string{"sgs": `["sg-aaaa1111", "sg-bbbb2222"]`, "internet": "true"}},
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 0 {
					t.Fatalf("errors %v", errs)
				}
				i := findInstance(t, in, "tencentcloud_instance.i")
				if got := values(i.Bindings[0].Groups); !slices.Equal(got, []string{"sg-aaaa1111", "sg-bbbb2222"}) {
					t.Errorf("groups %v", got)
				}
				c := findCluster(t, in, "tencentcloud_kubernetes_cluster.c")
				if !c.Endpoint.Internet.Value() || !c.Endpoint.Internet.IsWritten() {
					t.Errorf("internet %v", c.Endpoint.Internet)
				}
			},
		},
		{
			name: "unknown lists",
			files: map[string]string{
				"main.tf": `variable "rules" { type = list(string) }
variable "sgs" {}
resource "tencentcloud_security_group" "s" { name = "s" }
resource "tencentcloud_security_group_lite_rule" "r" {
  security_group_id = tencentcloud_security_group.s.id
  ingress = var.rules
  egress  = ["ACCEPT#0.0.0.0/0#ALL#ALL", var.sgs]
}
resource "tencentcloud_kubernetes_node_pool" "p" {
  cluster_id = data.tencentcloud_kubernetes_clusters.c.list[0].cluster_id
  auto_scaling_config { orderly_security_group_ids = var.sgs }
}`,
			},
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 0 {
					t.Fatalf("errors %v", errs)
				}
				sg := findSG(t, in, "tencentcloud_security_group.s")
				if sg.Ingress.Complete || !strings.Contains(sg.Ingress.Why, "var.rules has no value") {
					t.Errorf("ingress complete=%v why=%q", sg.Ingress.Complete, sg.Ingress.Why)
				}
				if !sg.Egress.Complete || len(sg.Egress.Rules) != 2 {
					t.Fatalf("egress complete=%v rules=%d", sg.Egress.Complete, len(sg.Egress.Rules))
				}
				wantString(t, "unknown element", sg.Egress.Rules[1].CIDR, "", model.Unresolved, "main.tf:7:42", "var.sgs has no value")
				c := findCluster(t, in, "tencentcloud_kubernetes_node_pool.p.cluster_id")
				wantString(t, "cluster id", c.ID, "", model.Unresolved, "main.tf:10:16",
					"data.tencentcloud_kubernetes_clusters.c.list is known only after apply")
				g := c.NodeGroups[0]
				if g.Binding.Groups.Known() || g.Binding.Groups.Reason() != "var.sgs has no value" {
					t.Errorf("binding %v %q", g.Binding.Groups.State(), g.Binding.Groups.Reason())
				}
			},
		},
		{
			name: "counted resources and override files",
			files: map[string]string{
				"main.tf": `resource "tencentcloud_security_group" "s" {
  count = 2
  name  = "s${count.index}"
}`,
				"x_override.tf": `resource "tencentcloud_security_group" "s" { name = "o" }`,
			},
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 0 {
					t.Fatalf("errors %v", errs)
				}
				for _, addr := range []string{"tencentcloud_security_group.s[0]", "tencentcloud_security_group.s[1]"} {
					sg := findSG(t, in, addr)
					wantString(t, addr+" name", sg.Name, "o", model.Written, "x_override.tf:1:53", "")
					if at(sg.Resource.Range) != "main.tf:1:1" {
						t.Errorf("%s at %s, want main.tf:1:1", addr, at(sg.Resource.Range))
					}
				}
				if len(in.Notes) != 0 {
					t.Errorf("notes %v", in.Notes)
				}
			},
		},
		{
			name: "rule set and legacy rule on one group",
			files: map[string]string{
				"main.tf": `resource "tencentcloud_security_group" "s" { name = "s" }
resource "tencentcloud_security_group_rule_set" "rs" {
  security_group_id = tencentcloud_security_group.s.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
}
resource "tencentcloud_security_group_rule" "extra" {
  security_group_id = tencentcloud_security_group.s.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "DROP"
}`,
			},
			check: func(t *testing.T, in *model.Input, _ []*model.Error) {
				t.Helper()
				sg := findSG(t, in, "tencentcloud_security_group.s")
				l := sg.Ingress
				if !l.Complete || l.Ordered || len(l.Rules) != 2 || !strings.Contains(l.Why, "more than one resource") {
					t.Errorf("complete=%v ordered=%v rules=%d why=%q", l.Complete, l.Ordered, len(l.Rules), l.Why)
				}
				if len(in.RuleOwners) != 2 {
					t.Errorf("owners %d", len(in.RuleOwners))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var files []File
			for name, src := range tt.files {
				files = append(files, File{Path: name, Src: []byte(src)})
			}
			in, errs := parseModule(context.Background(), files, tt.opts)
			tt.check(t, in, errs)
		})
	}
}
