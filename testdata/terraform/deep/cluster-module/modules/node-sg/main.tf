variable "name" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "pod_cidr" {
  type = string
}

variable "extra_rules" {
  type    = list(object({ action = string, cidr = string, protocol = string, port = string }))
  default = []
}

locals {
  # The caller's rules come first: they are meant to take precedence.
  ingress = concat(var.extra_rules, [
    { action = "ACCEPT", cidr = var.pod_cidr, protocol = "ALL", port = "ALL" },
    { action = "ACCEPT", cidr = var.vpc_cidr, protocol = "ALL", port = "ALL" },
    { action = "ACCEPT", cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
    { action = "ACCEPT", cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
  ])
}

resource "tencentcloud_security_group" "this" {
  name = var.name
}

resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = tencentcloud_security_group.this.id

  dynamic "ingress" {
    for_each = local.ingress
    content { # want "TKESG103 .*cluster deep .*also breaks TKESG101 .* and TKESG102 "
      action     = ingress.value.action
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

output "id" {
  value = tencentcloud_security_group.this.id
}
