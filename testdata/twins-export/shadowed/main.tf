# Rules that can never match (TKESG401): a duplicate, an ACCEPT below a DROP, a DROP below
# an ACCEPT, a rule covered by two others, and a duplicate egress rule.

resource "tencentcloud_security_group" "twin_duplicate" {
  name = "twin-duplicate"
}

resource "tencentcloud_security_group_rule_set" "twin_duplicate" {
  security_group_id = tencentcloud_security_group.twin_duplicate.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }
}

resource "tencentcloud_security_group" "twin_accept_below_drop" {
  name = "twin-accept-below-drop"
}

resource "tencentcloud_security_group_rule_set" "twin_accept_below_drop" {
  security_group_id = tencentcloud_security_group.twin_accept_below_drop.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }
}

resource "tencentcloud_security_group" "twin_drop_below_accept" {
  name = "twin-drop-below-accept"
}

resource "tencentcloud_security_group_rule_set" "twin_drop_below_accept" {
  security_group_id = tencentcloud_security_group.twin_drop_below_accept.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "ALL"
  }

  ingress {
    action     = "DROP"
    cidr_block = "10.1.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }
}

resource "tencentcloud_security_group" "twin_two_cover" {
  name = "twin-two-cover"
}

resource "tencentcloud_security_group_rule_set" "twin_two_cover" {
  security_group_id = tencentcloud_security_group.twin_two_cover.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "1-1000"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "1001-65535"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.2.0.0/16"
    protocol   = "TCP"
    port       = "443-8443"
  }
}

resource "tencentcloud_security_group" "twin_egress" {
  name = "twin-egress"
}

resource "tencentcloud_security_group_rule_set" "twin_egress" {
  security_group_id = tencentcloud_security_group.twin_egress.id

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "443"
  }
}
