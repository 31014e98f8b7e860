# One node group is the node group of two clusters, which share the VPC
# and the container network: the DROP at the end of its rules breaks both,
# so one fix serves the two findings at the same place, which the text
# tells apart by cluster. Each cluster's nodes need the new rules, so only
# the bastion, bound to the group as well, is said to get them too.

resource "tencentcloud_vpc" "main" {
  name       = "fix-shared-clusters"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-shared-clusters-nodes"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress = [
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
    "DROP#0.0.0.0/0#ALL#ALL",
  ]

  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

resource "tencentcloud_kubernetes_cluster" "blue" {
  cluster_name = "fix-shared-blue"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"
}

resource "tencentcloud_kubernetes_node_pool" "blue" {
  name       = "fix-shared-blue-pool"
  cluster_id = tencentcloud_kubernetes_cluster.blue.id
  vpc_id     = tencentcloud_vpc.main.id
  subnet_ids = ["subnet-12345678"]
  max_size   = 3
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "green" {
  cluster_name = "fix-shared-green"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"
}

resource "tencentcloud_kubernetes_node_pool" "green" {
  name       = "fix-shared-green-pool"
  cluster_id = tencentcloud_kubernetes_cluster.green.id
  vpc_id     = tencentcloud_vpc.main.id
  subnet_ids = ["subnet-12345678"]
  max_size   = 3
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

resource "tencentcloud_instance" "bastion" {
  instance_name           = "fix-shared-bastion"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.main.id
  subnet_id               = "subnet-12345678"
  orderly_security_groups = [tencentcloud_security_group.nodes.id]
}
