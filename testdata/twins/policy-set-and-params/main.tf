# A cluster with a node pool and a public endpoint, values from variables and
# conditionals: TKESG201, 202, 203, 204 and 401.
variable "env" {
  type    = string
  default = "prod"
}

variable "admin_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

locals {
  pod_cidr = var.env == "prod" ? "172.16.0.0/16" : "172.20.0.0/16"
}

resource "tencentcloud_vpc" "main" {
  name       = "twin-params"
  cidr_block = "10.${var.env == "prod" ? 10 : 20}.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "twin-params-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = local.pod_cidr
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = tencentcloud_vpc.main.cidr_block
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.10.3.0/24"
    protocol   = "TCP"
    port       = "8080"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = var.admin_cidr
    protocol   = "TCP"
    port       = "22"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9000-9200"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group" "api" {
  name = "twin-params-api"
}

resource "tencentcloud_security_group_lite_rule" "api" {
  security_group_id = tencentcloud_security_group.api.id
  ingress           = ["ACCEPT#${var.admin_cidr}#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "main" {
  vpc_id                          = tencentcloud_vpc.main.id
  cluster_name                    = "twin-params"
  cluster_cidr                    = local.pod_cidr
  service_cidr                    = "10.96.0.0/22"
  cluster_internet                = true
  cluster_internet_security_group = tencentcloud_security_group.api.id
}

resource "tencentcloud_kubernetes_node_pool" "main" {
  cluster_id = tencentcloud_kubernetes_cluster.main.id
  subnet_ids = ["subnet-1a2b3c4d"]

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
