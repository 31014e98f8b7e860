package requirements_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/rulesets"
)

// nodeCluster is a GR cluster in the VPC 10.0.0.0/16 with pods in
// 172.16.0.0/16, whose workers are bound to sg nodes, with these ingress
// rules (the first block on line 17) and egress rules after them.
func nodeCluster(ingress []string, egress ...string) string {
	blocks := func(kind string, rules []string) string {
		var b strings.Builder
		for _, r := range rules {
			b.WriteString("  " + kind + " {\n    " + strings.ReplaceAll(r, "; ", "\n    ") + "\n  }\n")
		}
		return b.String()
	}
	return `resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}
resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "prod"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"
  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
resource "tencentcloud_security_group" "nodes" { name = "nodes" }
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
` + "  # ingress\n" + blocks("ingress", ingress) + blocks("egress", egress) + "}\n"
}

// tkeDefaults are the rules TKE gives a worker group that its
// requirements need (N1, N2, N4 and N5; not N3, SSH, nor N6, ICMP), each on
// six lines.
func tkeDefaults() []string {
	return []string{
		`action = "ACCEPT"; cidr_block = "172.16.0.0/16"; protocol = "ALL"; port = "ALL"`,
		`action = "ACCEPT"; cidr_block = "10.0.0.0/16"; protocol = "ALL"; port = "ALL"`,
		`action = "ACCEPT"; cidr_block = "0.0.0.0/0"; protocol = "TCP"; port = "30000-32768"`,
		`action = "ACCEPT"; cidr_block = "0.0.0.0/0"; protocol = "UDP"; port = "30000-32768"`,
	}
}

const allOut = `action = "ACCEPT"; cidr_block = "0.0.0.0/0"; protocol = "ALL"; port = "ALL"`

func TestRequirementsInline(t *testing.T) {
	dropDNS := `action = "DROP"; cidr_block = "0.0.0.0/0"; protocol = "UDP"; port = "53"`
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"TKE's defaults", nodeCluster(tkeDefaults(), allOut), nil},
		{"DNS dropped above the pods' rule", nodeCluster(append([]string{dropDNS}, tkeDefaults()...), allOut), []string{
			`TKESG103 17 UDP 53 from 172.16.0.1 \(container network 172.16.0.0/16\) to the nodes of cluster prod is dropped by ingress rule 1 of sg nodes \(DROP UDP 53 from 0.0.0.0/0\) before ingress rule 2 of sg nodes could accept it; TKE needs it`}},
		{"no rule for the VPC", nodeCluster(append(tkeDefaults()[:1:1], tkeDefaults()[2:]...), allOut), []string{
			`TKESG102 10 from 10.0.0.1 \(cluster network 10.0.0.0/16\) to the nodes of cluster prod matches no rule of sg nodes, so it is dropped`}},
		{"no egress", nodeCluster(tkeDefaults()), []string{
			`TKESG105 14 .* from the nodes of cluster prod to .* matches no rule of sg nodes, so it is dropped`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The TKE requirements only: the rules of these clusters are
			// not all least privilege, which other checks say.
			got := analysistest.Lint(t, rulesets.All(rulesets.Options{}), map[string]string{"main.tf": tc.src})
			only := got[:0]
			for _, f := range got {
				if strings.HasPrefix(f.Check.ID, "TKESG1") {
					only = append(only, f)
				}
			}
			analysistest.Expect(t, only, tc.want...)
		})
	}
}

// TestOpaqueTemplateCaveat: an ACCEPT of an address template whose members
// the input does not give does not satisfy a requirement that names no
// template (docs/design.md#three-valued-answers), so the verdict stays; the
// finding says what it rests on, and points at the ACCEPT.
func TestOpaqueTemplateCaveat(t *testing.T) {
	template := `action = "ACCEPT"; address_template_id = "ipm-12345678"`
	dropAll := `action = "DROP"; cidr_block = "0.0.0.0/0"`
	for _, tc := range []struct {
		name, want string
		ingress    []string
	}{
		{"above a DROP", `.* is dropped by ingress rule 2 of sg nodes \(DROP ALL from 0.0.0.0/0\), unless 172.16.0.1 is in address template ipm-12345678, which is not in the input: ingress rule 1 of sg nodes \(ACCEPT ALL from ipm-12345678\) would then accept it; TKE needs it`, []string{template, dropAll}},
		{"no rule matches", `.* matches no rule of sg nodes, so it is dropped, unless 172.16.0.1 is in address template ipm-12345678, which is not in the input: ingress rule 1 of sg nodes \(ACCEPT ALL from ipm-12345678\) would then accept it; nodes accept`, []string{template}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := analysistest.Lint(t, rulesets.All(rulesets.Options{}), map[string]string{"main.tf": nodeCluster(tc.ingress, allOut)})
			var found bool
			for _, f := range got {
				if f.Check.ID != "TKESG101" {
					continue
				}
				if !regexp.MustCompile(tc.want).MatchString(f.Message) {
					t.Errorf("TKESG101 message\n%s\ndoes not match\n%s", f.Message, tc.want)
				}
				found = true
				var related bool
				for _, r := range f.Related {
					if r.Range.Start.Line == 17 && strings.Contains(r.Message, "ingress rule 1 of sg nodes accepts it if 172.16.0.1 is in address template ipm-12345678") {
						related = true
					}
				}
				if !related {
					t.Errorf("TKESG101 has no related location at the template's ACCEPT (line 17): %+v", f.Related)
				}
			}
			if !found {
				t.Errorf("no TKESG101 in %v", got)
			}
		})
	}
}
