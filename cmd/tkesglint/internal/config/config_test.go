package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
)

func TestParseFull(t *testing.T) {
	src := `checks:
  disable: [TKESG202]
  levels: { TKESG104: error }
exclude: ["legacy/**"]
rulesets: ["ci/our-ruleset.yaml"]
fail_on: warning
variables: { vpc_cidr: 10.0.0.0/16 }
suppressions:
  - { id: TKESG202, target: sg-1a2b3c4d, reason: "bastion behind VPN", expires: 2026-12-31 }
clusters:
  - match: cls-abcd1234
    lb_clients: []
  - name: prod
    node_security_groups: [sg-1a2b3c4d, tencentcloud_security_group.nodes]
    master_security_groups: []
    cluster_network: [10.0.0.0/16]
    container_network: [172.16.0.0/16]
    network_type: GR
    lb_clients: [0.0.0.0/0]
`
	c, errs := Parse("x/.tkesglint.yml", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if c.Disable[0] != "TKESG202" || c.Levels["TKESG104"] != analysis.LevelError || c.Exclude[0] != "legacy/**" ||
		c.Rulesets[0] != "ci/our-ruleset.yaml" || *c.FailOn != analysis.LevelWarning || c.Variables["vpc_cidr"] != "10.0.0.0/16" {
		t.Errorf("parsed %+v", c)
	}
	if s := c.Suppressions[0]; s.Target != "sg-1a2b3c4d" || s.Expires.Year() != 2026 || s.Range.Start.Line != 9 {
		t.Errorf("suppression %+v", s)
	}
	if len(c.Clusters) != 2 || c.Clusters[0].LBClients == nil || len(c.Clusters[0].LBClients) != 0 ||
		c.Clusters[1].Name != "prod" || len(c.Clusters[1].NodeSecurityGroups) != 2 || c.Clusters[1].Range.Start.Line != 13 {
		t.Errorf("clusters %+v", c.Clusters)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"chekcs: {}\n", `c.yml:1:1: invalid configuration: unknown key "chekcs" in the configuration`},
		{"checks:\n  disable: TKESG202\n", "c.yml:2:12: invalid configuration: checks.disable must be a list"},
		{"checks:\n  levels: { TKESG104: fatal }\n", `checks.levels.TKESG104: "fatal" is not error, warning or note`},
		{"fail_on: sometimes\n", "fail_on: unknown level"},
		{"clusters:\n  - name: x\n    cluster_network: [10.0.0.0/33]\n", `"10.0.0.0/33" is not a valid CIDR`},
		{"clusters:\n  - node_security_groups: [sg-1]\n", "needs match"},
		{"clusters:\n  - name: x\n    network_type: flannel\n", "must be GR, VPC-CNI or CiliumOverlay"},
		{"suppressions:\n  - { id: TKESG202 }\n", `needs "target"`},
		{"suppressions:\n  - { id: TKESG202, target: x, reason: y, expires: soon }\n", "not a date"},
		{"exclude: [a]\nexclude: [b]\n", `duplicate key "exclude"`},
		{"checks: [\n", "invalid YAML"},
	}
	for _, tt := range tests {
		_, errs := Parse("c.yml", []byte(tt.src))
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), tt.want) {
			t.Errorf("%q: errors %v, want %q", tt.src, errs, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != "" && strings.HasPrefix(got, root) {
		t.Fatalf("found %s before writing one", got)
	}
	if err := os.WriteFile(filepath.Join(root, "a", FileName), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, want := Find(sub), filepath.Join(root, "a", FileName); got != want {
		t.Fatalf("Find = %q, want %q", got, want)
	}
}
