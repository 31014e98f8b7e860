# A cluster assembled from modules: the VPC comes from one module, the node
# security group from another whose rules are a dynamic block over a list
# the caller extends, and the node pools are a for_each. The caller's extra
# rule (a DROP of UDP 53 from the world, meant against open resolvers) lands
# first in the module's list and breaks in-cluster DNS: the finding points at
# the module's dynamic block, with the module call as a related location.

variable "pod_cidr" {
  type    = string
  default = "172.20.0.0/16"
}

module "net" {
  source   = "./modules/network"
  vpc_cidr = "10.30.0.0/16"
}

module "node_sg" {
  source   = "./modules/node-sg"
  name     = "deep-nodes"
  vpc_cidr = module.net.vpc_cidr
  pod_cidr = var.pod_cidr
  extra_rules = [
    { action = "DROP", cidr = "0.0.0.0/0", protocol = "UDP", port = "53" },
  ]
}

resource "tencentcloud_kubernetes_cluster" "deep" {
  vpc_id       = module.net.vpc_id
  cluster_name = "deep"
  cluster_cidr = var.pod_cidr
  service_cidr = "10.96.0.0/22"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = module.net.subnet_id
    security_group_ids = [module.node_sg.id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "pools" {
  for_each   = toset(["batch", "web"])
  name       = each.key
  cluster_id = tencentcloud_kubernetes_cluster.deep.id
  vpc_id     = module.net.vpc_id
  subnet_ids = [module.net.subnet_id]

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [module.node_sg.id]
  }
}
