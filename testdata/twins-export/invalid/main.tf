# Invalid rules (TKESG402): ports out of range or reversed, a port with ICMP, malformed
# CIDRs, ICMP with an IPv6 peer, an unknown protocol and action, no peer and two peers.

resource "tencentcloud_security_group" "twin_invalid" {
  name = "twin-invalid"
}

resource "tencentcloud_security_group_rule_set" "twin_invalid" {
  security_group_id = tencentcloud_security_group.twin_invalid.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "70000"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "UDP"
    port       = "90-80"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "ICMP"
    port       = "8"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/33"
    protocol   = "TCP"
    port       = "443"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "2001:db8::/129"
    protocol        = "TCP"
    port            = "443"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "ICMP"
    port            = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "SCTP"
    port       = "ALL"
  }

  ingress {
    action     = "ALLOW"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }

  ingress {
    action   = "ACCEPT"
    protocol = "TCP"
    port     = "443"
  }

  ingress {
    action             = "ACCEPT"
    cidr_block         = "10.0.0.0/8"
    source_security_id = "sg-1a2b3c4d"
    protocol           = "TCP"
    port               = "443"
  }

  ingress {
    action     = "accept"
    cidr_block = "10.0.0.0/8"
    protocol   = "tcp"
    port       = "80,443"
  }
}
