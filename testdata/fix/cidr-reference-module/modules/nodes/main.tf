variable "name" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

resource "tencentcloud_security_group" "this" {
  name = var.name
}

resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = tencentcloud_security_group.this.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = var.vpc_cidr
    protocol    = "ALL"
    port        = "ALL"
    description = "the VPC"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "NodePorts"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "NodePorts"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    description = "everything out"
  }
}

output "security_group_id" {
  value = tencentcloud_security_group.this.id
}
