# TKESG202: an ingress ACCEPT of remote administration (TCP 22, TCP 3389) from
# the world. Annotated for every 2xx and 4xx check.
#
# This file holds the cases that fire; silent.tf holds the near misses.

variable "ssh_cidr" {
  description = "Who may SSH to the bastion."
  type        = string
  default     = "0.0.0.0/0"
}

locals {
  everyone_v6 = "::/0"
}

# TKE's worker group as the console creates it: N1, N2, N3 (SSH from the
# world), N4-N6. Only N3 is flagged; TKESG202 flags it on purpose.
resource "tencentcloud_security_group" "tke_worker" {
  name        = "tke-worker-security-for-cls-a1b2c3d4"
  description = "TKE worker defaults"
}

resource "tencentcloud_security_group_rule_set" "tke_worker" {
  security_group_id = tencentcloud_security_group.tke_worker.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress { # want "TKESG202 .*22"
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "N3 ssh"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# RDP from the world to a Windows jump host.
resource "tencentcloud_security_group" "rdp_world" {
  name = "tkesg202-rdp-world"
}

resource "tencentcloud_security_group_rule_set" "rdp_world" {
  security_group_id = tencentcloud_security_group.rdp_world.id

  ingress { # want "TKESG202 .*3389"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3389"
  }
}

# Lower-case action and protocol are the same rule.
resource "tencentcloud_security_group" "lower_case" {
  name = "tkesg202-lower-case"
}

resource "tencentcloud_security_group_rule_set" "lower_case" {
  security_group_id = tencentcloud_security_group.lower_case.id

  ingress { # want "TKESG202 .*22"
    action     = "accept"
    cidr_block = "0.0.0.0/0"
    protocol   = "tcp"
    port       = "22"
  }
}

# A port list that contains 22.
resource "tencentcloud_security_group" "port_list" {
  name = "tkesg202-port-list"
}

resource "tencentcloud_security_group_rule_set" "port_list" {
  security_group_id = tencentcloud_security_group.port_list.id

  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "80,22"
  }
}

# A port range that contains 22, and FTP and Telnet too (TKESG206).
resource "tencentcloud_security_group" "port_range" {
  name = "tkesg202-port-range"
}

resource "tencentcloud_security_group_rule_set" "port_range" {
  security_group_id = tencentcloud_security_group.port_range.id

  ingress { # want "TKESG202 .*22" "TKESG206 .*FTP.*Telnet"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "20-25"
  }
}

# IPv6 world, written ::/0.
resource "tencentcloud_security_group" "ipv6_world" {
  name = "tkesg202-ipv6-world"
}

resource "tencentcloud_security_group_rule_set" "ipv6_world" {
  security_group_id = tencentcloud_security_group.ipv6_world.id

  ingress { # want "TKESG202 .*22"
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "22"
  }
}

# IPv6 world, written 0::0/0.
resource "tencentcloud_security_group" "ipv6_world_long" {
  name = "tkesg202-ipv6-world-long"
}

resource "tencentcloud_security_group_rule_set" "ipv6_world_long" {
  security_group_id = tencentcloud_security_group.ipv6_world_long.id

  ingress { # want "TKESG202 .*3389"
    action          = "ACCEPT"
    ipv6_cidr_block = "0::0/0"
    protocol        = "TCP"
    port            = "3389"
  }
}

# IPv6 world through a local.
resource "tencentcloud_security_group" "local_ipv6_world" {
  name = "tkesg202-local-ipv6-world"
}

resource "tencentcloud_security_group_rule_set" "local_ipv6_world" {
  security_group_id = tencentcloud_security_group.local_ipv6_world.id

  ingress { # want "TKESG202 .*22"
    action          = "ACCEPT"
    ipv6_cidr_block = local.everyone_v6
    protocol        = "TCP"
    port            = "22"
  }
}

# 0.0.0.0/8 is the world: TKESG205 on the value, and SSH is exposed.
resource "tencentcloud_security_group" "slash8_world" {
  name = "tkesg202-slash8-world"
}

resource "tencentcloud_security_group_rule_set" "slash8_world" {
  security_group_id = tencentcloud_security_group.slash8_world.id

  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8" # want "TKESG205 .*0\\.0\\.0\\.0/8"
    protocol   = "TCP"
    port       = "22"
  }
}

# The CIDR comes from a variable whose default is the world.
resource "tencentcloud_security_group" "bastion_var" {
  name = "tkesg202-bastion-var"
}

resource "tencentcloud_security_group_rule_set" "bastion_var" {
  security_group_id = tencentcloud_security_group.bastion_var.id

  ingress { # want "TKESG202 .*22"
    action      = "ACCEPT"
    cidr_block  = var.ssh_cidr
    protocol    = "TCP"
    port        = "22"
    description = "bastion ssh"
  }
}

# An address template whose addresses include 0.0.0.0/0 is the world.
resource "tencentcloud_address_template" "ops_plus_world" {
  name      = "tkesg202-ops"
  addresses = ["203.0.113.0/24", "0.0.0.0/0"]
}

resource "tencentcloud_security_group" "template_world" {
  name = "tkesg202-template-world"
}

resource "tencentcloud_security_group_rule_set" "template_world" {
  security_group_id = tencentcloud_security_group.template_world.id

  ingress { # want "TKESG202 .*22"
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.ops_plus_world.id
    protocol            = "TCP"
    port                = "22"
  }
}

# Lite rule strings: the finding is on the string's line. The first string
# (HTTPS) is no remote administration.
resource "tencentcloud_security_group" "lite_admin" {
  name = "tkesg202-lite-admin"
}

resource "tencentcloud_security_group_lite_rule" "lite_admin" {
  security_group_id = tencentcloud_security_group.lite_admin.id
  ingress = [
    "ACCEPT#0.0.0.0/0#443#TCP",
    "ACCEPT#0.0.0.0/0#22#TCP", # want "TKESG202 .*22"
    "ACCEPT#0.0.0.0/0#3389#TCP", # want "TKESG202 .*3389"
  ]
}

# A legacy rule: the finding is on the resource header.
resource "tencentcloud_security_group" "legacy_ssh" {
  name = "tkesg202-legacy-ssh"
}

resource "tencentcloud_security_group_rule" "legacy_ssh" { # want "TKESG202 .*22"
  security_group_id = tencentcloud_security_group.legacy_ssh.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "22"
  policy            = "ACCEPT"
  description       = "ssh"
}
