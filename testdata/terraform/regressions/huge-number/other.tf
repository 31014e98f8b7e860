resource "tencentcloud_security_group" "bastion" {
  name = "bastion"
}

resource "tencentcloud_security_group_rule_set" "bastion" {
  security_group_id = tencentcloud_security_group.bastion.id

  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
