# The container CIDR of each cluster is a variable or a local. The new
# rules name it as the cluster does (var.rs_pods, "${local.lite_pods}"),
# so that they follow it when it is deployed with another value; where
# the rules go into a variable's default, which takes no reference, the
# fix writes the value and says what it assumed.

variable "rs_pods" {
  type    = string
  default = "172.16.0.0/16"
}

variable "legacy_pods" {
  type    = string
  default = "172.18.0.0/16"
}

variable "default_pods" {
  type    = string
  default = "172.20.0.0/16"
}

variable "default_rules" {
  type = list(object({ cidr = string, protocol = string, port = string }))
  default = [
    { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL" },
    { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
    { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
  ]
}

locals {
  lite_pods    = "172.17.0.0/16"
  dynamic_pods = "172.19.0.0/16"
  dynamic_rules = [
    { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL" },
    { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
    { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
  ]
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-ref"
  cidr_block = "10.0.0.0/16"
}

# A rule set: the DROP of 172.16.0.0/12 also drops the pods.
resource "tencentcloud_security_group" "rs" {
  name = "fix-ref-rs"
}

resource "tencentcloud_security_group_rule_set" "rs" {
  security_group_id = tencentcloud_security_group.rs.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "the VPC"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "172.16.0.0/12"
    protocol    = "ALL"
    port        = "ALL"
    description = "nothing else from 172.16.0.0/12"
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

resource "tencentcloud_kubernetes_cluster" "rs" {
  cluster_name = "fix-ref-rs"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = var.rs_pods

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.rs.id]
  }
}

# A lite rule, written in place: no rule accepts the pods.
resource "tencentcloud_security_group" "lite" {
  name = "fix-ref-lite"
}

resource "tencentcloud_security_group_lite_rule" "lite" {
  security_group_id = tencentcloud_security_group.lite.id
  ingress = [
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "lite" {
  cluster_name = "fix-ref-lite"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = local.lite_pods

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.lite.id]
  }
}

# Legacy rules placed by policy_index.
resource "tencentcloud_security_group" "legacy" {
  name = "fix-ref-legacy"
}

resource "tencentcloud_security_group_rule" "legacy_vpc" {
  security_group_id = tencentcloud_security_group.legacy.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 0
  description       = "the VPC"
}

resource "tencentcloud_security_group_rule" "legacy_drop" {
  security_group_id = tencentcloud_security_group.legacy.id
  type              = "ingress"
  cidr_ip           = "172.16.0.0/12"
  policy            = "DROP"
  policy_index      = 5
  description       = "nothing else from 172.16.0.0/12"
}

resource "tencentcloud_security_group_rule" "legacy_nodeport_tcp" {
  security_group_id = tencentcloud_security_group.legacy.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 6
  description       = "NodePorts"
}

resource "tencentcloud_security_group_rule" "legacy_nodeport_udp" {
  security_group_id = tencentcloud_security_group.legacy.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = 7
  description       = "NodePorts"
}

resource "tencentcloud_security_group_rule" "legacy_egress" {
  security_group_id = tencentcloud_security_group.legacy.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "ACCEPT"
  policy_index      = 0
  description       = "everything out"
}

resource "tencentcloud_kubernetes_cluster" "legacy" {
  cluster_name = "fix-ref-legacy"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = var.legacy_pods

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.legacy.id]
  }
}

# A dynamic block over a local: the new element names the local of the
# pods.
resource "tencentcloud_security_group" "dynamic" {
  name = "fix-ref-dynamic"
}

resource "tencentcloud_security_group_rule_set" "dynamic" {
  security_group_id = tencentcloud_security_group.dynamic.id

  dynamic "ingress" {
    for_each = local.dynamic_rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "dynamic" {
  cluster_name = "fix-ref-dynamic"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = local.dynamic_pods

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.dynamic.id]
  }
}

# A dynamic block over a variable's default, which takes no reference:
# the value is written, and the fix says so.
resource "tencentcloud_security_group" "default" {
  name = "fix-ref-default"
}

resource "tencentcloud_security_group_rule_set" "default" {
  security_group_id = tencentcloud_security_group.default.id

  dynamic "ingress" {
    for_each = var.default_rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "default" {
  cluster_name = "fix-ref-default"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = var.default_pods

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.default.id]
  }
}
