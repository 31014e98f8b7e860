# dynamic blocks: each generated rule points at the content block, its values
# at the content attributes. Over an unknown collection, one rule stands at its
# place: ACCEPT as written, its CIDR and port unknown; it reports nothing.

variable "rules" {
  type = list(object({ cidr = string, port = string }))
  default = [
    { cidr = "10.0.0.0/8", port = "ALL" },
    { cidr = "0.0.0.0/0", port = "22" },
    { cidr = "0.0.0.0/0", port = "3389" },
  ]
}

variable "unknown_rules" {
  type = list(object({ cidr = string, port = string }))
}

resource "tencentcloud_security_group" "d" {
  name = "dynamic"
}

resource "tencentcloud_security_group_rule_set" "d" {
  security_group_id = tencentcloud_security_group.d.id

  dynamic "ingress" {
    for_each = [for r in var.rules : r if r.port != "ALL"]
    iterator = rule
    content { # want "TKESG202 .*22" "TKESG202 .*3389"
      action     = "ACCEPT"
      cidr_block = rule.value.cidr
      protocol   = "TCP"
      port       = rule.value.port
    }
  }

  dynamic "egress" {
    for_each = var.unknown_rules
    content {
      action     = "ACCEPT"
      cidr_block = egress.value.cidr
      port       = egress.value.port
    }
  }
}
