variable "pod_cidr" {
  type = string
}

resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress { # want "TKESG103 .*cluster prod .*DROP UDP 53"
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "53"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = var.pod_cidr
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

  ingress { # want "TKESG202 .*TCP 22"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "prod"
  cluster_cidr = var.pod_cidr

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = "subnet-1a2b3c4d"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
