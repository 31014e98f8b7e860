variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "pod_cidr" {
  type = string
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-ref-module-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = var.vpc_cidr
    protocol    = "ALL"
    port        = "ALL"
    description = "the VPC"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "NodePorts"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "NodePorts"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    description = "everything out"
  }
}

resource "tencentcloud_kubernetes_cluster" "this" {
  cluster_name = "fix-ref-module"
  vpc_id       = var.vpc_id
  cluster_cidr = var.pod_cidr

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
