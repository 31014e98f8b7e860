# TKESG402 near misses: valid rules written in less common ways. Each rule has
# its own source, so none covers another.

resource "tencentcloud_security_group" "bastion" {
  name = "tkesg402-bastion"
}

resource "tencentcloud_address_template" "office" {
  name      = "tkesg402-office"
  addresses = ["10.9.0.1", "10.9.1.0/24", "10.9.2.1-10.9.2.100"]
}

resource "tencentcloud_address_template_group" "offices" {
  name         = "tkesg402-offices"
  template_ids = [tencentcloud_address_template.office.id]
}

resource "tencentcloud_protocol_template" "web" {
  name      = "tkesg402-web"
  protocols = ["tcp:80,443", "udp:443"]
}

resource "tencentcloud_security_group" "valid_forms" {
  name = "tkesg402-valid-forms"
}

resource "tencentcloud_security_group_rule_set" "valid_forms" {
  security_group_id = tencentcloud_security_group.valid_forms.id

  # Case does not matter: accept and tcp are valid.
  ingress {
    action     = "accept"
    cidr_block = "10.4.1.0/24"
    protocol   = "tcp"
    port       = "8080"
  }

  # ALL and all are the same port.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.4.2.0/24"
    protocol   = "TCP"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.4.3.0/24"
    protocol   = "UDP"
    port       = "all"
  }

  # A port list, a range and the ends of the port space.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.4.4.0/24"
    protocol   = "TCP"
    port       = "80,443"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.4.5.0/24"
    protocol   = "TCP"
    port       = "8000-8080"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.4.6.0/24"
    protocol   = "UDP"
    port       = "1,65535"
  }

  # ICMP without a port, and with port ALL.
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.4.7.0/24"
    protocol   = "ICMP"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.4.8.0/24"
    protocol   = "icmp"
    port       = "ALL"
  }

  # ICMPv6 with an IPv6 peer, and a single IPv6 address.
  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "fd00:1::/64"
    protocol        = "ICMPv6"
    port            = "ALL"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "2001:db8::1"
    protocol        = "TCP"
    port            = "443"
  }

  # A bare IPv4 address is a valid peer.
  ingress {
    action     = "drop"
    cidr_block = "10.4.9.10"
    protocol   = "TCP"
    port       = "22"
  }

  # Another security group, an address template and a template group as
  # peers, each alone in its block.
  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.bastion.id
    protocol           = "TCP"
    port               = "22"
  }

  ingress {
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.office.id
    protocol            = "TCP"
    port                = "3306"
  }

  ingress {
    action                 = "ACCEPT"
    address_template_group = tencentcloud_address_template_group.offices.id
    protocol               = "TCP"
    port                   = "5432"
  }

  # A service template replaces protocol and port.
  ingress {
    action              = "ACCEPT"
    cidr_block          = "10.4.10.0/24"
    service_template_id = tencentcloud_protocol_template.web.id
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# Valid lite rule strings, as in the provider's documentation.
resource "tencentcloud_security_group" "lite_valid" {
  name = "tkesg402-lite-valid"
}

resource "tencentcloud_security_group_lite_rule" "lite_valid" {
  security_group_id = tencentcloud_security_group.lite_valid.id
  ingress = [
    "ACCEPT#10.5.1.0/24#80,443#TCP",
    "ACCEPT#10.5.2.0/24#8000-8080#TCP",
    "DROP#10.5.3.10#53#UDP",
    "ACCEPT#10.5.4.0/24#ALL#ICMP",
    "ACCEPT#sg-a1b2c3d4#ALL#ALL",
    "ACCEPT#ipm-a1b2c3d4#80-90#TCP",
    "ACCEPT#10.5.5.0/24##ppm-a1b2c3d4",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

# A legacy rule in lower case with a port list.
resource "tencentcloud_security_group" "legacy_valid" {
  name = "tkesg402-legacy-valid"
}

resource "tencentcloud_security_group_rule" "legacy_valid" {
  security_group_id = tencentcloud_security_group.legacy_valid.id
  type              = "ingress"
  cidr_ip           = "10.6.0.0/16"
  ip_protocol       = "tcp"
  port_range        = "80,443"
  policy            = "accept"
}
