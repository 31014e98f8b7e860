package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// disabledInputs are node groups that accept nothing: the repair of
// TKESG101 adds what the enabled requirements need, in every input kind
// that is repaired.
var disabledInputs = map[string]map[string]string{
	"rule-set": {"main.tf": tfCluster() + `
resource "tencentcloud_security_group" "nodes" {
  name = "dis-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}
`},
	"bare": {"main.tf": tfCluster() + `
resource "tencentcloud_security_group" "nodes" {
  name = "dis-nodes"
}
`},
	"lite": {"main.tf": tfCluster() + `
resource "tencentcloud_security_group" "nodes" {
  name = "dis-nodes"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress           = ["DROP#192.0.2.0/24#ALL#ALL"]
  egress            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}
`},
	"legacy": {"main.tf": tfCluster() + `
resource "tencentcloud_security_group" "nodes" {
  name = "dis-nodes"
}

resource "tencentcloud_security_group_rule" "out" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "ALL"
  policy            = "ACCEPT"
  policy_index      = 0
}

resource "tencentcloud_security_group_rule" "in" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "192.0.2.0/24"
  ip_protocol       = "ALL"
  policy            = "DROP"
  policy_index      = 0
}
`},
	"yaml": {"main.yaml": `Resources:
  vpc:
    Type: TencentCloud::VPC::VPC
    Properties: { VpcName: dis, CidrBlock: 10.0.0.0/16 }
  nodes:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: dis-nodes
      SecurityGroupPolicySet:
        Ingress:
          - Protocol: ALL
            Port: ALL
            CidrBlock: 192.0.2.0/24
            Action: DROP
        Egress:
          - Protocol: ALL
            Port: ALL
            CidrBlock: 0.0.0.0/0
            Action: ACCEPT
  cluster:
    Type: TencentCloud::TKE::Cluster
    Properties:
      ClusterName: dis
      VpcId: !Ref vpc
      ClusterCIDRSettings: { ClusterCIDR: 172.16.0.0/16, ServiceCIDR: 192.168.0.0/22 }
      Workers: { SecurityGroupIds: [!Ref nodes] }
`},
}

// tfCluster is a VPC and a cluster whose nodes bind sg nodes.
func tfCluster() string {
	return `resource "tencentcloud_vpc" "main" {
  name       = "dis"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "dis"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    count              = 2
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`
}

// TestFixDisabledChecks: a check that is off (--disable, --enable, or
// the configuration) shapes no repair: the fix of a group that accepts
// nothing restores what the enabled requirements need, and never the
// NodePorts from the world that TKESG104 would, in every input kind.
// Without the flag the same input gets them, so the test sees the
// difference.
func TestFixDisabledChecks(t *testing.T) {
	t.Parallel()
	inputs := maps.Clone(disabledInputs)
	inputs["json"] = map[string]string{"main.json": jsonWithoutIngress(t, filepath.Join("..", "..", "testdata", "fix", "template-json", "main.json"))}
	inputs["export"] = map[string]string{"bundle.json": exportWithoutIngress(t, filepath.Join("..", "..", "testdata", "fix", "export", "bundle.json"))}
	for name, files := range inputs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			added := func(args ...string) string {
				dir := t.TempDir()
				writeFiles(t, dir, files)
				r := lintIn(t, dir, append([]string{"--fix", "--fix-checks", "all", "--dry-run"}, append(args, ".")...)...)
				var out []string
				for l := range strings.SplitSeq(r.stdout+r.stderr, "\n") {
					if strings.HasPrefix(l, "+") || strings.HasPrefix(l, "tccli ") {
						out = append(out, l)
					}
				}
				return strings.Join(out, "\n")
			}
			all := added()
			if !strings.Contains(all, "30000-32768") || !strings.Contains(all, "172.16.0.0/16") {
				t.Fatalf("with every check, the fix does not restore the NodePorts and the pods:\n%s", all)
			}
			for _, args := range [][]string{{"--disable", "TKESG104"}, {"--enable", "TKESG101,TKESG105"}, {"--disable", "TKESG102,TKESG104"}} {
				got := added(args...)
				if !strings.Contains(got, "172.16.0.0/16") {
					t.Errorf("%v: no fix restores the pods:\n%s", args, got)
				}
				if strings.Contains(got, "30000-32768") || strings.Contains(got, "TKESG104") {
					t.Errorf("%v: the fix restores what disabled TKESG104 needs:\n%s", args, got)
				}
				if args[1] != "TKESG104" && strings.Contains(got, "TKESG102") {
					t.Errorf("%v: the fix restores what disabled TKESG102 needs:\n%s", args, got)
				}
			}
		})
	}
}

// jsonWithoutIngress returns the JSON template at p with the ingress
// policies of its node group removed.
func jsonWithoutIngress(t *testing.T, p string) string {
	t.Helper()
	var doc map[string]any
	readJSON(t, p, &doc)
	set := object(t, object(t, object(t, object(t, doc["Resources"])["nodes"])["Properties"])["SecurityGroupPolicySet"])
	set["Ingress"] = []any{map[string]any{"Protocol": "ALL", "Port": "ALL", "CidrBlock": "192.0.2.0/24", "Action": "DROP"}}
	return marshalJSON(t, doc)
}

// exportWithoutIngress returns the export bundle at p with the ingress
// policies of every group removed.
func exportWithoutIngress(t *testing.T, p string) string {
	t.Helper()
	var doc map[string]any
	readJSON(t, p, &doc)
	for _, region := range object(t, doc["Regions"]) {
		pols, ok := object(t, region)["DescribeSecurityGroupPolicies"]
		if !ok {
			continue
		}
		for _, sg := range object(t, pols) {
			set := object(t, object(t, sg)["SecurityGroupPolicySet"])
			set["Ingress"] = []any{}
		}
	}
	return marshalJSON(t, doc)
}

// object returns v as a JSON object, or fails the test.
func object(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not a JSON object: %v", v)
	}
	return m
}

func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func marshalJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

// TestDisabledCheckHidesNone: a DROP of the NodePorts from the world drops
// more of TKESG104 than of the others it breaks, so TKESG104 reports it and
// names them. With TKESG104 off, the others report it themselves: a
// check that is off hides no finding of another.
func TestDisabledCheckHidesNone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": tfCluster() + `
resource "tencentcloud_security_group" "nodes" {
  name = "dis-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}
`})
	all := lintIn(t, dir, ".")
	if !strings.Contains(all.stdout, "error TKESG104: TCP 30000 from") || strings.Contains(all.stdout, "error TKESG101") {
		t.Fatalf("with every check, the DROP is not TKESG104's alone:\n%s", all.stdout)
	}
	r := lintIn(t, dir, "--disable", "TKESG104", ".")
	for _, want := range []string{"error TKESG101: TCP 30000 from 172.16.0.1", "also breaks TKESG102"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("with TKESG104 off, no %q:\n%s", want, r.stdout)
		}
	}
	if r.code != exitFindings || strings.Contains(r.stdout, "TKESG104") {
		t.Errorf("with TKESG104 off: status %d, or TKESG104 still named:\n%s", r.code, r.stdout)
	}
}
