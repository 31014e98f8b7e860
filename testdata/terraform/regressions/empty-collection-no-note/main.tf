# want none
# A collection that is in fact empty makes no rules and no note, even when it
# is computed from values that are not known: every element of
# [for name in var.rule_names : [for cidr in var.cidrs : ...]] is the empty
# list when var.cidrs is, so its flatten is empty whatever var.rule_names
# holds (here it has no value, as in a module template whose variables the
# caller fills in).

variable "rule_names" {
  type = list(string)
}

variable "cidrs" {
  type    = list(string)
  default = []
}

locals {
  ingress = flatten([
    for name in var.rule_names : [
      for cidr in var.cidrs : {
        name = name
        cidr = cidr
      }
    ]
  ])
}

resource "tencentcloud_security_group" "dynamic" {
  name = "empty-dynamic"
}

resource "tencentcloud_security_group_rule_set" "dynamic" {
  security_group_id = tencentcloud_security_group.dynamic.id

  dynamic "ingress" {
    for_each = local.ingress
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = "ALL"
      port       = "ALL"
    }
  }

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
}

# The same collection written in the dynamic block itself.
resource "tencentcloud_security_group" "inline" {
  name = "empty-inline"
}

resource "tencentcloud_security_group_rule_set" "inline" {
  security_group_id = tencentcloud_security_group.inline.id

  dynamic "ingress" {
    for_each = flatten([for name in var.rule_names : [for cidr in var.cidrs : cidr]])
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value
      protocol   = "ALL"
      port       = "ALL"
    }
  }

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
}

resource "tencentcloud_security_group" "counted" {
  name = "empty-count"
}

# The same collection as a count: no instance, so no rule.
resource "tencentcloud_security_group_rule" "counted" {
  count             = length(local.ingress) > 0 ? length(local.ingress) : 0
  security_group_id = tencentcloud_security_group.counted.id
  type              = "ingress"
  cidr_ip           = local.ingress[count.index].cidr
  ip_protocol       = "ALL"
  policy            = "ACCEPT"
}
