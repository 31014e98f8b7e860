# The pod CIDR of cluster fix-ref-root is var.pod_cidr of the root module,
# and its node group's rules are in module.nodes, which cannot read it: the
# new rule holds the value, and the fix says what it assumed and where
# that comes from (variables.tf). Module.cluster holds a cluster and its
# rules: there the new rule names the module's own var.pod_cidr.

resource "tencentcloud_vpc" "main" {
  name       = "fix-ref-module"
  cidr_block = "10.0.0.0/16"
}

module "nodes" {
  source   = "./modules/nodes"
  name     = "fix-ref-root-nodes"
  vpc_cidr = tencentcloud_vpc.main.cidr_block
}

resource "tencentcloud_kubernetes_cluster" "root" {
  cluster_name = "fix-ref-root"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = var.pod_cidr

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.nodes.security_group_id]
  }
}

module "cluster" {
  source   = "./modules/cluster"
  vpc_id   = tencentcloud_vpc.main.id
  vpc_cidr = tencentcloud_vpc.main.cidr_block
  pod_cidr = "172.18.0.0/16"
}
