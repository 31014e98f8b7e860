# Lite rules. The ingress list of the node group comes from a variable
# that terraform.tfvars sets: the rules it lacks go there, each under a
# comment that says which requirement it serves (a lite rule has no
# description). The egress list is written on one line and lacks the
# cluster: it is written again one rule a line, with the new ones.

variable "node_ingress" {
  type    = list(string)
  default = []
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-lite"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-lite-nodes"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress           = var.node_ingress
  egress            = ["ACCEPT#0.0.0.0/0#443#TCP", "ACCEPT#0.0.0.0/0#53#UDP"]
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-lite"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
