# TKESG305: node groups that bind no security group get the groups the
# cluster's other nodes bind, written as they write them: the worker_config
# binds the node group, the node pool and the scale worker do not.

resource "tencentcloud_vpc" "main" {
  name       = "fix-binding"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  name              = "fix-binding-nodes"
  vpc_id            = tencentcloud_vpc.main.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-binding-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
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

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-binding"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    count              = 2
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "batch" {
  name       = "fix-binding-batch"
  cluster_id = tencentcloud_kubernetes_cluster.main.id
  vpc_id     = tencentcloud_vpc.main.id
  subnet_ids = [tencentcloud_subnet.nodes.id]
  max_size   = 4
  min_size   = 0

  auto_scaling_config {
    instance_type    = "SA5.LARGE8"
    system_disk_type = "CLOUD_SSD"
  }
}

resource "tencentcloud_kubernetes_scale_worker" "gpu" {
  cluster_id = tencentcloud_kubernetes_cluster.main.id

  worker_config {
    count         = 1
    instance_type = "GN7.2XLARGE32"
    subnet_id     = tencentcloud_subnet.nodes.id
  }
}
