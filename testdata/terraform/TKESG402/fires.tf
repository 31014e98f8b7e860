# TKESG402: an invalid rule. The finding is on the offending value (the port
# line, the cidr_block line, ...), on the `ingress {` line when the number of
# peers is wrong, on the string for a lite rule, and on the value line of a
# legacy rule. Each rule below has exactly one defect, and every peer is
# private, so no other check applies: an invalid rule neither exposes, shadows
# nor is shadowed. Annotated for every 2xx and 4xx check.
#
# This file holds the cases that fire; silent.tf holds valid rules that look
# odd.

resource "tencentcloud_security_group" "relative" {
  name = "tkesg402-relative"
}

# Ports outside 1..65535, a reversed range, and ports with protocols that
# have none.
resource "tencentcloud_security_group" "bad_ports" {
  name = "tkesg402-bad-ports"
}

resource "tencentcloud_security_group_rule_set" "bad_ports" {
  security_group_id = tencentcloud_security_group.bad_ports.id

  # Above 65535.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.1.0/24"
    protocol   = "TCP"
    port       = "70000" # want "TKESG402 .*70000"
  }

  # Port 0 does not exist.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.2.0/24"
    protocol   = "TCP"
    port       = "0" # want "TKESG402"
  }

  # A range whose low end is above its high end.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.3.0/24"
    protocol   = "UDP"
    port       = "90-80" # want "TKESG402 .*90-80"
  }

  # ICMP has no ports.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.4.0/24"
    protocol   = "ICMP"
    port       = "8" # want "TKESG402"
  }

  # With protocol ALL the port must be ALL.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.5.0/24"
    protocol   = "ALL"
    port       = "22" # want "TKESG402"
  }
}

# Malformed CIDRs, and ICMP versions that do not fit the peer's family. For
# the family mismatch the finding is on the protocol line: the protocol is
# what must change.
resource "tencentcloud_security_group" "bad_peers" {
  name = "tkesg402-bad-peers"
}

resource "tencentcloud_security_group_rule_set" "bad_peers" {
  security_group_id = tencentcloud_security_group.bad_peers.id

  # Prefix length above 32.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/33" # want "TKESG402 .*10\\.0\\.0\\.0/33"
    protocol   = "TCP"
    port       = "443"
  }

  # Three octets are no address.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0" # want "TKESG402 .*10\\.0\\.0"
    protocol   = "TCP"
    port       = "443"
  }

  # Prefix length above 128.
  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "2001:db8::/129" # want "TKESG402 .*2001:db8::/129"
    protocol        = "TCP"
    port            = "443"
  }

  # ICMP (IPv4) with an IPv6 peer.
  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "2001:db8::/32"
    protocol        = "ICMP" # want "TKESG402"
    port            = "ALL"
  }

  # ICMPv6 with an IPv4 peer.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.6.0/24"
    protocol   = "ICMPv6" # want "TKESG402"
    port       = "ALL"
  }
}

# The wrong number of peers: the finding is on the block's first line.
resource "tencentcloud_security_group" "peer_count" {
  name = "tkesg402-peer-count"
}

resource "tencentcloud_security_group_rule_set" "peer_count" {
  security_group_id = tencentcloud_security_group.peer_count.id

  # Two peers in one block.
  ingress { # want "TKESG402"
    action             = "ACCEPT"
    cidr_block         = "10.0.7.0/24"
    source_security_id = tencentcloud_security_group.relative.id
    protocol           = "TCP"
    port               = "8080"
  }

  # No peer at all.
  ingress { # want "TKESG402"
    action   = "ACCEPT"
    protocol = "TCP"
    port     = "8081"
  }
}

# Words the API does not know.
resource "tencentcloud_security_group" "bad_words" {
  name = "tkesg402-bad-words"
}

resource "tencentcloud_security_group_rule_set" "bad_words" {
  security_group_id = tencentcloud_security_group.bad_words.id

  # SCTP is no protocol of a security group.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.8.0/24"
    protocol   = "SCTP" # want "TKESG402 .*SCTP"
    port       = "9000"
  }

  # ALLOW is no action (ACCEPT is).
  ingress {
    action     = "ALLOW" # want "TKESG402 .*ALLOW"
    cidr_block = "10.0.9.0/24"
    protocol   = "TCP"
    port       = "9001"
  }
}

# Malformed lite rule strings: the finding is on the string's line.
resource "tencentcloud_security_group" "lite_bad" {
  name = "tkesg402-lite-bad"
}

resource "tencentcloud_security_group_lite_rule" "lite_bad" {
  security_group_id = tencentcloud_security_group.lite_bad.id
  ingress = [
    "ACCEPT#10.1.1.0/24#ALL", # want "TKESG402"
    "ACCEPT#10.1.2.0/24#80#TCP#web", # want "TKESG402"
    "ACCEPT#10.1.3.0/24#70000#TCP", # want "TKESG402 .*70000"
    "ACCEPT#10.1.4.0/24#8#ICMP", # want "TKESG402"
    "ALLOW#10.1.5.0/24#80#TCP", # want "TKESG402 .*ALLOW"
    "ACCEPT#10.1.6.300#80#TCP", # want "TKESG402 .*10\\.1\\.6\\.300"
    "ACCEPT##80#TCP", # want "TKESG402"
  ]
}

# Legacy rules: the finding is on the offending value's line.
resource "tencentcloud_security_group" "legacy_bad_cidr" {
  name = "tkesg402-legacy-bad-cidr"
}

resource "tencentcloud_security_group_rule" "legacy_bad_cidr" {
  security_group_id = tencentcloud_security_group.legacy_bad_cidr.id
  type              = "ingress"
  cidr_ip           = "10.2.0.0/33" # want "TKESG402 .*10\\.2\\.0\\.0/33"
  ip_protocol       = "TCP"
  port_range        = "80"
  policy            = "ACCEPT"
}

resource "tencentcloud_security_group" "legacy_bad_port" {
  name = "tkesg402-legacy-bad-port"
}

resource "tencentcloud_security_group_rule" "legacy_bad_port" {
  security_group_id = tencentcloud_security_group.legacy_bad_port.id
  type              = "ingress"
  cidr_ip           = "10.3.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "70000" # want "TKESG402 .*70000"
  policy            = "ACCEPT"
}

# An address template entry that is no address, CIDR or range: Tencent Cloud
# refuses the template. The finding is on the entry.
resource "tencentcloud_address_template" "bad_entry" {
  name      = "tkesg402-bad-entry"
  addresses = ["10.9.0.0/24", "2001:db8::/200", "10.9.2.9-10.9.2.1"] # want "TKESG402 .*2001:db8::/200" "TKESG402 .*10\\.9\\.2\\.9-10\\.9\\.2\\.1"
}

# A dynamic address_template block that reads its iterator with lookup()
# finds no group_id or template_id (they are under .value): both are "", so
# the rule names no peer, and the finding is on the first empty id rather
# than on the whole rule.
variable "office_templates" {
  default = [{ group_id = "ipmg-12345678" }]
}

resource "tencentcloud_security_group" "empty_template" {
  name = "tkesg402-empty-template"
}

resource "tencentcloud_security_group_rule" "empty_template" {
  security_group_id = tencentcloud_security_group.empty_template.id
  type              = "ingress"
  ip_protocol       = "TCP"
  port_range        = "443"
  policy            = "ACCEPT"
  dynamic "address_template" {
    for_each = var.office_templates
    content {
      group_id    = lookup(address_template, "group_id", "") # want "TKESG402 .*names no peer: its address template group \\(here\\) and address template are empty"
      template_id = lookup(address_template, "template_id", "")
    }
  }
}
