# The cluster networks come from variables: the CIDR of the VPC for
# cluster fix-ref-vpc, the CIDR of the node subnet for cluster
# fix-ref-subnet, whose VPC is not in the input. The egress rules that
# TKESG105 lacks name them. The DROP of TCP from 10.0.1.0/24 takes a part
# of the VPC, which no variable names: those rules hold the CIDR, and the
# fix says which value it assumed: the one terraform.tfvars sets.

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "subnet_cidr" {
  type    = string
  default = "10.8.1.0/24"
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-ref-network"
  cidr_block = var.vpc_cidr
}

resource "tencentcloud_security_group" "vpc" {
  name = "fix-ref-vpc-nodes"
}

resource "tencentcloud_security_group_rule_set" "vpc" {
  security_group_id = tencentcloud_security_group.vpc.id

  ingress {
    action      = "DROP"
    cidr_block  = "10.0.1.0/24"
    protocol    = "TCP"
    port        = "ALL"
    description = "no TCP from the bastion subnet"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = var.vpc_cidr
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
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
    cidr_block = "172.16.0.0/16"
  }
}

resource "tencentcloud_kubernetes_cluster" "vpc" {
  cluster_name = "fix-ref-vpc"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.vpc.id]
  }
}

resource "tencentcloud_subnet" "nodes" {
  name              = "fix-ref-subnet-nodes"
  vpc_id            = "vpc-0fix0ref"
  cidr_block        = var.subnet_cidr
  availability_zone = "ap-guangzhou-3"
}

resource "tencentcloud_security_group" "subnet" {
  name = "fix-ref-subnet-nodes"
}

resource "tencentcloud_security_group_rule_set" "subnet" {
  security_group_id = tencentcloud_security_group.subnet.id

  ingress {
    action     = "ACCEPT"
    cidr_block = var.subnet_cidr
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.20.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
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
    cidr_block = "172.20.0.0/16"
  }
}

resource "tencentcloud_kubernetes_cluster" "subnet" {
  cluster_name = "fix-ref-subnet"
  vpc_id       = "vpc-0fix0ref"
  cluster_cidr = "172.20.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.subnet.id]
  }
}
