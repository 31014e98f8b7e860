# want none
variable "admin_cidr" {
  default = ""
}
resource "tencentcloud_security_group" "b" { name = "b" }
resource "tencentcloud_security_group_rule_set" "rs" {
  security_group_id = tencentcloud_security_group.b.id
  ingress {
    action     = "ACCEPT"
    cidr_block = coalesce(var.admin_cidr, "10.0.0.0/8")
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
