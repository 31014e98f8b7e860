# One environment: its VPC and node subnet, and its cluster.

variable "env" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "pod_cidr" {
  type = string
}

variable "node_security_group_ids" {
  type = list(string)
}

resource "tencentcloud_vpc" "main" {
  name       = "chain-${var.env}"
  cidr_block = var.vpc_cidr
}

resource "tencentcloud_subnet" "nodes" {
  name              = "chain-${var.env}-nodes"
  vpc_id            = tencentcloud_vpc.main.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, 1)
}

module "cluster" {
  source                  = "../cluster"
  name                    = "chain-${var.env}"
  vpc_id                  = tencentcloud_vpc.main.id
  subnet_id               = tencentcloud_subnet.nodes.id
  pod_cidr                = var.pod_cidr
  node_security_group_ids = var.node_security_group_ids
}
