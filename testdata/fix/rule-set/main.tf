# TKESG103: a DROP of DNS from anywhere sits above the rule that accepts
# the pods, so the fix inserts an ACCEPT just above it in the rule set.
# TKESG205: the web group's 0.0.0.0/8 is applied as 0.0.0.0/0.

resource "tencentcloud_vpc" "main" {
  name       = "fix-rule-set"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-rule-set-nodes"
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

  # Only the VPC resolver answers DNS.
  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no outside resolver"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "the pods"
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

resource "tencentcloud_security_group" "web" {
  name = "fix-rule-set-web"
}

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/8"
    protocol    = "TCP"
    port        = "443"
    description = "HTTPS"
  }
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-rule-set"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    count              = 2
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
