# Invalid rules (TKESG402) next to valid ones, with a service template and an
# address template group.
resource "tencentcloud_address_template" "offices" {
  name      = "offices"
  addresses = ["203.0.113.0/24", "0.0.0.0/0"]
}

resource "tencentcloud_address_template_group" "offices" {
  name         = "office-group"
  template_ids = [tencentcloud_address_template.offices.id]
}

resource "tencentcloud_protocol_template" "web" {
  name      = "web"
  protocols = ["tcp:80", "tcp:443"]
}

resource "tencentcloud_security_group" "app" {
  name        = "twin-app"
  description = "application servers"
}

resource "tencentcloud_security_group_rule_set" "app" {
  security_group_id = tencentcloud_security_group.app.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "0-65535"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "2001:db8::/64"
    protocol        = "ICMP"
  }

  ingress {
    action     = "PERMIT"
    cidr_block = "10.1.0.0/16"
    protocol   = "UDP"
    port       = "53"
  }

  ingress {
    action              = "ACCEPT"
    cidr_block          = "10.2.0.0/16"
    service_template_id = tencentcloud_protocol_template.web.id
  }

  ingress {
    action                 = "ACCEPT"
    address_template_group = tencentcloud_address_template_group.offices.id
    protocol               = "TCP"
    port                   = "22"
  }
}
