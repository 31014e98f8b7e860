# A DROP of TCP 22 from everywhere sits above the DROP that breaks
# TKESG101. The repair needs a rule of protocol ALL (no other protocol
# names GRE), which takes the ports TKESG101 exempts too: the fix says it
# accepts TCP 3389, and not TCP 22, which the DROP above still keeps
# closed.

resource "tencentcloud_vpc" "main" {
  name       = "fix-exempt-kept"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-exempt-kept-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "the VPC"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "no SSH from outside the VPC"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "172.16.0.0/12"
    protocol    = "ALL"
    port        = "ALL"
    description = "nothing from 172.16.0.0/12"
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

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-exempt-kept"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
