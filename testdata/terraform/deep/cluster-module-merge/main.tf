# Security groups chosen by name through two levels of modules. The inner
# module (modules/groups) creates the groups it is given and maps every
# group name to its id: the names of the groups that already exist in the
# account come from a data source, known only after apply, and the groups it
# creates are merged in last. The outer module (modules/security) passes the
# map on, with one more entry of its own.
#
# Terraform's merge gives later arguments precedence, so the id of a group
# the module creates is decided whatever the data source returns: the
# cluster's node group is the created "nodes" group, whose last ingress rule
# (DROP ALL from 0.0.0.0/0) drops the pods' DNS queries to CoreDNS on other
# nodes: TKESG103 at that DROP, inside the inner module.
#
# The node pool of the second cluster is bound to "shared-ops", a group the
# module does not create: only the data source could hold it, so nothing is
# decided, and the notes name the data source.

module "security" {
  source   = "./modules/security"
  vpc_cidr = "10.40.0.0/16"
  pod_cidr = "172.20.0.0/16"
}

resource "tencentcloud_vpc" "main" {
  name       = "merge"
  cidr_block = "10.40.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  name              = "merge-nodes"
  vpc_id            = tencentcloud_vpc.main.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.40.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "merge" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "merge"
  cluster_cidr = "172.20.0.0/16"
  service_cidr = "10.96.0.0/22"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [module.security.ids["nodes"]]
  }
}

resource "tencentcloud_kubernetes_cluster" "shared" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "shared"
  cluster_cidr = "172.21.0.0/16"
  service_cidr = "10.97.0.0/22"
}

resource "tencentcloud_kubernetes_node_pool" "ops" {
  name       = "ops"
  cluster_id = tencentcloud_kubernetes_cluster.shared.id
  vpc_id     = tencentcloud_vpc.main.id
  subnet_ids = [tencentcloud_subnet.nodes.id]

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [module.security.ids["shared-ops"]] # want "TKESG101 note: TKESG101, .*TKESG105 could not be decided .*data\\.tencentcloud_security_groups\\.existing"
  }
}
