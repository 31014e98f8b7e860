resource "tencentcloud_security_group" "ok" {
  name = "still-read"
}

resource "tencentcloud_security_group_rule_set" "ok" {
  security_group_id = tencentcloud_security_group.ok.id
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
