# Groups bound through a set-typed field (a node pool's
# auto_scaling_config.security_group_ids): Terraform keeps no order between
# the groups, but each group keeps the order of its own rules. A flow's fate
# is any that a group which may match it gives; it depends on the order
# only when two groups may decide it differently. When their rules conflict,
# TKESG303 says so at the binding and no note says it again.

variable "trusted_cidr" {
  type = string
}

resource "tencentcloud_vpc" "main" {
  name       = "set-order"
  cidr_block = "10.0.0.0/16"
}

# TKE's node rules, egress included.
resource "tencentcloud_security_group" "nodes" {
  name = "set-order-nodes"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress = [
    "ACCEPT#172.16.0.0/16#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

# Drops DNS from half of the container network; nodes accepts it: which
# applies depends on the order of the two groups, which the set does not
# keep. One TKESG303 at the binding, and no note that TKESG101 and TKESG103
# are undecided because of it.
resource "tencentcloud_security_group" "no_dns" {
  name = "set-order-no-dns"
}

resource "tencentcloud_security_group_lite_rule" "no_dns" {
  security_group_id = tencentcloud_security_group.no_dns.id
  ingress           = ["DROP#172.16.128.0/17#50-60#UDP"]
}

resource "tencentcloud_kubernetes_cluster" "conflict" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "set-order-conflict"
  cluster_cidr = "172.16.0.0/16"
  service_cidr = "192.168.0.0/22"
}

resource "tencentcloud_kubernetes_node_pool" "conflict" {
  name       = "set-order-conflict"
  cluster_id = tencentcloud_kubernetes_cluster.conflict.id
  auto_scaling_config {
    security_group_ids = [tencentcloud_security_group.no_dns.id, tencentcloud_security_group.nodes.id] # want "TKESG303 .*UDP 53 from 172\\.16\\.128\\.1 is accepted by ingress rule 1 of sg set-order-nodes and dropped by ingress rule 1 of sg set-order-no-dns"
  }
}

# A group that drops DNS from half of the container network above its own
# accept of the whole network, bound with a group that does not match DNS:
# whatever the order of the groups, DNS from there is dropped, by the first
# rule of guarded. A finding, not a note that the order of guarded's rules
# is undefined (the order of its own rules is kept).
resource "tencentcloud_security_group" "guarded" {
  name = "set-order-guarded"
}

resource "tencentcloud_security_group_lite_rule" "guarded" {
  security_group_id = tencentcloud_security_group.guarded.id
  ingress = [
    "DROP#172.17.128.0/17#53#UDP", # want "TKESG103 UDP 53 from 172\\.17\\.128\\.1 .* is dropped by ingress rule 1 of sg set-order-guarded"
    "ACCEPT#172.17.0.0/16#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_security_group" "web" {
  name = "set-order-web"
}

resource "tencentcloud_security_group_lite_rule" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress           = ["ACCEPT#10.0.0.0/16#443#TCP"]
}

resource "tencentcloud_kubernetes_cluster" "guarded" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "set-order-guarded"
  cluster_cidr = "172.17.0.0/16"
  service_cidr = "192.168.4.0/22"
}

resource "tencentcloud_kubernetes_node_pool" "guarded" {
  name       = "set-order-guarded"
  cluster_id = tencentcloud_kubernetes_cluster.guarded.id
  auto_scaling_config {
    security_group_ids = [tencentcloud_security_group.guarded.id, tencentcloud_security_group.web.id]
  }
}

# A group that may accept everything (its CIDR is unresolved), bound with
# one that drops DNS from the container network: if the CIDR holds the
# container network, DNS is accepted or dropped depending on the order of
# the groups. No TKESG303 (nothing conflicts for certain), so the note says
# both: the variable, and the order of the groups (not of "the rules of"
# one group).
resource "tencentcloud_security_group" "trusted" {
  name = "set-order-trusted"
}

resource "tencentcloud_security_group_lite_rule" "trusted" {
  security_group_id = tencentcloud_security_group.trusted.id
  ingress           = ["ACCEPT#${var.trusted_cidr}#ALL#ALL"] # want "TKESG201 note: .*var\\.trusted_cidr has no value"
}

resource "tencentcloud_security_group" "strict" {
  name = "set-order-strict"
}

resource "tencentcloud_security_group_lite_rule" "strict" {
  security_group_id = tencentcloud_security_group.strict.id
  ingress = [
    "DROP#172.18.0.0/16#53#UDP",
    "ACCEPT#172.18.0.0/16#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "trusted" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "set-order-trusted"
  cluster_cidr = "172.18.0.0/16"
  service_cidr = "192.168.8.0/22"
}

resource "tencentcloud_kubernetes_node_pool" "trusted" {
  name       = "set-order-trusted"
  cluster_id = tencentcloud_kubernetes_cluster.trusted.id
  auto_scaling_config {
    security_group_ids = [tencentcloud_security_group.trusted.id, tencentcloud_security_group.strict.id] # want "TKESG101 note: TKESG101, TKESG103 could not be decided .*: ingress rule 1 of sg set-order-trusted depends on values that are not known \\(var\\.trusted_cidr has no value\\); the order of sg set-order-trusted, sg set-order-strict is undefined: auto_scaling_config\\.security_group_ids is a set, whose order Terraform does not keep$"
  }
}
