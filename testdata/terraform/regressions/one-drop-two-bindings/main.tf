resource "tencentcloud_vpc" "main" {
  name       = "v"
  cidr_block = "10.0.0.0/16"
}
resource "tencentcloud_security_group" "x" {
  name = "x"
}
resource "tencentcloud_security_group" "y" {
  name = "y"
}
resource "tencentcloud_security_group_rule_set" "y" {
  security_group_id = tencentcloud_security_group.y.id
  ingress {
    action     = "ACCEPT"
    protocol   = "UDP"
    port       = "53"
    cidr_block = "172.16.0.0/17"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
resource "tencentcloud_security_group_rule_set" "x" {
  security_group_id = tencentcloud_security_group.x.id
  ingress { # want "TKESG103 "
    action     = "DROP"
    protocol   = "UDP"
    port       = "53"
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
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
    cidr_block = "0.0.0.0/0"
  }
}
resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "prod"
  cluster_cidr = "172.16.0.0/16"
  service_cidr = "192.168.0.0/22"
  worker_config {
    subnet_id          = "subnet-x"
    security_group_ids = [tencentcloud_security_group.x.id]
  }
}
resource "tencentcloud_kubernetes_node_pool" "np" {
  cluster_id = tencentcloud_kubernetes_cluster.prod.id
  subnet_ids = ["subnet-x"]
  auto_scaling_config {
    orderly_security_group_ids = [tencentcloud_security_group.y.id, tencentcloud_security_group.x.id] # want "TKESG301 "
  }
}
