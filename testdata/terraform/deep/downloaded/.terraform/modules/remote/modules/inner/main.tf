variable "sg_id" {
  type = string
}

variable "world" {
  type = string
}

resource "tencentcloud_security_group_lite_rule" "this" {
  security_group_id = var.sg_id
  ingress           = ["ACCEPT#${var.world}#2379-2380#TCP"] # want "TKESG203 .*2379"
}
