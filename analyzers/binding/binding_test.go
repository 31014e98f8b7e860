package binding_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/binding"
	"github.com/tkesglint/tkesglint/analyzers/topology"
)

// prod is a cluster whose workers are bound to sg nodes (line 6), followed
// by more resources from line 9 on.
func prod(more ...string) string {
	return `resource "tencentcloud_security_group" "nodes" { name = "nodes" }
resource "tencentcloud_security_group" "other" { name = "other" }
resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "prod"
  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
` + strings.Join(more, "")
}

// pool is a node pool of prod whose CVMs are bound by the attribute given
// (on the pool's fifth line), or to nothing.
func pool(name, bound string) string {
	return `resource "tencentcloud_kubernetes_node_pool" "` + name + `" {
  name       = "` + name + `"
  cluster_id = tencentcloud_kubernetes_cluster.prod.id
  auto_scaling_config {
    ` + bound + `
  }
}
`
}

// instance is a CVM bound by the attribute given, on its second line.
func instance(name, bound string) string {
	return `resource "tencentcloud_instance" "` + name + `" {
  ` + bound + `
}
`
}

// sshRules are rule sets of the groups ssh (TCP 22 from the world
// accepted) and deny (dropped), for conflicts.
const sshRules = `resource "tencentcloud_security_group" "ssh" { name = "ssh" }
resource "tencentcloud_security_group_rule_set" "ssh" {
  security_group_id = tencentcloud_security_group.ssh.id
  ingress {
    action     = "ACCEPT"
    protocol   = "TCP"
    port       = "22"
    cidr_block = "0.0.0.0/0"
  }
}
resource "tencentcloud_security_group" "deny" { name = "deny" }
resource "tencentcloud_security_group_rule_set" "deny" {
  security_group_id = tencentcloud_security_group.deny.id
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }
}
`

func TestBinding(t *testing.T) {
	analyzers := []*analysis.Analyzer{binding.New(topology.New(topology.Options{}))}
	six := make([]string, 6)
	for i := range six {
		six[i] = fmt.Sprintf("\"sg-0000000%d\"", i)
	}
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"a pool binds the nodes' list", prod(pool("same", "orderly_security_group_ids = [tencentcloud_security_group.nodes.id]")), nil},
		{"a pool adds a group", prod(pool("more", "orderly_security_group_ids = [tencentcloud_security_group.nodes.id, tencentcloud_security_group.other.id]")), []string{
			`TKESG301 13 these nodes of cluster prod are bound to \[sg nodes, sg other\], while other nodes of the cluster are bound to \[sg nodes\]`}},
		{"a pool binds no group", prod(pool("bare", "instance_type = \"SA5.MEDIUM4\"")), []string{
			`TKESG305 9 a node pool of cluster prod binds no security group: its CVMs fall back to the project's default security group`}},
		{"a CVM outside the cluster gets the node group", prod(instance("db", "orderly_security_groups = [tencentcloud_security_group.nodes.id]")), []string{
			`TKESG302 10 tencentcloud_instance.db is not a node of cluster prod but is bound to sg nodes, a node security group of that cluster`}},
		{"conflicting groups bound through a set", prod(sshRules, instance("bastion", "security_groups = [tencentcloud_security_group.ssh.id, tencentcloud_security_group.deny.id]")), []string{
			`TKESG303 28 security_groups binds \[sg ssh, sg deny\] through a set, whose order Terraform does not keep, and their ingress rules conflict: TCP 22 from .* is accepted by ingress rule 1 of sg ssh and dropped by ingress rule 1 of sg deny; bind them through the ordered field instead \(orderly_security_groups\)$`}},
		{"the same groups bound in order", prod(sshRules, instance("bastion", "orderly_security_groups = [tencentcloud_security_group.ssh.id, tencentcloud_security_group.deny.id]")), nil},
		{"six groups on one CVM", prod(instance("crowded", "orderly_security_groups = ["+strings.Join(six, ", ")+"]")), []string{
			`TKESG304 10 tencentcloud_instance.crowded is bound to 6 security groups; Tencent Cloud binds at most 5 to one CVM`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			analysistest.Expect(t, analysistest.Lint(t, analyzers, map[string]string{"main.tf": tc.src}), tc.want...)
		})
	}
}
