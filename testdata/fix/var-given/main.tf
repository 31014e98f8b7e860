# The rule lists come from variables that the configuration gives
# (.tkesglint.yml, as --var would), which no file can change: nothing is
# edited, and each finding says which rules to add, and where in the list.

variable "lite_ingress" {
  type    = list(string)
  default = []
}

variable "dynamic_ingress" {
  type    = list(object({ cidr = string, protocol = string, port = string, action = string }))
  default = []
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-var-given"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "lite" {
  name = "fix-var-given-lite"
}

resource "tencentcloud_security_group_lite_rule" "lite" {
  security_group_id = tencentcloud_security_group.lite.id
  ingress           = var.lite_ingress
  egress            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "lite" {
  cluster_name = "fix-var-given-lite"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.lite.id]
  }
}

resource "tencentcloud_security_group" "dynamic" {
  name = "fix-var-given-dynamic"
}

resource "tencentcloud_security_group_rule_set" "dynamic" {
  security_group_id = tencentcloud_security_group.dynamic.id

  dynamic "ingress" {
    for_each = var.dynamic_ingress
    content {
      action     = ingress.value.action
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
  cluster_name = "fix-var-given-dynamic"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.18.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.dynamic.id]
  }
}
