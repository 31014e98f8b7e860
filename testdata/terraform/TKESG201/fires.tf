# TKESG201: an ingress ACCEPT of ALL protocols, or of every port of TCP or UDP,
# from the world. Annotated for every 2xx and 4xx check: a rule that TKESG201
# flags is not flagged again by TKESG202 or TKESG203, although it includes
# TCP 22 and TCP 10250.
#
# This file holds the cases that fire; silent.tf holds the near misses.

variable "debug_cidr" {
  description = "Source allowed while debugging. Its default is everyone."
  type        = string
  default     = "0.0.0.0/0"
}

locals {
  anywhere = "0.0.0.0/0"
}

# The textbook case: everything from everywhere.
resource "tencentcloud_security_group" "allow_all" {
  name        = "tkesg201-allow-all"
  description = "temporary debug group"
}

resource "tencentcloud_security_group_rule_set" "allow_all" {
  security_group_id = tencentcloud_security_group.allow_all.id

  ingress { # want "TKESG201"
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "allow everything"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# Every TCP port (port ALL) from the world.
resource "tencentcloud_security_group" "all_tcp" {
  name = "tkesg201-all-tcp"
}

resource "tencentcloud_security_group_rule_set" "all_tcp" {
  security_group_id = tencentcloud_security_group.all_tcp.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "ALL"
  }
}

# Every UDP port written as the range 1-65535.
resource "tencentcloud_security_group" "all_udp_range" {
  name = "tkesg201-all-udp-range"
}

resource "tencentcloud_security_group_rule_set" "all_udp_range" {
  security_group_id = tencentcloud_security_group.all_udp_range.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "1-65535"
  }
}

# TCP with the port left out: the port defaults to ALL.
resource "tencentcloud_security_group" "tcp_port_omitted" {
  name = "tkesg201-tcp-port-omitted"
}

resource "tencentcloud_security_group_rule_set" "tcp_port_omitted" {
  security_group_id = tencentcloud_security_group.tcp_port_omitted.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
  }
}

# Protocol and port both left out: they default to ALL.
resource "tencentcloud_security_group" "defaults_only" {
  name = "tkesg201-defaults-only"
}

resource "tencentcloud_security_group_rule_set" "defaults_only" {
  security_group_id = tencentcloud_security_group.defaults_only.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

# Case does not matter: accept / all are the same as ACCEPT / ALL.
resource "tencentcloud_security_group" "lower_case" {
  name = "tkesg201-lower-case"
}

resource "tencentcloud_security_group_rule_set" "lower_case" {
  security_group_id = tencentcloud_security_group.lower_case.id

  ingress { # want "TKESG201"
    action     = "accept"
    cidr_block = "0.0.0.0/0"
    protocol   = "all"
    port       = "all"
  }
}

# ::/0 is all of IPv6, which is the world too.
resource "tencentcloud_security_group" "ipv6_world" {
  name = "tkesg201-ipv6-world"
}

resource "tencentcloud_security_group_rule_set" "ipv6_world" {
  security_group_id = tencentcloud_security_group.ipv6_world.id

  ingress { # want "TKESG201"
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "ALL"
    port            = "ALL"
  }
}

# 0::0/0 is ::/0 written differently.
resource "tencentcloud_security_group" "ipv6_world_long" {
  name = "tkesg201-ipv6-world-long"
}

resource "tencentcloud_security_group_rule_set" "ipv6_world_long" {
  security_group_id = tencentcloud_security_group.ipv6_world_long.id

  ingress { # want "TKESG201"
    action          = "ACCEPT"
    ipv6_cidr_block = "0::0/0"
    protocol        = "ALL"
    port            = "ALL"
  }
}

# A node group whose N3-N6 rules were replaced by one ACCEPT ALL from the
# world, below the usual pod and VPC rules: the ACCEPT still decides every
# flow from the internet.
resource "tencentcloud_security_group" "nodes_wide_open" {
  name        = "tkesg201-nodes-wide-open"
  description = "worker nodes, hand-written"
}

resource "tencentcloud_security_group_rule_set" "nodes_wide_open" {
  security_group_id = tencentcloud_security_group.nodes_wide_open.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "vpc"
  }

  ingress { # want "TKESG201"
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "everything else"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# A lite rule string: every TCP port from the world. The ICMP rule after it is
# TKE's N6 (ping) and is not flagged.
resource "tencentcloud_security_group" "lite_all_tcp" {
  name = "tkesg201-lite-all-tcp"
}

resource "tencentcloud_security_group_lite_rule" "lite_all_tcp" {
  security_group_id = tencentcloud_security_group.lite_all_tcp.id
  ingress = [
    "ACCEPT#0.0.0.0/0#ALL#TCP", # want "TKESG201"
    "ACCEPT#0.0.0.0/0#ALL#ICMP",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

# A legacy rule as found in the wild: lower case, TCP 1-65535 from anywhere.
# The finding is on the resource header.
resource "tencentcloud_security_group" "legacy_open" {
  name = "tkesg201-legacy-open"
}

resource "tencentcloud_security_group_rule" "legacy_all_tcp" { # want "TKESG201"
  security_group_id = tencentcloud_security_group.legacy_open.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "tcp"
  port_range        = "1-65535"
  policy            = "accept"
  description       = "open all ports"
}

# An address template is the world when one of its addresses is 0.0.0.0/0.
resource "tencentcloud_address_template" "partners_and_everyone" {
  name      = "tkesg201-partners"
  addresses = ["10.0.0.0/8", "198.51.100.0/24", "0.0.0.0/0"]
}

resource "tencentcloud_security_group" "template_world" {
  name = "tkesg201-template-world"
}

resource "tencentcloud_security_group_rule_set" "template_world" {
  security_group_id = tencentcloud_security_group.template_world.id

  ingress { # want "TKESG201"
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.partners_and_everyone.id
    protocol            = "ALL"
    port                = "ALL"
  }
}

# The CIDR comes from a variable whose default is the world.
resource "tencentcloud_security_group" "var_default_world" {
  name = "tkesg201-var-default-world"
}

resource "tencentcloud_security_group_rule_set" "var_default_world" {
  security_group_id = tencentcloud_security_group.var_default_world.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = var.debug_cidr
    protocol   = "ALL"
    port       = "ALL"
  }
}

# The CIDR comes from a local that is the world.
resource "tencentcloud_security_group" "local_world" {
  name = "tkesg201-local-world"
}

resource "tencentcloud_security_group_rule_set" "local_world" {
  security_group_id = tencentcloud_security_group.local_world.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = local.anywhere
    protocol   = "UDP"
    port       = "ALL"
  }
}

# 0.0.0.0/16 is treated as 0.0.0.0/0: TKESG205 on the value, and the rule
# exposes every protocol (TKESG201 on the block).
resource "tencentcloud_security_group" "slash16_world" {
  name = "tkesg201-slash16-world"
}

resource "tencentcloud_security_group_rule_set" "slash16_world" {
  security_group_id = tencentcloud_security_group.slash16_world.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/16" # want "TKESG205 .*0\\.0\\.0\\.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
}
