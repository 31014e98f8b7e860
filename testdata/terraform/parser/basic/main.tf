variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "pod_cidr" {
  type = string
}

locals {
  node_cidr = cidrsubnet(var.vpc_cidr, 8, 1)
  ssh_port  = 22
}

resource "tencentcloud_vpc" "main" {
  name            = "tke-vpc"
  cidr_block      = var.vpc_cidr
  assistant_cidrs = ["172.16.0.0/24"]
}

resource "tencentcloud_subnet" "nodes" {
  vpc_id            = tencentcloud_vpc.main.id
  name              = "nodes"
  cidr_block        = local.node_cidr
  availability_zone = data.tencentcloud_availability_zones.zones.zones.0.name
}

resource "tencentcloud_security_group" "nodes" {
  name        = "tke-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = var.pod_cidr
    description = "pods"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = tencentcloud_vpc.main.cidr_block
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "accept"
    cidr_block = "0.0.0.0/0"
    protocol   = "tcp"
    port       = local.ssh_port
  }

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.nodes.id
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
