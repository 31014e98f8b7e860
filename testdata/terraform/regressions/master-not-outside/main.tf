# want none
resource "tencentcloud_vpc" "main" {
  name       = "v"
  cidr_block = "10.0.0.0/16"
}
resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
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
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ICMP"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
resource "tencentcloud_instance" "m1" {
  instance_name           = "master-1"
  vpc_id                  = tencentcloud_vpc.main.id
  subnet_id               = "subnet-x"
  orderly_security_groups = [tencentcloud_security_group.nodes.id]
}
resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id              = tencentcloud_vpc.main.id
  cluster_name        = "prod"
  cluster_cidr        = "172.16.0.0/16"
  service_cidr        = "192.168.0.0/22"
  cluster_deploy_type = "INDEPENDENT_CLUSTER"
  worker_config {
    subnet_id          = "subnet-x"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
resource "tencentcloud_kubernetes_cluster_master_attachment" "m1" {
  cluster_id         = tencentcloud_kubernetes_cluster.prod.id
  instance_id        = tencentcloud_instance.m1.id
  security_group_ids = [tencentcloud_security_group.nodes.id]
}
