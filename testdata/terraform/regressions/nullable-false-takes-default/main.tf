# terraform.tfvars sets both variables to null. They say nullable = false, so
# Terraform gives them their defaults: SSH from the VPC only for the lite
# rule (silent), and the default rule list, which opens SSH to the world.
variable "ssh_cidr" {
  type     = string
  nullable = false
  default  = "10.0.0.0/8"
}

variable "rules" {
  type = list(object({
    cidr = string
    port = string
  }))
  nullable = false
  default  = [{ cidr = "0.0.0.0/0", port = "22" }]
}

resource "tencentcloud_security_group" "bastion" {
  name = "bastion"
}

resource "tencentcloud_security_group_lite_rule" "bastion" {
  security_group_id = tencentcloud_security_group.bastion.id
  ingress           = ["ACCEPT#${var.ssh_cidr}#22#TCP"]
}

resource "tencentcloud_security_group" "jump" {
  name = "jump"
}

resource "tencentcloud_security_group_rule_set" "jump" {
  security_group_id = tencentcloud_security_group.jump.id
  dynamic "ingress" {
    for_each = var.rules
    content { # want "TKESG202 .*ACCEPT TCP 22 from 0\\.0\\.0\\.0/0"
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = "TCP"
      port       = ingress.value.port
    }
  }
}
