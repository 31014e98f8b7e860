# TKESG206: an ingress ACCEPT from the world of a service that must never face
# the internet (rulesets/sensitive-services.yaml). Annotated for every 2xx and
# 4xx check. Each finding names every listed service the rule exposes, with an
# example flow inside the service's ports.
#
# This file holds the cases that fire; silent.tf holds the near misses.

variable "cache_cidr" {
  description = "Who may reach the cache."
  type        = string
  default     = "0.0.0.0/0"
}

# Redis from all of IPv4: an error, as Redis has no password as installed.
resource "tencentcloud_security_group" "redis_world" {
  name = "tkesg206-redis-world"
}

resource "tencentcloud_security_group_rule_set" "redis_world" {
  security_group_id = tencentcloud_security_group.redis_world.id

  ingress { # want "TKESG206 .*accepts Redis from the world \\(0\\.0\\.0\\.0/0\\), for example TCP 6379 from"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6379"
  }
}

# MySQL from all of IPv6: the world too.
resource "tencentcloud_security_group" "mysql_ipv6" {
  name = "tkesg206-mysql-ipv6"
}

resource "tencentcloud_security_group_rule_set" "mysql_ipv6" {
  security_group_id = tencentcloud_security_group.mysql_ipv6.id

  ingress { # want "TKESG206 .*accepts MySQL from the world \\(::/0\\), for example TCP 3306 from 2001:db8::7"
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "3306"
  }
}

# An address template is the world when one of its members is: here ::/0.
resource "tencentcloud_address_template" "partners_and_everyone" {
  name      = "tkesg206-partners"
  addresses = ["198.51.100.0/24", "::/0"]
}

resource "tencentcloud_security_group" "template_world" {
  name = "tkesg206-template-world"
}

resource "tencentcloud_security_group_rule_set" "template_world" {
  security_group_id = tencentcloud_security_group.template_world.id

  ingress { # want "TKESG206 .*accepts MongoDB .*tkesg206-partners.*for example TCP 27017 from 2001:db8::7"
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.partners_and_everyone.id
    protocol            = "TCP"
    port                = "27017-27018"
  }
}

# A service template replaces protocol and port: it names HTTPS, which is not
# listed, and Elasticsearch's 9200, which is.
resource "tencentcloud_protocol_template" "search" {
  name      = "tkesg206-search"
  protocols = ["tcp:443", "tcp:9200"]
}

resource "tencentcloud_security_group" "service_template" {
  name = "tkesg206-service-template"
}

resource "tencentcloud_security_group_rule_set" "service_template" {
  security_group_id = tencentcloud_security_group.service_template.id

  ingress { # want "TKESG206 .*accepts Elasticsearch from the world .*for example TCP 9200 from"
    action              = "ACCEPT"
    cidr_block          = "0.0.0.0/0"
    service_template_id = tencentcloud_protocol_template.search.id
  }
}

# Ranges that cover a service only partly: the example flow lies inside both
# the range and the service (MongoDB's 27017, not 27018; Elasticsearch's 9300,
# not 9200).
resource "tencentcloud_security_group" "partial_ranges" {
  name = "tkesg206-partial-ranges"
}

resource "tencentcloud_security_group_rule_set" "partial_ranges" {
  security_group_id = tencentcloud_security_group.partial_ranges.id

  ingress { # want "TKESG206 .*accepts MongoDB from the world .*for example TCP 27017 from"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "27000-27017"
  }

  ingress { # want "TKESG206 .*accepts Elasticsearch from the world .*for example TCP 9300 from"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9250-9400"
  }
}

# One wide range, many services: ZooKeeper, NFS, both Docker APIs. etcd's
# 2379-2380 in the same range is TKESG203's and is not named by TKESG206. The
# Docker API without TLS makes the finding an error and comes first; the
# others follow by port. Beyond three services the message omits the reasons.
resource "tencentcloud_security_group" "wide_range" {
  name = "tkesg206-wide-range"
}

resource "tencentcloud_security_group_rule_set" "wide_range" {
  security_group_id = tencentcloud_security_group.wide_range.id

  ingress { # want "TKESG203 .*2379" "TKESG206 .*4 services .*: Docker API \\(TCP 2375 from .*\\); NFS \\(TCP 2049 .*\\); ZooKeeper \\(TCP 2181 .*\\); Docker API over TLS \\(TCP 2376 "
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2000-2400"
  }
}

