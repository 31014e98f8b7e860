package rulelists_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/rulelists"
)

// ruleSet returns a group whose rule set holds the ingress blocks given
// (their attributes), the first block on line 4.
func ruleSet(blocks ...string) string {
	return `resource "tencentcloud_security_group" "web" { name = "web" }
resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
` + "  ingress {\n    " + strings.Join(blocks, "\n  }\n  ingress {\n    ") + "\n  }\n}\n"
}

func TestRuleLists(t *testing.T) {
	many := make([]string, rulelists.MaxRules+2)
	for i := range many {
		many[i] = fmt.Sprintf("action = \"ACCEPT\"\n    protocol = \"TCP\"\n    port = \"%d\"\n    cidr_block = \"10.0.0.0/8\"", 1000+i)
	}
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"an accept under a drop of the same", ruleSet(`action = "DROP"
    protocol = "TCP"
    port = "22"
    cidr_block = "0.0.0.0/0"`, `action = "ACCEPT"
    protocol = "TCP"
    port = "22"
    cidr_block = "10.0.0.0/8"`), []string{
			`TKESG401 10 ingress rule 2 of sg web \(ACCEPT TCP 22 from 10.0.0.0/8\) can never match: rule 1 \(DROP TCP 22 from 0.0.0.0/0\) matches all its flows first; an ACCEPT hidden by a DROP is almost always a bug`}},
		{"a narrower rule first hides nothing", ruleSet(`action = "ACCEPT"
    protocol = "TCP"
    port = "22"
    cidr_block = "10.0.0.0/8"`, `action = "ACCEPT"
    protocol = "TCP"
    port = "22"
    cidr_block = "0.0.0.0/0"`), nil},
		{"a port out of range", ruleSet(`action = "ACCEPT"
    protocol = "TCP"
    port = "70000"
    cidr_block = "10.0.0.0/8"`), []string{`TKESG402 7 ingress rule 1 of sg web is invalid: .*outside 1..65535`}},
		// A protocol written "" is left out, so it is ALL, which takes
		// no port (it was once shown as an empty protocol).
		{"a port with an empty protocol", ruleSet(`action = "ACCEPT"
    protocol = ""
    port = "22"
    cidr_block = "10.0.0.0/8"`), []string{`TKESG402 7 ingress rule 1 of sg web is invalid: port 22 is given with protocol ALL; only TCP and UDP have ports`}},
		{"two peers", ruleSet(`action = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    source_security_id = "sg-12345678"`), []string{`TKESG402 4 the rule names 2 peers \(cidr, security_group\); exactly one is allowed`}},
		{"too many rules", ruleSet(many...), []string{
			fmt.Sprintf(`TKESG403 %d sg web has 102 ingress rules; Tencent Cloud allows at most 100 per direction, so this rule and the one after it cannot be created`, 4+6*rulelists.MaxRules)}},
		{"an address template entry that is no address", `resource "tencentcloud_address_template" "office" {
  name      = "office"
  addresses = ["10.0.0.1", "10.0.0.300"]
}
`, []string{`TKESG402 3 address template office is invalid: "10.0.0.300" is not a valid IP address or CIDR`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			analysistest.Expect(t, analysistest.Lint(t, []*analysis.Analyzer{rulelists.Analyzer}, map[string]string{"main.tf": tc.src}), tc.want...)
		})
	}
}
