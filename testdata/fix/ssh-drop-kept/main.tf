# The platform team keeps every TCP connection from the private 172.16.0.0/12
# range away from the nodes, SSH and RDP included. The pods of the cluster live
# in 172.16.0.0/16, so the DROP also breaks TKE (TKESG101). The repair must
# restore the TCP ports the pods need and leave TCP 22 and 3389 dropped.

resource "tencentcloud_vpc" "prod" {
  name       = "prod"
  cidr_block = "10.20.0.0/16"
}

resource "tencentcloud_security_group" "workers" {
  name = "prod-workers"
}

resource "tencentcloud_security_group_rule_set" "workers" {
  security_group_id = tencentcloud_security_group.workers.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.20.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "node to node"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "172.16.0.0/12"
    protocol    = "TCP"
    port        = "ALL"
    description = "no TCP from the private range, not even SSH or RDP"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "NodePorts"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "NodePorts"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "everything out"
  }
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "prod"
  vpc_id       = tencentcloud_vpc.prod.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.workers.id]
  }
}
