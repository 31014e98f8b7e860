# TKESG206 (with TKESG201, 203, 205 and 401 where a rule meets them): the
# sensitive services of rulesets/sensitive-services.yaml from the world, as
# Terraform; bundle.json holds the same groups as an export.

resource "tencentcloud_address_template" "twin_partners" {
  name      = "twin-partners"
  addresses = ["198.51.100.0/24", "::/0"]
}

resource "tencentcloud_security_group" "twin_redis_world" {
  name = "twin-redis-world"
}

resource "tencentcloud_security_group_rule_set" "twin_redis_world" {
  security_group_id = tencentcloud_security_group.twin_redis_world.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6379"
  }
}

resource "tencentcloud_security_group" "twin_mysql_ipv6" {
  name = "twin-mysql-ipv6"
}

resource "tencentcloud_security_group_rule_set" "twin_mysql_ipv6" {
  security_group_id = tencentcloud_security_group.twin_mysql_ipv6.id

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "3306"
  }
}

resource "tencentcloud_security_group" "twin_template_world" {
  name = "twin-template-world"
}

resource "tencentcloud_security_group_rule_set" "twin_template_world" {
  security_group_id = tencentcloud_security_group.twin_template_world.id

  ingress {
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.twin_partners.id
    protocol            = "TCP"
    port                = "27017-27018"
  }
}

resource "tencentcloud_security_group" "twin_ranges" {
  name = "twin-ranges"
}

resource "tencentcloud_security_group_rule_set" "twin_ranges" {
  security_group_id = tencentcloud_security_group.twin_ranges.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9200"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9200,9300"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2000-2400"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "6379,11211"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8"
    protocol   = "UDP"
    port       = "161"
  }
}

resource "tencentcloud_security_group" "twin_hidden" {
  name = "twin-hidden"
}

resource "tencentcloud_security_group_rule_set" "twin_hidden" {
  security_group_id = tencentcloud_security_group.twin_hidden.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6000-6500"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6379"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "3306"
  }
}

resource "tencentcloud_security_group" "twin_all_tcp" {
  name = "twin-all-tcp"
}

resource "tencentcloud_security_group_rule_set" "twin_all_tcp" {
  security_group_id = tencentcloud_security_group.twin_all_tcp.id

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "ALL"
  }
}

resource "tencentcloud_security_group" "twin_most_tcp" {
  name = "twin-most-tcp"
}

resource "tencentcloud_security_group_rule_set" "twin_most_tcp" {
  security_group_id = tencentcloud_security_group.twin_most_tcp.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "1-1000"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "ALL"
  }
}
