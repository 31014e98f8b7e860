package terraform

import (
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestLiteReferences: a reference interpolated into a lite-rule string is
// the group or template it names, and a field that an unknown interpolation
// fills is unresolved while the others are read.
func TestLiteReferences(t *testing.T) {
	src := `
variable "peer" { type = string }
variable "port" { type = string }
resource "tencentcloud_security_group" "nodes" { name = "nodes" }
resource "tencentcloud_address_template" "a" { addresses = ["10.0.0.0/8"] }
resource "tencentcloud_address_template_group" "ag" { template_ids = [tencentcloud_address_template.a.id] }
resource "tencentcloud_protocol_template" "p" { protocols = ["tcp:22"] }
resource "tencentcloud_protocol_template_group" "pg" { template_ids = [tencentcloud_protocol_template.p.id] }
resource "tencentcloud_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "tencentcloud_security_group_lite_rule" "r" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress = [
    "ACCEPT#${tencentcloud_security_group.nodes.id}#ALL#ALL",
    "ACCEPT#${tencentcloud_address_template.a.id}#22#TCP",
    "ACCEPT#${tencentcloud_address_template_group.ag.id}#22#TCP",
    "DROP#0.0.0.0/0##${tencentcloud_protocol_template.p.id}",
    "DROP#0.0.0.0/0##${tencentcloud_protocol_template_group.pg.id}",
    "ACCEPT#${var.peer}#22#TCP",
    "ACCEPT#10.0.0.0/8#${var.port}#UDP",
    "${var.peer}#22#TCP",
    "ACCEPT#${tencentcloud_vpc.v.id}#22#TCP",
  ]
}
`
	in, errs := parseModule(t.Context(), []File{{Path: "main.tf", Src: []byte(src)}}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	rules := findSG(t, in, "tencentcloud_security_group.nodes").Ingress.Rules
	if len(rules) != 9 {
		t.Fatalf("%d rules, want 9", len(rules))
	}
	w, u := model.Written, model.Unresolved
	wantString(t, "self", rules[0].SecurityGroup, "tencentcloud_security_group.nodes", w, "", "")
	wantString(t, "template", rules[1].AddressTemplate, "tencentcloud_address_template.a", w, "", "")
	wantString(t, "template group", rules[2].AddressTemplateGroup, "tencentcloud_address_template_group.ag", w, "", "")
	wantString(t, "service", rules[3].ServiceTemplate, "tencentcloud_protocol_template.p", w, "", "")
	wantString(t, "service group", rules[4].ServiceTemplateGroup, "tencentcloud_protocol_template_group.pg", w, "", "")
	for i := range 3 {
		if rules[i].CIDR.State() != model.Defaulted || rules[i].Malformed != "" {
			t.Errorf("rule %d: cidr %q (%s), malformed %q", i, rules[i].CIDR.Value(), rules[i].CIDR.State(), rules[i].Malformed)
		}
	}
	for i := 3; i < 5; i++ {
		if rules[i].Protocol.State() != model.Defaulted || rules[i].Port.State() != model.Defaulted {
			t.Errorf("rule %d: protocol %q, port %q", i, rules[i].Protocol.Value(), rules[i].Port.Value())
		}
	}
	// An unknown peer: the action, port and protocol around it are read.
	wantString(t, "unknown peer", rules[5].CIDR, "", u, "main.tf:18:5", "var.peer has no value")
	wantString(t, "action", rules[5].Action, "ACCEPT", w, "", "")
	wantString(t, "port", rules[5].Port, "22", w, "", "")
	wantString(t, "protocol", rules[5].Protocol, "TCP", w, "", "")
	wantString(t, "unknown port", rules[6].Port, "", u, "", "var.port has no value")
	wantString(t, "peer", rules[6].CIDR, "10.0.0.0/8", w, "", "")
	// Two separators only: the unknown part may hold the third, so the
	// fields are not known.
	wantString(t, "unsplit", rules[7].Action, "", u, "", "var.peer has no value")
	wantString(t, "unsplit", rules[7].Port, "", u, "", "var.peer has no value")
	// The id of a VPC is no peer: kept as a CIDR, for TKESG402 to refuse.
	wantString(t, "vpc", rules[8].CIDR, "tencentcloud_vpc.v", w, "", "")
}
