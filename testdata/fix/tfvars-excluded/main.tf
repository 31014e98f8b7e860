# The ingress lists come from var.node_ingress (a lite rule's list) and
# var.dynamic_rules (the collection of a dynamic block), which
# terraform.tfvars sets; the configuration leaves that file out of the scan. Terraform
# still reads it, so tkesglint does too, but does not edit it: the finding
# says which file sets the value, and what to add to it where.

variable "node_ingress" {
  type    = list(string)
  default = []
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-tfvars-excluded"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-tfvars-excluded-nodes"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress           = var.node_ingress
  egress            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-tfvars-excluded"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

variable "dynamic_rules" {
  type    = list(object({ cidr = string, protocol = string, port = string }))
  default = []
}

resource "tencentcloud_security_group" "dynamic" {
  name = "fix-tfvars-excluded-dynamic"
}

resource "tencentcloud_security_group_rule_set" "dynamic" {
  security_group_id = tencentcloud_security_group.dynamic.id

  dynamic "ingress" {
    for_each = var.dynamic_rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "dynamic" {
  cluster_name = "fix-tfvars-excluded-dynamic"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.18.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.dynamic.id]
  }
}
