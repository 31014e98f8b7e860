variable "rules" {
  type = list(object({ cidr = string, port = string }))
  default = [
    { cidr = "10.0.0.0/16", port = "ALL" },
    { cidr = "0.0.0.0/0", port = "30000-32768" },
  ]
}

variable "extra_rules" {
  type = list(string)
}

resource "tencentcloud_security_group" "dyn" {
  name = "dyn"
}

resource "tencentcloud_security_group_rule_set" "dyn" {
  security_group_id = tencentcloud_security_group.dyn.id

  ingress {
    action     = "DROP"
    cidr_block = "198.51.100.0/24"
  }

  dynamic "ingress" {
    for_each = var.rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = "TCP"
      port       = ingress.value.port
    }
  }

  dynamic "egress" {
    for_each = var.extra_rules
    content {
      action     = "ACCEPT"
      cidr_block = egress.value
    }
  }
}
