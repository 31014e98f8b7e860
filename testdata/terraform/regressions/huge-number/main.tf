# A number literal with an absurd exponent is an input error at its place:
# converting 5e5000000 to a string (the port below) writes five million
# digits and stalled tkesglint for seconds per use. The rest of the module,
# in other.tf, is still checked.
resource "tencentcloud_security_group" "web" {
  name = "web"
}

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = 5e5000000
  }
}
