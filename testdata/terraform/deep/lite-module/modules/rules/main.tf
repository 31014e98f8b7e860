variable "target_id" {
  type = string
}

variable "peer_id" {
  type = string
}

variable "world_id" {
  type = string
}

resource "tencentcloud_security_group_lite_rule" "app" {
  security_group_id = var.target_id
  ingress = [
    "ACCEPT#${var.peer_id}#22#TCP",
    "ACCEPT#${var.world_id}#6443#TCP", # want "TKESG203 .*6443"
  ]
}
