# A TKE cluster whose node security group drops DNS from the pods (a DROP
# of UDP 53 from the world above the pod-network ACCEPT), has no NodePort
# rule and restricts egress to HTTPS; a node pool binds a second group too.
# template.yaml describes the same network.

resource "tencentcloud_vpc" "shop" {
  name       = "shop"
  cidr_block = "10.20.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  name              = "shop-nodes"
  vpc_id            = tencentcloud_vpc.shop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.20.1.0/24"
}

resource "tencentcloud_security_group" "nodes" {
  name = "shop-nodes"
}

resource "tencentcloud_security_group" "extra" {
  name = "shop-extra"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no DNS from the internet"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "172.18.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.20.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "443"
  }
}

resource "tencentcloud_security_group_rule_set" "extra" {
  security_group_id = tencentcloud_security_group.extra.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.20.0.0/16"
    protocol   = "TCP"
    port       = "9100"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_kubernetes_cluster" "shop" {
  vpc_id              = tencentcloud_vpc.shop.id
  cluster_name        = "shop"
  cluster_cidr        = "172.18.0.0/16"
  service_cidr        = "10.96.0.0/22"
  cluster_deploy_type = "MANAGED_CLUSTER"
  network_type        = "GR"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "batch" {
  name       = "batch"
  cluster_id = tencentcloud_kubernetes_cluster.shop.id
  vpc_id     = tencentcloud_vpc.shop.id
  subnet_ids = [tencentcloud_subnet.nodes.id]

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.nodes.id, tencentcloud_security_group.extra.id]
  }
}
