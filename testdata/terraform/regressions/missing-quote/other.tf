resource "tencentcloud_security_group" "fine" {
  name = "fine"
}

resource "tencentcloud_security_group_rule_set" "fine" {
  security_group_id = tencentcloud_security_group.fine.id
  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
