variable "groups" {
  type = map(object({ description = string }))
}

variable "vpc_cidr" {
  type = string
}

variable "pod_cidr" {
  type = string
}

data "tencentcloud_security_groups" "existing" {
  name = "shared-"
}

resource "tencentcloud_security_group" "created" {
  for_each    = var.groups
  name        = each.key
  description = each.value.description
}

locals {
  existing_ids = { for g in data.tencentcloud_security_groups.existing.security_groups : g.name => g.security_group_id }
  ids = merge(
    local.existing_ids,
    { for key, g in tencentcloud_security_group.created : g.name => g.id },
  )
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = local.ids["nodes"]

  ingress {
    action     = "ACCEPT"
    cidr_block = var.vpc_cidr
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = var.pod_cidr
    protocol   = "TCP"
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

  ingress { # want "TKESG103 .*cluster merge .*TKESG101"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny everything else"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

output "ids" {
  value = local.ids
}
