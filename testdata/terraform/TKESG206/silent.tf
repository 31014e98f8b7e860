# TKESG206 near misses: rules on sensitive services that must not be reported
# as TKESG206. Annotated for every 2xx and 4xx check.

variable "app_cidr" {
  description = "Where the application runs. No default: the value is unknown here."
  type        = string
}

# A DROP above hides the ACCEPT entirely: it decides no flow, so it exposes
# nothing (it is only TKESG401).
resource "tencentcloud_security_group" "hidden_by_drop" {
  name = "tkesg206-hidden-by-drop"
}

resource "tencentcloud_security_group_rule_set" "hidden_by_drop" {
  security_group_id = tencentcloud_security_group.hidden_by_drop.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6000-6500"
  }

  ingress { # want "TKESG401 .*(?i:drop)"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6379"
  }
}

# Every TCP port, and everything, from the world: TKESG201 only, although the
# rules cover every listed service.
resource "tencentcloud_security_group" "all_ports" {
  name = "tkesg206-all-ports"
}

resource "tencentcloud_security_group_rule_set" "all_ports" {
  security_group_id = tencentcloud_security_group.all_ports.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "ALL"
  }

  ingress { # want "TKESG201"
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "ALL"
    port            = "ALL"
  }
}

# The ports of TKESG202 and TKESG203 stay theirs.
resource "tencentcloud_security_group" "owned_elsewhere" {
  name = "tkesg206-owned-elsewhere"
}

resource "tencentcloud_security_group_rule_set" "owned_elsewhere" {
  security_group_id = tencentcloud_security_group.owned_elsewhere.id

  ingress { # want "TKESG202 .*3389"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3389"
  }

  ingress { # want "TKESG203 .*2379"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2379-2380"
  }
}

# Private and restricted sources: the VPC, a private /12, one office /24, the
# SG of the application, an address template of offices, and the upper half
# of IPv4 (128.0.0.0/1 is not 0.0.0.0/n). None is the world.
resource "tencentcloud_address_template" "offices" {
  name      = "tkesg206-offices"
  addresses = ["203.0.113.0/24", "2001:db8:1::/48"]
}

resource "tencentcloud_security_group" "app" {
  name = "tkesg206-app"
}

resource "tencentcloud_security_group" "private_sources" {
  name = "tkesg206-private-sources"
}

resource "tencentcloud_security_group_rule_set" "private_sources" {
  security_group_id = tencentcloud_security_group.private_sources.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "3306"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/12"
    protocol   = "TCP"
    port       = "6379"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "198.51.100.0/24"
    protocol   = "TCP"
    port       = "5601"
  }

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.app.id
    protocol           = "TCP"
    port               = "5432"
  }

  ingress {
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.offices.id
    protocol            = "TCP"
    port                = "27017"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "128.0.0.0/1"
    protocol   = "TCP"
    port       = "9200"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0"
    protocol   = "TCP"
    port       = "2375"
  }
}

# Ports next to listed ones, and listed ports over the other protocol: MySQL
# is TCP only, SNMP UDP only.
resource "tencentcloud_security_group" "near_ports" {
  name = "tkesg206-near-ports"
}

resource "tencentcloud_security_group_rule_set" "near_ports" {
  security_group_id = tencentcloud_security_group.near_ports.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3307,6380,27019"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9201-9299"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "3306"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "161"
  }
}

# A service template of web ports only.
resource "tencentcloud_protocol_template" "web" {
  name      = "tkesg206-web"
  protocols = ["tcp:80,443", "udp:443"]
}

resource "tencentcloud_security_group" "web_template" {
  name = "tkesg206-web-template"
}

resource "tencentcloud_security_group_rule_set" "web_template" {
  security_group_id = tencentcloud_security_group.web_template.id

  ingress {
    action              = "ACCEPT"
    cidr_block          = "0.0.0.0/0"
    service_template_id = tencentcloud_protocol_template.web.id
  }
}

# Egress to databases anywhere is not an exposure.
resource "tencentcloud_security_group" "egress_db" {
  name = "tkesg206-egress-db"
}

resource "tencentcloud_security_group_rule_set" "egress_db" {
  security_group_id = tencentcloud_security_group.egress_db.id

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3306,5432,6379"
  }
}

# The CIDR is an unresolved variable: no finding, only a note that names it.
resource "tencentcloud_security_group" "unresolved_cidr" {
  name = "tkesg206-unresolved-cidr"
}

resource "tencentcloud_security_group_rule_set" "unresolved_cidr" {
  security_group_id = tencentcloud_security_group.unresolved_cidr.id

  ingress { # want "TKESG206 note: .*may accept Redis .*var.app_cidr"
    action     = "ACCEPT"
    cidr_block = var.app_cidr
    protocol   = "TCP"
    port       = "6379"
  }
}
