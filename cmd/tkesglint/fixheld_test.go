package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// udpNodePortsMissing is a node group that accepts everything TKE needs
// but the UDP NodePorts, which only UDP LoadBalancer Services use:
// TKESG104 is then a note.
const udpNodePortsMissing = `resource "tencentcloud_vpc" "main" {
  name       = "held"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "held-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "held"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    count              = 1
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`

// TestFixHeld: --fix without --fix-checks writes no rule open to the
// whole internet and makes no fix of a note; it says which fixes it left
// and the command that makes them, and the findings still offer them.
// Named with --fix-checks, they are made.
func TestFixHeld(t *testing.T) {
	t.Parallel()
	const udp = `protocol    = "UDP"`
	read := func(dir string) string {
		b, err := os.ReadFile(filepath.Join(dir, "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		args  []string
		// added is what the fix writes when named; held what --fix says.
		added, held string
	}{
		{
			name: "note open to the world", files: map[string]string{"main.tf": udpNodePortsMissing},
			added: `cidr_block  = "0.0.0.0/0"`,
			held:  "tkesglint: 1 fix of TKESG104 left offered, not made: it accepts UDP 30000-32768 from 0.0.0.0/0 (the whole internet), and --fix makes such a fix only when named (--fix --fix-checks TKESG104)\n",
		},
		{
			name: "note", files: map[string]string{"main.tf": udpNodePortsMissing}, args: []string{"--lb-clients", "198.51.100.0/24"},
			added: `cidr_block  = "198.51.100.0/24"`,
			held:  "tkesglint: 1 fix of TKESG104 left offered, not made: its finding is a note, which fails nothing, and --fix makes the fixes of notes only when named (--fix --fix-checks TKESG104)\n",
		},
		{
			name: "error open to the world", files: disabledInputs["rule-set"],
			added: `port        = "30000-32768"`,
			held:  "tkesglint: 1 fix of TKESG101 left offered, not made: it accepts TCP 30000-32768 from 0.0.0.0/0, UDP 30000-32768 from 0.0.0.0/0 (the whole internet), and --fix makes such a fix only when named (--fix --fix-checks TKESG101); those rules are TKESG104's NodePorts for the load-balancer clients, the whole internet unless given: name the clients (--lb-clients CIDR, or lb_clients in the configuration) or turn TKESG104 off (--disable TKESG104), and --fix makes the rest without them\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			orig := read(dir)
			lint := lintIn(t, dir, append(tc.args, ".")...)
			if !strings.Contains(lint.stdout+lint.stderr, "  fix: ") {
				t.Fatalf("the finding offers no fix:\n%s", lint.stdout+lint.stderr)
			}
			r := lintIn(t, dir, append(append([]string{"--fix"}, tc.args...), ".")...)
			if got := read(dir); strings.Contains(got, tc.added) || strings.Count(got, udp) != strings.Count(orig, udp) {
				t.Errorf("--fix made the held fix:\n%s", got)
			}
			if !strings.Contains(r.stderr, tc.held) {
				t.Errorf("--fix does not say which fix it left, and why:\n%s", r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, "  fix: ") {
				t.Errorf("after --fix, the finding no longer offers its fix:\n%s", r.stdout+r.stderr)
			}
			id := tc.held[strings.Index(tc.held, "of TKESG")+3:][:8]
			lintIn(t, dir, append(append([]string{"--fix", "--fix-checks", id}, tc.args...), ".")...)
			if got := read(dir); !strings.Contains(got, tc.added) {
				t.Errorf("--fix --fix-checks %s did not make the fix:\n%s", id, got)
			}
		})
	}
}

// heldExport is an export whose node group ends in DROP ALL from
// 0.0.0.0/0 with nothing for the pods or the NodePorts, and a 0.0.0.0/8
// rule (TKESG205): the call that repairs it accepts NodePorts from the
// whole internet.
const heldExport = `{
  "DescribeSecurityGroups": {"SecurityGroupSet": [{"SecurityGroupId": "sg-held0001", "SecurityGroupName": "tke-worker-security-for-cls-held0001"}]},
  "DescribeSecurityGroupPolicies": {"sg-held0001": {"SecurityGroupPolicySet": {"Version": "3", "Ingress": [
    {"PolicyIndex": 0, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "10.0.0.0/16", "Action": "ACCEPT"},
    {"PolicyIndex": 1, "Protocol": "TCP", "Port": "443", "CidrBlock": "0.0.0.0/8", "Action": "ACCEPT"},
    {"PolicyIndex": 2, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "DROP"}
  ], "Egress": [{"PolicyIndex": 0, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}]}}},
  "DescribeVpcs": {"VpcSet": [{"VpcId": "vpc-held", "CidrBlock": "10.0.0.0/16", "AssistantCidrSet": []}]},
  "DescribeInstances": {"InstanceSet": [{"InstanceId": "ins-held", "SecurityGroupIds": ["sg-held0001"], "PrivateIpAddresses": ["10.0.1.5"], "VirtualPrivateCloud": {"VpcId": "vpc-held"}}]},
  "DescribeClusters": {"Clusters": [{"ClusterId": "cls-held0001", "ClusterType": "MANAGED_CLUSTER", "ClusterNetworkSettings": {"ClusterCIDR": "172.16.0.0/16", "ServiceCIDR": "192.168.0.0/22", "VpcId": "vpc-held"}, "Property": "{\"NetworkType\":\"GR\"}"}]},
  "DescribeClusterInstances": {"cls-held0001": {"InstanceSet": [{"InstanceId": "ins-held", "InstanceRole": "WORKER"}]}}
}
`

// TestFixHeldExport: the API calls --fix lists for an export follow the
// same choice as the edits of files: a call that accepts flows from the
// whole internet is held unless its check is named, and so is a call of a
// check --fix-checks does not name; the finding still offers it.
func TestFixHeldExport(t *testing.T) {
	t.Parallel()
	const listed = "tkesglint: exports are not edited; these API calls would make the same repairs"
	for _, tc := range []struct {
		args []string
		held string // "" when the call is listed
	}{
		{held: "tkesglint: 1 API call of TKESG103 left offered, not listed with the repairs: it accepts TCP 30000-32768 from 0.0.0.0/0, UDP 30000-32768 from 0.0.0.0/0 (the whole internet), and --fix lists such a call only when named (--fix --fix-checks TKESG103); those rules are TKESG104's NodePorts for the load-balancer clients, the whole internet unless given: name the clients (--lb-clients CIDR, or lb_clients in the configuration) or turn TKESG104 off (--disable TKESG104), and --fix lists the rest without them\n"},
		{args: []string{"--fix-checks", "TKESG205"}, held: "tkesglint: 1 API call of TKESG103 left offered, not listed with the repairs, as --fix-checks does not name it\n"},
		{args: []string{"--fix-checks", "TKESG103"}},
	} {
		t.Run(strings.Join(append([]string{"fix"}, tc.args...), " "), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"bundle.json": heldExport})
			r := lintIn(t, dir, append(append([]string{"--fix"}, tc.args...), ".")...)
			if !strings.Contains(r.stdout, "fix for the live account:") {
				t.Errorf("the finding no longer offers its call:\n%s", r.stdout)
			}
			if tc.held == "" {
				if !strings.Contains(r.stderr, listed) || !strings.Contains(r.stderr, `"CidrBlock":"0.0.0.0/0","Action":"ACCEPT"`) {
					t.Errorf("the call of the named check is not listed:\n%s", r.stderr)
				}
				if strings.Contains(r.stderr, "left offered") {
					t.Errorf("the named call is said held:\n%s", r.stderr)
				}
				return
			}
			if strings.Contains(r.stderr, listed) || strings.Contains(r.stderr, "tccli ") {
				t.Errorf("the held call is listed as a repair:\n%s", r.stderr)
			}
			if !strings.Contains(r.stderr, tc.held) {
				t.Errorf("--fix does not say which call it left, and why:\n%s", r.stderr)
			}
		})
	}
}

// TestFixHeldAdvice: what the held line of a group with no rules says
// holds: with the load-balancer clients named, or TKESG104 off, plain
// --fix makes TKESG101's fix, with no rule from the whole internet.
func TestFixHeldAdvice(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--lb-clients", "198.51.100.0/24"}, {"--disable", "TKESG104"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFiles(t, dir, disabledInputs["rule-set"])
			r := lintIn(t, dir, append(append([]string{"--fix"}, args...), ".")...)
			b, err := os.ReadFile(filepath.Join(dir, "main.tf"))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(b); strings.Count(got, `"0.0.0.0/0"`) != strings.Count(disabledInputs["rule-set"]["main.tf"], `"0.0.0.0/0"`) || !strings.Contains(got, `cidr_block  = "172.16.0.0/16"`) || strings.Contains(r.stderr, "left offered") {
				t.Errorf("--fix %s did not make the rest of the fix without world-open rules:\n%s\n%s", strings.Join(args, " "), r.stderr, got)
			}
		})
	}
}
