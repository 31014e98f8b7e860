package owners_test

import (
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/owners"
)

const group = `resource "tencentcloud_security_group" "web" { name = "web" }
`

// legacy is a tencentcloud_security_group_rule of the group, on 7 lines
// (9 with an index).
func legacy(name, policy, port, index string) string {
	s := `resource "tencentcloud_security_group_rule" "` + name + `" {
  security_group_id = tencentcloud_security_group.web.id
  type              = "ingress"
  policy            = "` + policy + `"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "` + port + `"
`
	if index != "" {
		s += "  policy_index      = " + index + "\n"
	}
	return s + "}\n"
}

func TestOwners(t *testing.T) {
	ruleSet := `resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
}
`
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"a rule set and a legacy rule of one group", group + ruleSet + legacy("ssh", "ACCEPT", "22", ""), []string{
			`TKESG404 9 tencentcloud_security_group_rule.ssh defines rules of sg web, which tencentcloud_security_group_rule_set.web also defines; tencentcloud_security_group_rule_set.web replaces every rule of the group when applied`}},
		{"legacy rules alone share a group", group + legacy("a", "ACCEPT", "22", "") + legacy("b", "ACCEPT", "80", ""), nil},
		{"a DROP among unordered legacy rules", group + legacy("drop", "DROP", "22", "") + legacy("ssh", "ACCEPT", "22", ""), []string{
			`TKESG405 2 tencentcloud_security_group_rule.drop is a DROP among 2 ingress rules of sg web that are separate tencentcloud_security_group_rule resources without distinct policy_index values`}},
		{"a DROP that shares no flow with the ACCEPTs", group + legacy("drop", "DROP", "23", "") + legacy("ssh", "ACCEPT", "22", ""), nil},
		{"distinct policy indexes fix the order", group + legacy("drop", "DROP", "22", "1") + legacy("ssh", "ACCEPT", "22", "2"), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			analysistest.Expect(t, analysistest.Lint(t, []*analysis.Analyzer{owners.Analyzer}, map[string]string{"main.tf": tc.src}), tc.want...)
		})
	}
}
