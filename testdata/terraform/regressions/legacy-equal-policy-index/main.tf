resource "tencentcloud_security_group" "b" {
  name = "b"
}
resource "tencentcloud_security_group_rule" "r1" { # want "TKESG202 note: .*r1"
  security_group_id = tencentcloud_security_group.b.id
  type = "ingress"
  policy = "ACCEPT"
  cidr_ip = "0.0.0.0/0"
  ip_protocol = "TCP"
  port_range = "22"
  policy_index = 0
}
resource "tencentcloud_security_group_rule" "r2" { # want "TKESG405 .*r2"
  security_group_id = tencentcloud_security_group.b.id
  type = "ingress"
  policy = "DROP"
  cidr_ip = "0.0.0.0/0"
  policy_index = 0
}
resource "tencentcloud_security_group_rule" "r3" {
  security_group_id = tencentcloud_security_group.b.id
  type = "egress"
  policy = "ACCEPT"
  cidr_ip = "0.0.0.0/0"
}
