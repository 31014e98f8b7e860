resource "tencentcloud_vpc" "main" {
  name       = "v"
  cidr_block = "10.0.0.0/16"
}
resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress { # want "TKESG104 .*also breaks TKESG101 \\(nodes accept all traffic from the container network\\) and TKESG102 \\(nodes accept all traffic from the cluster network\\)"
    action     = "DROP"
    protocol   = "UDP"
    port       = "30000-32768"
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
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
