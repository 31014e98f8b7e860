variable "admin_cidr" {}
resource "tencentcloud_security_group" "web" {
  name = "web"
}
resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress {
    action     = "DROP"
    protocol   = "TCP"
    port       = "22"
    cidr_block = var.admin_cidr
  }
  ingress { # want "TKESG201 "
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
