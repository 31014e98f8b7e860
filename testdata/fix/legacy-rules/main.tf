# Repairs among tencentcloud_security_group_rule resources, whose order is
# their policy_index. Every cluster has its own VPC 10.0.0.0/16 and the GR
# container network 172.16.0.0/16.

# A DROP of UDP 53 from everywhere at policy_index 1, right above the pod
# rule: the new ACCEPT of UDP 53 from the pods needs policy_index 1, so the
# rules from the DROP down move one place down.
resource "tencentcloud_vpc" "renumber" {
  name       = "fix-legacy-renumber"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "renumber" {
  name = "fix-legacy-renumber-nodes"
}

resource "tencentcloud_security_group_rule" "renumber_vpc" {
  security_group_id = tencentcloud_security_group.renumber.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 0
  description       = "N2 vpc"
}

resource "tencentcloud_security_group_rule" "renumber_no_dns" {
  security_group_id = tencentcloud_security_group.renumber.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "53"
  policy            = "DROP"
  policy_index      = 1
  description       = "no DNS from outside"
}

resource "tencentcloud_security_group_rule" "renumber_pods" {
  security_group_id = tencentcloud_security_group.renumber.id
  type              = "ingress"
  cidr_ip           = "172.16.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 2
  description       = "N1 pods"
}

resource "tencentcloud_security_group_rule" "renumber_nodeport_tcp" {
  security_group_id = tencentcloud_security_group.renumber.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 3
  description       = "N4 NodePort"
}

resource "tencentcloud_security_group_rule" "renumber_nodeport_udp" {
  security_group_id = tencentcloud_security_group.renumber.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 4
  description       = "N5 NodePort"
}

resource "tencentcloud_security_group_rule" "renumber_out" {
  security_group_id = tencentcloud_security_group.renumber.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "ACCEPT"
  policy_index      = 0
  description       = "all outbound"
}

resource "tencentcloud_kubernetes_cluster" "renumber" {
  cluster_name = "fix-legacy-renumber"
  vpc_id       = tencentcloud_vpc.renumber.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.renumber.id]
  }
}

# The same DROP with room above it (policy_index 0, 10, 20, …): the new
# rule takes policy_index 9 and nothing moves.
resource "tencentcloud_vpc" "room" {
  name       = "fix-legacy-room"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "room" {
  name = "fix-legacy-room-nodes"
}

resource "tencentcloud_security_group_rule" "room_vpc" {
  security_group_id = tencentcloud_security_group.room.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 0
  description       = "N2 vpc"
}

resource "tencentcloud_security_group_rule" "room_no_dns" {
  security_group_id = tencentcloud_security_group.room.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "53"
  policy            = "DROP"
  policy_index      = 10
  description       = "no DNS from outside"
}

resource "tencentcloud_security_group_rule" "room_pods" {
  security_group_id = tencentcloud_security_group.room.id
  type              = "ingress"
  cidr_ip           = "172.16.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 20
  description       = "N1 pods"
}

resource "tencentcloud_security_group_rule" "room_nodeport_tcp" {
  security_group_id = tencentcloud_security_group.room.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 30
  description       = "N4 NodePort"
}

resource "tencentcloud_security_group_rule" "room_nodeport_udp" {
  security_group_id = tencentcloud_security_group.room.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 40
  description       = "N5 NodePort"
}

resource "tencentcloud_security_group_rule" "room_out" {
  security_group_id = tencentcloud_security_group.room.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "ACCEPT"
  policy_index      = 0
  description       = "all outbound"
}

resource "tencentcloud_kubernetes_cluster" "room" {
  cluster_name = "fix-legacy-room"
  vpc_id       = tencentcloud_vpc.room.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.room.id]
  }
}

# Ingress rules only: nothing allows the nodes to send anything, so the
# egress rules TKE needs are new resources, after the last rule of the
# group.
resource "tencentcloud_vpc" "no_egress" {
  name       = "fix-legacy-no-egress"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "no_egress" {
  name = "fix-legacy-no-egress-nodes"
}

resource "tencentcloud_security_group_rule" "no_egress_pods" {
  security_group_id = tencentcloud_security_group.no_egress.id
  type              = "ingress"
  cidr_ip           = "172.16.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 0
}

resource "tencentcloud_security_group_rule" "no_egress_vpc" {
  security_group_id = tencentcloud_security_group.no_egress.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 1
}

resource "tencentcloud_security_group_rule" "no_egress_nodeport_tcp" {
  security_group_id = tencentcloud_security_group.no_egress.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 2
}

resource "tencentcloud_security_group_rule" "no_egress_nodeport_udp" {
  security_group_id = tencentcloud_security_group.no_egress.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 3
}

resource "tencentcloud_kubernetes_cluster" "no_egress" {
  cluster_name = "fix-legacy-no-egress"
  vpc_id       = tencentcloud_vpc.no_egress.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.no_egress.id]
  }
}

# A node group defined with no rule resource at all: the rules TKE needs
# go into a new tencentcloud_security_group_rule_set, right after it.
resource "tencentcloud_vpc" "bare" {
  name       = "fix-legacy-bare"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "bare" {
  name = "fix-legacy-bare-nodes"
}

resource "tencentcloud_kubernetes_cluster" "bare" {
  cluster_name = "fix-legacy-bare"
  vpc_id       = tencentcloud_vpc.bare.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.bare.id]
  }
}
