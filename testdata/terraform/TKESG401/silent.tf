# TKESG401 near misses: later rules that overlap earlier ones but still decide
# some flow of their own.

# Partially covered: port 80 from 10.0.0.0/16 is decided earlier, but ports
# 81-90 and the rest of 10.0.0.0/8 are not.
resource "tencentcloud_security_group" "partial" {
  name = "tkesg401-partial"
}

resource "tencentcloud_security_group_rule_set" "partial" {
  security_group_id = tencentcloud_security_group.partial.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "80"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "80-90"
  }
}

# Almost a union: the earlier ranges leave port 2000 open, which the third rule
# still decides.
resource "tencentcloud_security_group" "union_with_gap" {
  name = "tkesg401-union-with-gap"
}

resource "tencentcloud_security_group_rule_set" "union_with_gap" {
  security_group_id = tencentcloud_security_group.union_with_gap.id

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
    port       = "2001-2999"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "UDP"
    port       = "1500-2500"
  }
}

# Same port, different protocol: DNS over TCP and over UDP.
resource "tencentcloud_security_group" "different_protocol" {
  name = "tkesg401-different-protocol"
}

resource "tencentcloud_security_group_rule_set" "different_protocol" {
  security_group_id = tencentcloud_security_group.different_protocol.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "53"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "UDP"
    port       = "53"
  }
}

# Same port and peer, different address family.
resource "tencentcloud_security_group" "different_family" {
  name = "tkesg401-different-family"
}

resource "tencentcloud_security_group_rule_set" "different_family" {
  security_group_id = tencentcloud_security_group.different_family.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "8443"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "fd00::/8"
    protocol        = "TCP"
    port            = "8443"
  }
}

# The same rule in both directions: ingress and egress are separate lists.
resource "tencentcloud_security_group" "different_direction" {
  name = "tkesg401-different-direction"
}

resource "tencentcloud_security_group_rule_set" "different_direction" {
  security_group_id = tencentcloud_security_group.different_direction.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }
}

# Identical rules in two different SGs: each SG has its own list.
resource "tencentcloud_security_group" "app_a" {
  name = "tkesg401-app-a"
}

resource "tencentcloud_security_group_rule_set" "app_a" {
  security_group_id = tencentcloud_security_group.app_a.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "8080"
  }
}

resource "tencentcloud_security_group" "app_b" {
  name = "tkesg401-app-b"
}

resource "tencentcloud_security_group_rule_set" "app_b" {
  security_group_id = tencentcloud_security_group.app_b.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "8080"
  }
}

# A narrow DROP above a wide ACCEPT: the usual "deny this, allow the rest";
# nothing is dead.
resource "tencentcloud_security_group" "exception_first" {
  name = "tkesg401-exception-first"
}

resource "tencentcloud_security_group_rule_set" "exception_first" {
  security_group_id = tencentcloud_security_group.exception_first.id

  ingress {
    action     = "DROP"
    cidr_block = "10.0.5.0/24"
    protocol   = "TCP"
    port       = "22"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }
}

# Scenario: a DROP of all IPv4 does not hide an ACCEPT from another group,
# whose members may have IPv6 addresses.
resource "tencentcloud_security_group" "group_peer_v6" {
  name = "tkesg401-group-peer-v6"
}

resource "tencentcloud_security_group_rule_set" "group_peer_v6" {
  security_group_id = tencentcloud_security_group.group_peer_v6.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    action             = "ACCEPT"
    source_security_id = "sg-0a0b0c0d"
    protocol           = "TCP"
    port               = "8080"
  }
}
