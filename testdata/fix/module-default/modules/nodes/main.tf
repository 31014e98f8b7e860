variable "name" {
  type = string
}

variable "ingress_rules" {
  type = list(object({
    cidr     = string
    protocol = string
    port     = string
  }))
  default = [
    { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL" },
    { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
    { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
  ]
}

resource "tencentcloud_security_group" "this" {
  name = var.name
}

resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = tencentcloud_security_group.this.id

  dynamic "ingress" {
    for_each = var.ingress_rules
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

output "id" {
  value = tencentcloud_security_group.this.id
}
