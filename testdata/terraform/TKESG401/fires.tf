# TKESG401: a rule that can never match, because earlier rules of the same SG
# cover all its flows. When a covering rule has the opposite action the
# message says so. Annotated for every 2xx and 4xx check.
#
# This file holds the cases that fire; silent.tf holds the near misses.

# A narrower ACCEPT below a wider ACCEPT: dead, same action.
resource "tencentcloud_security_group" "same_action" {
  name = "tkesg401-same-action"
}

resource "tencentcloud_security_group_rule_set" "same_action" {
  security_group_id = tencentcloud_security_group.same_action.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "80-90"
  }

  ingress { # want "TKESG401"
    action     = "ACCEPT"
    cidr_block = "10.0.1.0/24"
    protocol   = "TCP"
    port       = "80"
  }
}

# An ACCEPT hidden by an earlier DROP: almost always a bug, and the message
# names the DROP.
resource "tencentcloud_security_group" "accept_hidden_by_drop" {
  name = "tkesg401-accept-hidden-by-drop"
}

resource "tencentcloud_security_group_rule_set" "accept_hidden_by_drop" {
  security_group_id = tencentcloud_security_group.accept_hidden_by_drop.id

  ingress {
    action      = "DROP"
    cidr_block  = "10.0.0.0/8"
    protocol    = "ALL"
    port        = "ALL"
    description = "quarantine the old network"
  }

  ingress { # want "TKESG401 .*(?i:drop)"
    action      = "ACCEPT"
    cidr_block  = "10.1.0.0/16"
    protocol    = "TCP"
    port        = "443"
    description = "monitoring, meant as an exception"
  }
}

# A DROP hidden by an earlier ACCEPT: the intended "no SSH from the VPC" never
# applies, and the message names the ACCEPT.
resource "tencentcloud_security_group" "drop_hidden_by_accept" {
  name = "tkesg401-drop-hidden-by-accept"
}

resource "tencentcloud_security_group_rule_set" "drop_hidden_by_accept" {
  security_group_id = tencentcloud_security_group.drop_hidden_by_accept.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress { # want "TKESG401 .*(?i:accept)"
    action     = "DROP"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }
}

# Covered by the union of two earlier rules, though by neither alone: the two
# halves of 10.0.0.0/8.
resource "tencentcloud_security_group" "union_of_cidrs" {
  name = "tkesg401-union-of-cidrs"
}

resource "tencentcloud_security_group_rule_set" "union_of_cidrs" {
  security_group_id = tencentcloud_security_group.union_of_cidrs.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/9"
    protocol   = "TCP"
    port       = "8080"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.128.0.0/9"
    protocol   = "TCP"
    port       = "8080"
  }

  ingress { # want "TKESG401"
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "8080"
  }
}

# Covered by the union of two earlier port ranges.
resource "tencentcloud_security_group" "union_of_ports" {
  name = "tkesg401-union-of-ports"
}

resource "tencentcloud_security_group_rule_set" "union_of_ports" {
  security_group_id = tencentcloud_security_group.union_of_ports.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "UDP"
    port       = "1000-1999"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "UDP"
    port       = "2000-2999"
  }

  ingress { # want "TKESG401"
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "UDP"
    port       = "1500-2500"
  }
}

# Covered by a DROP and an ACCEPT together: every TCP port from the network is
# already decided, part of it by a DROP, which the message names.
resource "tencentcloud_security_group" "union_mixed_actions" {
  name = "tkesg401-union-mixed-actions"
}

resource "tencentcloud_security_group_rule_set" "union_mixed_actions" {
  security_group_id = tencentcloud_security_group.union_mixed_actions.id

  ingress {
    action     = "DROP"
    cidr_block = "192.168.0.0/16"
    protocol   = "TCP"
    port       = "1-1024"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "192.168.0.0/16"
    protocol   = "TCP"
    port       = "1025-65535"
  }

  ingress { # want "TKESG401 .*(?i:drop)"
    action     = "ACCEPT"
    cidr_block = "192.168.0.0/16"
    protocol   = "TCP"
    port       = "ALL"
  }
}

# A copy-pasted duplicate of TKE's ping rule (N6). The first copy is not
# flagged by any 2xx check; the second is dead.
resource "tencentcloud_security_group" "duplicate_ping" {
  name = "tkesg401-duplicate-ping"
}

resource "tencentcloud_security_group_rule_set" "duplicate_ping" {
  security_group_id = tencentcloud_security_group.duplicate_ping.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  ingress { # want "TKESG401"
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "icmp"
    description = "ping again"
  }
}

# Egress rules shadow each other too: HTTPS to everyone below ALL to everyone.
resource "tencentcloud_security_group" "egress_shadowed" {
  name = "tkesg401-egress-shadowed"
}

resource "tencentcloud_security_group_rule_set" "egress_shadowed" {
  security_group_id = tencentcloud_security_group.egress_shadowed.id

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }

  egress { # want "TKESG401"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "443"
  }
}

# Shadowing inside a lite rule list: the third string is covered by the first
# (ALL protocols from the whole VPC); the others are not covered.
resource "tencentcloud_security_group" "lite_shadowed" {
  name = "tkesg401-lite-shadowed"
}

resource "tencentcloud_security_group_lite_rule" "lite_shadowed" {
  security_group_id = tencentcloud_security_group.lite_shadowed.id
  ingress = [
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#172.16.0.0/16#ALL#ALL",
    "ACCEPT#10.0.1.0/24#22#TCP", # want "TKESG401"
    "DROP#0.0.0.0/0#ALL#ALL",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

# A lite rule list whose ACCEPT is hidden by an earlier DROP string.
resource "tencentcloud_security_group" "lite_hidden_by_drop" {
  name = "tkesg401-lite-hidden-by-drop"
}

resource "tencentcloud_security_group_lite_rule" "lite_hidden_by_drop" {
  security_group_id = tencentcloud_security_group.lite_hidden_by_drop.id
  ingress = [
    "DROP#192.168.0.0/16#ALL#ALL",
    "ACCEPT#192.168.10.0/24#3306#TCP", # want "TKESG401 .*(?i:drop)"
  ]
}

# Scenario: the members of another security group are IPv4 or IPv6
# addresses, so DROPs of all of IPv4 and all of IPv6 hide an ACCEPT from
# that group, even though neither DROP names it.
resource "tencentcloud_security_group" "group_peer_hidden" {
  name = "tkesg401-group-peer-hidden"
}

resource "tencentcloud_security_group_rule_set" "group_peer_hidden" {
  security_group_id = tencentcloud_security_group.group_peer_hidden.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    action          = "DROP"
    ipv6_cidr_block = "::/0"
  }
  ingress { # want "TKESG401 .*rule 1 .*rule 2 .*(?i:drop)"
    action             = "ACCEPT"
    source_security_id = "sg-0a0b0c0d"
    protocol           = "TCP"
    port               = "8080"
  }
  # ICMPv6 only comes from IPv6 addresses: the second DROP alone hides it.
  ingress { # want "TKESG401 .*rule 2 \\(DROP ALL from ::/0\\)"
    action             = "ACCEPT"
    source_security_id = "sg-0a0b0c0d"
    protocol           = "ICMPv6"
  }
}
