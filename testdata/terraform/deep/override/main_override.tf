# The variable's default and the rule set's ingress blocks are replaced;
# its egress block and security_group_id are kept.
variable "ssh_cidr" {
  default = "0.0.0.0/0"
}

resource "tencentcloud_security_group" "o" {
  name = "overridden"
}

resource "tencentcloud_security_group_rule_set" "o" {
  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = var.ssh_cidr
    protocol   = "TCP"
    port       = "22"
  }
}
