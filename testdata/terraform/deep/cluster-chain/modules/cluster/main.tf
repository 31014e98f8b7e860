# A cluster whose workers bind the node security groups they are given.

variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "pod_cidr" {
  type = string
}

variable "node_security_group_ids" {
  type = list(string)
}

resource "tencentcloud_kubernetes_cluster" "this" {
  vpc_id       = var.vpc_id
  cluster_name = var.name
  cluster_cidr = var.pod_cidr
  service_cidr = "10.96.0.0/22"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = var.subnet_id
    security_group_ids = var.node_security_group_ids # want "TKESG101 .* to the nodes of cluster chain-staging matches no rule of sg chain-staging-nodes"
  }
}
