variable "name" {
  type = string
}

variable "ingress_rules" {
  type = list(object({
    cidr     = string
    protocol = string
    port     = string
    note     = string
  }))
}

resource "tencentcloud_security_group" "nodes" {
  name = var.name
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      action      = "ACCEPT"
      cidr_block  = ingress.value.cidr
      protocol    = ingress.value.protocol
      port        = ingress.value.port
      description = ingress.value.note
    }
  }

  # Only the VPC: the pods cannot be reached.
  egress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "to the VPC"
  }
}

output "id" {
  value = tencentcloud_security_group.nodes.id
}
