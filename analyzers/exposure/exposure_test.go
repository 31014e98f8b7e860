package exposure_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/exposure"
	"github.com/tkesglint/tkesglint/rulesets"
)

// ingress returns a group whose rule set holds the ingress blocks given
// (their attributes), the first block on line 4.
func ingress(blocks ...string) string {
	return `resource "tencentcloud_security_group" "web" { name = "web" }
resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
` + "  ingress {\n    " + strings.Join(blocks, "\n  }\n  ingress {\n    ") + "\n  }\n}\n" + `variable "peer" { type = string }
`
}

func TestExposure(t *testing.T) {
	analyzers := []*analysis.Analyzer{exposure.New(rulesets.Builtin())}
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"everything from the world", ingress(`action = "ACCEPT"
    cidr_block = "0.0.0.0/0"`), []string{
			`TKESG201 4 ingress rule 1 of sg web \(ACCEPT ALL from 0.0.0.0/0\) accepts all protocols and ports from the world`}},
		{"every TCP port", ingress(`action = "ACCEPT"
    protocol = "TCP"
    cidr_block = "0.0.0.0/0"`), []string{`TKESG201 4 accepts every TCP port from the world`}},
		{"ssh, not the port after it", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "22"
    cidr_block = "0.0.0.0/0"`, `action = "ACCEPT"
    protocol = "TCP"
    port = "80"
    cidr_block = "0.0.0.0/0"`), []string{`TKESG202 4 remote administration from the world \(0.0.0.0/0\): TCP 22 \(SSH\)`}},
		{"ssh below a drop of it decides nothing", ingress(`action = "DROP"
    protocol = "TCP"
    port = "22"
    cidr_block = "0.0.0.0/0"`, `action = "ACCEPT"
    protocol = "TCP"
    port = "22"
    cidr_block = "0.0.0.0/0"`), nil},
		{"ssh from a private range", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "22"
    cidr_block = "10.0.0.0/8"`), nil},
		{"kubelet and etcd", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "2379-10250"
    cidr_block = "::/0"`), []string{`TKESG203 4 control-plane or node-agent ports from the world \(::/0\): TCP 10250 \(kubelet\), TCP 2379-2380 \(etcd\), TCP 6443 \(API server\)`,
			`TKESG202 4 remote administration from the world \(::/0\): TCP 3389 \(RDP\)`,
			`TKESG206 4 (?s)services that must never face the internet`}},
		{"only the named ports the rule accepts", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "2379,60002"
    cidr_block = "0.0.0.0/0"`), []string{`TKESG203 4 \(0.0.0.0/0\): TCP 2379 \(etcd\), TCP 60002 \(TKE API server\)$`}},
		{"only the named ports an undecided rule may accept", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "2380"
    cidr_block = var.peer`), []string{`TKESG203 4 note: \(if its unresolved peer is the world\): TCP 2380 \(etcd\); TKESG203 could not be decided`}},
		{"a sensitive service", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "3306"
    cidr_block = "0.0.0.0/0"`), []string{`TKESG206 4 accepts MySQL from the world \(0.0.0.0/0\), for example TCP 3306 from`}},
		{"an unresolved peer is a note", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "22"
    cidr_block = var.peer`), []string{`TKESG202 4 note: may accept remote administration from the world \(if its unresolved peer is the world\).*; TKESG202 could not be decided: .*var.peer has no value`}},
		{"0.0.0.0/n is the world", ingress(`action = "ACCEPT"
    protocol = "TCP"
    port = "443"
    cidr_block = "0.0.0.0/8"`), []string{`TKESG205 8 the source 0.0.0.0/8 of ingress rule 1 of sg web is treated by Tencent Cloud as 0.0.0.0/0`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			analysistest.Expect(t, analysistest.Lint(t, analyzers, map[string]string{"main.tf": tc.src}), tc.want...)
		})
	}
}

// TestWorldAliasFix: TKESG205 offers 0.0.0.0/0 for 0.0.0.0/n, as an edit
// of the CIDR itself, in a rule-set block and inside a lite rule's string.
func TestWorldAliasFix(t *testing.T) {
	analyzers := []*analysis.Analyzer{exposure.New(rulesets.Builtin())}
	src := `resource "tencentcloud_security_group" "web" { name = "web" }
resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress {
    action = "ACCEPT"
    protocol = "TCP"
    port = "443"
    cidr_block = "0.0.0.0/8"
  }
}
resource "tencentcloud_security_group" "lite" { name = "lite" }
resource "tencentcloud_security_group_lite_rule" "lite" {
  security_group_id = tencentcloud_security_group.lite.id
  ingress = ["ACCEPT#0.0.0.0/16#443#TCP"]
}
`
	var got []string
	for _, f := range analysistest.Lint(t, analyzers, map[string]string{"main.tf": src}) {
		for _, fix := range f.Fixes {
			for _, e := range fix.TextEdits {
				got = append(got, fix.Message+" @ "+e.Range.String()+"-"+src[e.Range.Start.Byte:e.Range.End.Byte]+" -> "+e.NewText)
			}
		}
	}
	want := []string{
		"Write 0.0.0.0/8 as 0.0.0.0/0, which it means @ main.tf:8:19-0.0.0.0/8 -> 0.0.0.0/0",
		"Write 0.0.0.0/16 as 0.0.0.0/0, which it means @ main.tf:14:22-0.0.0.0/16 -> 0.0.0.0/0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fixes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOneNotePerRule: an undecided exposure is one note per rule, whatever
// checks it leaves undecided, and the note's missing values are those that
// decide that rule only: the first of two rules from unknown CIDRs is not
// decided by the second's.
func TestOneNotePerRule(t *testing.T) {
	analyzers := []*analysis.Analyzer{exposure.New(rulesets.Builtin())}
	src := `variable "a" { type = string }
variable "b" { type = string }
resource "tencentcloud_security_group" "nodes" { name = "nodes" }
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress {
    action     = "ACCEPT"
    cidr_block = var.a
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = var.b
    protocol   = "TCP"
    port       = "22,2379,6379"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }
}
`
	var got []string
	for _, f := range analysistest.Lint(t, analyzers, map[string]string{"main.tf": src}) {
		got = append(got, fmt.Sprintf("%s %d %s %q", f.Check.ID, f.Range.Start.Line, f.Level, f.Undecided))
	}
	want := []string{
		`TKESG201 6 note ["ingress rule 1 of sg nodes depends on values that are not known (var.a has no value)"]`,
		`TKESG202 10 note ["ingress rule 2 of sg nodes depends on values that are not known (var.b has no value)"]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
