# Rules written as separate tencentcloud_security_group_rule resources, the
# provider's older style. Without policy_index their order is not defined,
# so mixing DROP and ACCEPT gives an unpredictable result (TKESG405).

resource "tencentcloud_security_group" "bastion" {
  name        = "bastion"
  description = "Jump host of the ops team"
}

resource "tencentcloud_security_group_rule" "ssh_office" {
  security_group_id = tencentcloud_security_group.bastion.id
  type              = "ingress"
  cidr_ip           = "203.0.113.0/24"
  ip_protocol       = "TCP"
  port_range        = "22"
  policy            = "ACCEPT"
  description       = "SSH from the office"
}

resource "tencentcloud_security_group_rule" "drop_rest" {
  security_group_id = tencentcloud_security_group.bastion.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "22"
  policy            = "DROP"
  description       = "no SSH from anywhere else"
}

resource "tencentcloud_security_group_rule" "egress_all" {
  security_group_id = tencentcloud_security_group.bastion.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "ACCEPT"
}
