# Findings that have no fix, each saying why and what to do instead.
# Every cluster has its own VPC 10.0.0.0/16 and the GR container network
# 172.16.0.0/16.

# The rule list is a for expression over a variable: no file holds the list
# the rules come from, so the finding says what to add where.
variable "rules" {
  type = list(object({ cidr = string, enabled = bool }))
  default = [
    { cidr = "10.0.0.0/16", enabled = true },
    { cidr = "172.16.0.0/16", enabled = false },
  ]
}

resource "tencentcloud_vpc" "computed" {
  name       = "fix-unfixable-computed"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "computed" {
  name = "fix-unfixable-computed-nodes"
}

resource "tencentcloud_security_group_rule_set" "computed" {
  security_group_id = tencentcloud_security_group.computed.id

  dynamic "ingress" {
    for_each = [for r in var.rules : r if r.enabled]
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "computed" {
  cluster_name = "fix-unfixable-computed"
  vpc_id       = tencentcloud_vpc.computed.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.computed.id]
  }
}

# Legacy rules without policy_index: their order is undefined, so no rule
# can be placed above the DROP.
resource "tencentcloud_vpc" "unordered" {
  name       = "fix-unfixable-unordered"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "unordered" {
  name = "fix-unfixable-unordered-nodes"
}

resource "tencentcloud_security_group_rule" "unordered_all" {
  security_group_id = tencentcloud_security_group.unordered.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "DROP"
}

resource "tencentcloud_security_group_rule" "unordered_out" {
  security_group_id = tencentcloud_security_group.unordered.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "ACCEPT"
}

resource "tencentcloud_kubernetes_cluster" "unordered" {
  cluster_name = "fix-unfixable-unordered"
  vpc_id       = tencentcloud_vpc.unordered.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.unordered.id]
  }
}

# Every flow the DROP drops is one TKE needs: an ACCEPT above it would leave
# it no use (TKESG401). The DROP itself must go.
resource "tencentcloud_vpc" "whole_drop" {
  name       = "fix-unfixable-whole-drop"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "whole_drop" {
  name = "fix-unfixable-whole-drop-nodes"
}

resource "tencentcloud_security_group_rule_set" "whole_drop" {
  security_group_id = tencentcloud_security_group.whole_drop.id

  ingress {
    action      = "DROP"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "pods use the VPC resolver"
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

resource "tencentcloud_kubernetes_cluster" "whole_drop" {
  cluster_name = "fix-unfixable-whole-drop"
  vpc_id       = tencentcloud_vpc.whole_drop.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.whole_drop.id]
  }
}

# No node group of the cluster binds a security group: nothing says which
# to bind.
resource "tencentcloud_kubernetes_cluster" "unbound" {
  cluster_name = "fix-unfixable-unbound"
  vpc_id       = tencentcloud_vpc.whole_drop.id
  cluster_cidr = "172.17.0.0/16"

  worker_config {
    instance_type = "SA5.MEDIUM4"
  }
}
