# Readable: its finding must be reported although broken.tf is not.
resource "tencentcloud_security_group" "admin" {
  name = "e2e-parse-error"
}

resource "tencentcloud_security_group_rule_set" "admin" {
  security_group_id = tencentcloud_security_group.admin.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}
