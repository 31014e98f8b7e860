# One missing closing quote (cidr_block below) makes HCL report every line
# after it as an "invalid multi-line string": the first is reported, with
# how many follow, and the rest are not. The file's other errors stay, and
# the module's other files are still checked.
resource "tencentcloud_security_group" "broken" {
  name = "broken"
}

resource "tencentcloud_security_group_rule_set" "broken" {
  security_group_id = tencentcloud_security_group.broken.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "203.0.113.0/24
    protocol   = "TCP"
    port       = "443"
  }
  egress {
    action     = "DROP"
    cidr_block = "10.0.5.0/24"
    protocol   = "TCP"
    port       = "9000"
  }
}
