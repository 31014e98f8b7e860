variable "sg_id" {
  type = string
}

variable "ssh_cidr" {
  type = string
}

resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = var.sg_id

  ingress { # want "TKESG202 .*22" "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = var.ssh_cidr
    protocol   = "TCP"
    port       = "22"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
