# A node security group with TKE's default worker rules and nothing else.
resource "tencentcloud_vpc" "main" {
  name       = "e2e-healthy"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "e2e-healthy-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
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
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ICMP"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_kubernetes_cluster" "e2e" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "e2e-healthy"
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    count              = 1
    availability_zone  = "ap-guangzhou-6"
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = "subnet-4o0zd840"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