# UDP services: SNMP and Memcached over UDP (the amplification port).
resource "tencentcloud_security_group" "udp_services" {
  name = "tkesg206-udp-services"
}

resource "tencentcloud_security_group_rule_set" "udp_services" {
  security_group_id = tencentcloud_security_group.udp_services.id

  ingress { # want "TKESG206 .*accepts SNMP from the world .*for example UDP 161 from"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "161"
  }

  ingress { # want "TKESG206 .*accepts Memcached from the world .*for example UDP 11211 from"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "udp"
    port       = "11211"
  }
}

# A DROP above hides part of the rule: the Elasticsearch finding names 9300,
# the port the ACCEPT still decides.
resource "tencentcloud_security_group" "partly_hidden" {
  name = "tkesg206-partly-hidden"
}

resource "tencentcloud_security_group_rule_set" "partly_hidden" {
  security_group_id = tencentcloud_security_group.partly_hidden.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9200"
  }

  ingress { # want "TKESG206 .*accepts Elasticsearch from the world .*for example TCP 9300 from"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9200,9300"
  }
}

# TKE's N1/N2 above do not hide it: the ACCEPT still decides the flows from
# the internet. The CIDR comes from a variable whose default is the world, and
# a service template names Memcached over TCP and UDP.
resource "tencentcloud_protocol_template" "memcached" {
  name      = "tkesg206-memcached"
  protocols = ["tcp:11211", "udp:11211"]
}

resource "tencentcloud_security_group" "below_private" {
  name = "tkesg206-below-private"
}

resource "tencentcloud_security_group_rule_set" "below_private" {
  security_group_id = tencentcloud_security_group.below_private.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress { # want "TKESG206 .*accepts Memcached \\(TCP and UDP 11211\\) from the world .*for example TCP 11211 from 203\\.0\\.113\\.7"
    action              = "ACCEPT"
    cidr_block          = var.cache_cidr
    service_template_id = tencentcloud_protocol_template.memcached.id
  }
}

# 0.0.0.0/8 is the world to Tencent Cloud: TKESG205 on the value, and the
# Kibana console is exposed.
resource "tencentcloud_security_group" "alias_world" {
  name = "tkesg206-alias-world"
}

resource "tencentcloud_security_group_rule_set" "alias_world" {
  security_group_id = tencentcloud_security_group.alias_world.id

  ingress { # want "TKESG206 .*accepts Kibana from the world .*5601"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8" # want "TKESG205 .*0\\.0\\.0\\.0/8"
    protocol   = "TCP"
    port       = "5601"
  }
}

# Lite rule strings: two services in one rule (both named, each with an
# example), and Telnet.
resource "tencentcloud_security_group" "lite_services" {
  name = "tkesg206-lite-services"
}

resource "tencentcloud_security_group_lite_rule" "lite_services" {
  security_group_id = tencentcloud_security_group.lite_services.id
  ingress = [
    "ACCEPT#0.0.0.0/0#6379,11211#TCP", # want "TKESG206 .*2 services .*: Redis, for example TCP 6379 from .*; Memcached, for example TCP 11211 from"
    "ACCEPT#0.0.0.0/0#23#TCP",         # want "TKESG206 .*accepts Telnet from the world"
  ]
}

# A legacy rule, as in the wild: the SMB port. The finding is on the header.
resource "tencentcloud_security_group" "legacy_smb" {
  name = "tkesg206-legacy-smb"
}

resource "tencentcloud_security_group_rule" "legacy_smb" { # want "TKESG206 .*accepts SMB from the world .*445"
  security_group_id = tencentcloud_security_group.legacy_smb.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "tcp"
  port_range        = "445"
  policy            = "accept"
}

# One rule with SSH and PostgreSQL: TKESG202 for 22, TKESG206 for 5432 only.
resource "tencentcloud_security_group" "ssh_and_postgres" {
  name = "tkesg206-ssh-and-postgres"
}

resource "tencentcloud_security_group_rule_set" "ssh_and_postgres" {
  security_group_id = tencentcloud_security_group.ssh_and_postgres.id

  ingress { # want "TKESG202 .*22" "TKESG206 .*accepts PostgreSQL from the world"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22,5432"
  }
}
