# A TKE cluster whose node SG exposes SSH, the kubelet and, through a 0.0.0.0/8
# alias, every port; TKESG201, 202, 203 and 205.
resource "tencentcloud_vpc" "main" {
  name       = "twin-vpc"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  vpc_id            = tencentcloud_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-guangzhou-3"
  name              = "twin-nodes"
}

resource "tencentcloud_security_group" "nodes" {
  name = "twin-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods"
  }

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.nodes.id
    protocol           = "ALL"
    port               = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22,10250"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8"
    protocol   = "UDP"
    port       = "ALL"
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
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_kubernetes_cluster" "main" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "twin"
  cluster_cidr = "172.16.0.0/16"
  service_cidr = "10.96.0.0/22"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
