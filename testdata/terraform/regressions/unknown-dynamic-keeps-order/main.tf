# A dynamic block whose for_each is unknown adds rules at its place, however
# many: the literal block above it is rule 1 whatever var.extra holds, so its
# finding is certain. The dynamic rules accept HTTPS from CIDRs that are not
# known, which no check reports (before: a TKESG201 note, as if every field
# of them were unknown; see unknown-dynamic-content).
variable "extra" {
  type = list(string)
}

resource "tencentcloud_security_group" "s" {
  name = "s"
}

resource "tencentcloud_security_group_rule_set" "s" {
  security_group_id = tencentcloud_security_group.s.id
  ingress { # want "TKESG202 .*ACCEPT TCP 22 from 0\\.0\\.0\\.0/0"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
  dynamic "ingress" {
    for_each = var.extra
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value
      protocol   = "TCP"
      port       = "443"
    }
  }
}
