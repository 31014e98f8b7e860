# A self-deployed cluster (INDEPENDENT_CLUSTER) whose master group lacks
# etcd and kubelet from the VPC (TKESG106), whose API server is public with
# no internet endpoint group (TKESG107), and whose node pool binds no group
# (TKESG305). template.yaml describes the same network.

resource "tencentcloud_vpc" "ops" {
  name       = "ops"
  cidr_block = "10.40.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  name              = "ops-nodes"
  vpc_id            = tencentcloud_vpc.ops.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.40.1.0/24"
}

resource "tencentcloud_security_group" "nodes" {
  name = "ops-nodes"
}

resource "tencentcloud_security_group" "masters" {
  name = "ops-masters"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.22.0.0/16"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.40.0.0/16"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "30000-32768"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group_rule_set" "masters" {
  security_group_id = tencentcloud_security_group.masters.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ICMP"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.40.0.0/16"
    protocol   = "TCP"
    port       = "443,6443,53"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "172.22.0.0/16"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.40.0.0/16"
    protocol   = "UDP"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "ops" {
  vpc_id              = tencentcloud_vpc.ops.id
  cluster_name        = "ops"
  cluster_cidr        = "172.22.0.0/16"
  service_cidr        = "10.96.0.0/22"
  cluster_deploy_type = "INDEPENDENT_CLUSTER"
  cluster_internet    = true

  master_config {
    instance_type      = "SA5.LARGE8"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.masters.id]
  }

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "spare" {
  name       = "spare"
  cluster_id = tencentcloud_kubernetes_cluster.ops.id
  vpc_id     = tencentcloud_vpc.ops.id
  subnet_ids = [tencentcloud_subnet.nodes.id]

  auto_scaling_config {
    instance_type = "SA5.MEDIUM4"
  }
}
