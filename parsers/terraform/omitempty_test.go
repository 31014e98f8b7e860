package terraform

import (
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestEmptyIsUnset: an optional attribute of a rule written as "" is left
// out, as Terraform leaves it (model.OmitEmpty), so that checks never meet
// the convention; a lite rule's positional protocol and port are not
// optional, and stay written.
func TestEmptyIsUnset(t *testing.T) {
	src := `
resource "tencentcloud_security_group" "sg" { name = "sg" }
resource "tencentcloud_security_group_rule_set" "rs" {
  security_group_id = tencentcloud_security_group.sg.id
  ingress {
    action          = "ACCEPT"
    cidr_block      = "10.0.0.0/8"
    ipv6_cidr_block = ""
    protocol        = " "
    port            = ""
    service_template_id = ""
  }
}
resource "tencentcloud_security_group_rule" "legacy" {
  security_group_id = tencentcloud_security_group.sg.id
  type              = "egress"
  policy            = "ACCEPT"
  cidr_ip           = "10.0.0.0/8"
  source_sgid       = ""
  ip_protocol       = ""
}
resource "tencentcloud_security_group" "lite" { name = "lite" }
resource "tencentcloud_security_group_lite_rule" "l" {
  security_group_id = tencentcloud_security_group.lite.id
  ingress = ["ACCEPT##22#TCP", "ACCEPT#10.0.0.0/8##"]
}
`
	in, errs := parseModule(t.Context(), []File{{Path: "main.tf", Src: []byte(src)}}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	sg := findSG(t, in, "tencentcloud_security_group.sg")
	rs, legacy := sg.Ingress.Rules[0], sg.Egress.Rules[0]
	for name, v := range map[string]model.String{
		"ipv6_cidr_block": rs.IPv6CIDR, "protocol": rs.Protocol, "port": rs.Port, "service_template_id": rs.ServiceTemplate,
		"source_sgid": legacy.SecurityGroup, "ip_protocol": legacy.Protocol,
	} {
		if v.State() != model.Defaulted {
			t.Errorf("%s: %s %q, want left out", name, v.State(), v.Value())
		}
	}
	if rs.Protocol.Value() != "ALL" || len(rs.Peer()) != 1 || len(legacy.Peer()) != 1 {
		t.Errorf("protocol %q, peers %d and %d; want ALL and one peer each", rs.Protocol.Value(), len(rs.Peer()), len(legacy.Peer()))
	}
	lite := findSG(t, in, "tencentcloud_security_group.lite").Ingress.Rules
	if len(lite[0].Peer()) != 0 {
		t.Errorf("an empty lite source is a peer: %+v", lite[0].Peer())
	}
	if lite[1].Protocol.State() != model.Written || lite[1].Port.State() != model.Written {
		t.Errorf("the empty protocol and port of a lite rule are %s and %s, want written (and invalid)", lite[1].Protocol.State(), lite[1].Port.State())
	}
}
