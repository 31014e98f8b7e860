variable "enable_debug_ssh" { type = bool }
resource "tencentcloud_security_group" "b" {
  name = "b"
}
resource "tencentcloud_security_group_rule_set" "rs" {
  count = var.enable_debug_ssh ? 1 : 0
  security_group_id = tencentcloud_security_group.b.id
  ingress { # want "TKESG202 note: .*only if .*exists"
    action = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol = "TCP"
    port = "22"
  }
  egress {
    action = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
