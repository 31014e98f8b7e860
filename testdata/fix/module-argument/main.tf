# The node module takes the container network as its pod_cidr argument,
# and each call passes the very value its cluster's cluster_cidr reads
# (a variable, a local). The pod rules the module lacks go into the module
# and name var.pod_cidr: in each instance it is that cluster's container
# network, so one edit repairs both calls exactly.

variable "blue_pods" {
  type    = string
  default = "172.16.0.0/16"
}

locals {
  green_pods = "172.17.0.0/16"
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-module-argument"
  cidr_block = "10.0.0.0/16"
}

module "blue" {
  source   = "./modules/nodes"
  name     = "fix-arg-blue"
  pod_cidr = var.blue_pods
}

module "green" {
  source   = "./modules/nodes"
  name     = "fix-arg-green"
  pod_cidr = local.green_pods
}

resource "tencentcloud_kubernetes_cluster" "blue" {
  cluster_name = "fix-arg-blue"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = var.blue_pods

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.blue.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "green" {
  cluster_name = "fix-arg-green"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = local.green_pods

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.green.id]
  }
}
