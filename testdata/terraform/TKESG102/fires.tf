# TKESG102: the node security groups must accept all traffic from the cluster
# network CIDR (the VPC's cidr_block and assistant_cidrs; TKE's worker rule N2),
# except TCP 22 and 3389. An ACCEPT of ALL from the node SG itself satisfies it
# too; an ACCEPT from any other SG does not stand for the VPC's CIDRs. Only
# TKESG102 is annotated here; the other checks these clusters trigger are not
# under test. One cause, one finding (see TKESG101/fires.tf).
#
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24
# and, unless said otherwise, the GR container network 172.16.0.0/16.
#
# This file holds the cases that fire (findings and notes); silent.tf holds
# the near misses.

# The pods, NodePorts and ping are accepted, the VPC is not: node <-> node
# traffic matches no rule. Finding at the binding.
resource "tencentcloud_vpc" "no_vpc_rule" {
  name       = "tkesg102-no-vpc-rule"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "no_vpc_rule_nodes" {
  name              = "tkesg102-no-vpc-rule-nodes"
  vpc_id            = tencentcloud_vpc.no_vpc_rule.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "no_vpc_rule_nodes" {
  name        = "tkesg102-no-vpc-rule-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "no_vpc_rule_nodes" {
  security_group_id = tencentcloud_security_group.no_vpc_rule_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "no_vpc_rule" {
  vpc_id                  = tencentcloud_vpc.no_vpc_rule.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-no-vpc-rule"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.no_vpc_rule_nodes.id
    security_group_ids = [tencentcloud_security_group.no_vpc_rule_nodes.id] # want "TKESG102 .*no.vpc.rule"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Everything is accepted from the SG of the bastion and CI runners, in the
# belief that this covers "the VPC". An ACCEPT from another SG never stands for
# the VPC's CIDRs: finding at the binding.
resource "tencentcloud_vpc" "vpc_from_other_sg" {
  name       = "tkesg102-vpc-from-other-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "vpc_from_other_sg_nodes" {
  name              = "tkesg102-vpc-from-other-sg-nodes"
  vpc_id            = tencentcloud_vpc.vpc_from_other_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "vpc_from_other_sg_nodes" {
  name        = "tkesg102-vpc-from-other-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "vpc_from_other_sg_nodes" {
  security_group_id = tencentcloud_security_group.vpc_from_other_sg_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.vpc_from_other_sg_bastion.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "bastion and ci runners"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "vpc_from_other_sg_bastion" {
  name        = "tkesg102-vpc-from-other-sg-bastion"
  description = "bastion and ci runners"
}

resource "tencentcloud_kubernetes_cluster" "vpc_from_other_sg" {
  vpc_id                  = tencentcloud_vpc.vpc_from_other_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-vpc-from-other-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.vpc_from_other_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.vpc_from_other_sg_nodes.id] # want "TKESG102 .*vpc.from.other.sg"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Only the node subnet 10.0.1.0/24 is accepted, not the whole VPC: the rest of
# 10.0.0.0/16 (where TKE's control plane and CLB health checks come from)
# matches no rule. Finding at the binding.
resource "tencentcloud_vpc" "node_subnet_only" {
  name       = "tkesg102-node-subnet-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "node_subnet_only_nodes" {
  name              = "tkesg102-node-subnet-only-nodes"
  vpc_id            = tencentcloud_vpc.node_subnet_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "node_subnet_only_nodes" {
  name        = "tkesg102-node-subnet-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "node_subnet_only_nodes" {
  security_group_id = tencentcloud_security_group.node_subnet_only_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.1.0/24"
    protocol    = "ALL"
    port        = "ALL"
    description = "node subnet"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "node_subnet_only" {
  vpc_id                  = tencentcloud_vpc.node_subnet_only.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-node-subnet-only"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.node_subnet_only_nodes.id
    security_group_ids = [tencentcloud_security_group.node_subnet_only_nodes.id] # want "TKESG102 .*node.subnet.only"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# VPC-CNI, same mistake: only the node subnet is accepted. The pods live in
# the ENI subnet 10.0.64.0/18, inside the VPC, so the binding loses flows of
# TKESG101, TKESG102 and TKESG103 at once. TKESG102's lost flows contain the
# others': one TKESG102 (naming TKESG101 and TKESG103), not three findings.
resource "tencentcloud_vpc" "cni_node_subnet_only" {
  name       = "tkesg102-cni-node-subnet-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "cni_node_subnet_only_nodes" {
  name              = "tkesg102-cni-node-subnet-only-nodes"
  vpc_id            = tencentcloud_vpc.cni_node_subnet_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_subnet" "cni_node_subnet_only_pods" {
  name              = "tkesg102-cni-node-subnet-only-pods"
  vpc_id            = tencentcloud_vpc.cni_node_subnet_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.64.0/18"
}

resource "tencentcloud_security_group" "cni_node_subnet_only_nodes" {
  name        = "tkesg102-cni-node-subnet-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "cni_node_subnet_only_nodes" {
  security_group_id = tencentcloud_security_group.cni_node_subnet_only_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.1.0/24"
    protocol    = "ALL"
    port        = "ALL"
    description = "node subnet"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "cni_node_subnet_only" {
  vpc_id                  = tencentcloud_vpc.cni_node_subnet_only.id
  network_type            = "VPC-CNI"
  eni_subnet_ids          = [tencentcloud_subnet.cni_node_subnet_only_pods.id]
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-cni-node-subnet-only"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.cni_node_subnet_only_nodes.id
    security_group_ids = [tencentcloud_security_group.cni_node_subnet_only_nodes.id] # want "TKESG102 .*TKESG101"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The VPC got an assistant CIDR 10.1.0.0/16 for a second node subnet, but the
# SG still accepts only the primary CIDR. The worker_config and the node pool
# bind exactly the same list: one finding, on the first binding (worker_config).
resource "tencentcloud_vpc" "assistant_cidr" {
  name            = "tkesg102-assistant-cidr"
  cidr_block      = "10.0.0.0/16"
  assistant_cidrs = ["10.1.0.0/16"]
}

resource "tencentcloud_subnet" "assistant_cidr_nodes" {
  name              = "tkesg102-assistant-cidr-nodes"
  vpc_id            = tencentcloud_vpc.assistant_cidr.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "assistant_cidr_nodes" {
  name        = "tkesg102-assistant-cidr-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "assistant_cidr_nodes" {
  security_group_id = tencentcloud_security_group.assistant_cidr_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_subnet" "assistant_cidr_nodes2" {
  name              = "tkesg102-assistant-cidr-nodes2"
  vpc_id            = tencentcloud_vpc.assistant_cidr.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.1.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "assistant_cidr" {
  vpc_id                  = tencentcloud_vpc.assistant_cidr.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-assistant-cidr"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.assistant_cidr_nodes.id
    security_group_ids = [tencentcloud_security_group.assistant_cidr_nodes.id] # want "TKESG102 .*assistant.cidr"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "assistant_cidr_pool" {
  name              = "tkesg102-assistant-cidr-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.assistant_cidr.id
  vpc_id            = tencentcloud_vpc.assistant_cidr.id
  subnet_ids        = [tencentcloud_subnet.assistant_cidr_nodes2.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.assistant_cidr_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# "Databases may not reach the nodes": a DROP of everything from the database
# subnet 10.0.200.0/24 above the VPC rule. It drops part of TKESG102 (and a far
# smaller part of TKESG104, NodePorts from those addresses): one TKESG102 at
# the DROP.
resource "tencentcloud_vpc" "drop_db_subnet" {
  name       = "tkesg102-drop-db-subnet"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_db_subnet_nodes" {
  name              = "tkesg102-drop-db-subnet-nodes"
  vpc_id            = tencentcloud_vpc.drop_db_subnet.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_db_subnet_nodes" {
  name        = "tkesg102-drop-db-subnet-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_db_subnet_nodes" {
  security_group_id = tencentcloud_security_group.drop_db_subnet_nodes.id

  ingress { # want "TKESG102 .*(?i:drop)"
    action      = "DROP"
    cidr_block  = "10.0.200.0/24"
    protocol    = "ALL"
    port        = "ALL"
    description = "database subnet"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "drop_db_subnet" {
  vpc_id                  = tencentcloud_vpc.drop_db_subnet.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-drop-db-subnet"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.drop_db_subnet_nodes.id
    security_group_ids = [tencentcloud_security_group.drop_db_subnet_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Node <-> node through the node SG itself, but only TCP: the alternative
# needs ALL protocols from the node SG, and UDP from the VPC (VXLAN, DNS to
# other nodes) matches no rule. Finding at the binding.
resource "tencentcloud_vpc" "self_tcp_only" {
  name       = "tkesg102-self-tcp-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "self_tcp_only_nodes" {
  name              = "tkesg102-self-tcp-only-nodes"
  vpc_id            = tencentcloud_vpc.self_tcp_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "self_tcp_only_nodes" {
  name        = "tkesg102-self-tcp-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "self_tcp_only_nodes" {
  security_group_id = tencentcloud_security_group.self_tcp_only_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.self_tcp_only_nodes.id
    protocol           = "TCP"
    port               = "ALL"
    description        = "node to node, tcp"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "self_tcp_only" {
  vpc_id                  = tencentcloud_vpc.self_tcp_only.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-self-tcp-only"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.self_tcp_only_nodes.id
    security_group_ids = [tencentcloud_security_group.self_tcp_only_nodes.id] # want "TKESG102 .*self.tcp.only"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP of everything from the SG "dmz" (hosts in the same VPC) sits between
# the pod/NodePort/ping rules and the VPC rule. Which addresses that SG holds is
# not known, so the fate of VPC traffic is unknown: a NOTE (level note) of
# TKESG102 at the binding. The pod and NodePort flows are decided above it.
resource "tencentcloud_vpc" "opaque_drop_vpc" {
  name       = "tkesg102-opaque-drop-vpc"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "opaque_drop_vpc_nodes" {
  name              = "tkesg102-opaque-drop-vpc-nodes"
  vpc_id            = tencentcloud_vpc.opaque_drop_vpc.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "opaque_drop_vpc_nodes" {
  name        = "tkesg102-opaque-drop-vpc-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "opaque_drop_vpc_nodes" {
  security_group_id = tencentcloud_security_group.opaque_drop_vpc_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  ingress {
    action             = "DROP"
    source_security_id = tencentcloud_security_group.opaque_drop_vpc_dmz.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "dmz hosts"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "opaque_drop_vpc_dmz" {
  name        = "tkesg102-opaque-drop-vpc-dmz"
  description = "dmz hosts"
}

resource "tencentcloud_kubernetes_cluster" "opaque_drop_vpc" {
  vpc_id                  = tencentcloud_vpc.opaque_drop_vpc.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-opaque-drop-vpc"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.opaque_drop_vpc_nodes.id
    security_group_ids = [tencentcloud_security_group.opaque_drop_vpc_nodes.id] # want "TKESG102 note: .*opaque.drop.vpc"
    key_ids            = ["skey-a1b2c3d4"]
  }
}
