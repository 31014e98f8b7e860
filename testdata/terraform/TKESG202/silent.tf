# TKESG202 near misses: SSH and RDP rules that must not be reported.

variable "office_cidr" {
  description = "The office network. No default: the value is unknown here."
  type        = string
}

# SSH from the VPC, from a private /8 and from one public address: none of
# them is the world.
resource "tencentcloud_security_group" "ssh_restricted" {
  name = "tkesg202-ssh-restricted"
}

resource "tencentcloud_security_group_rule_set" "ssh_restricted" {
  security_group_id = tencentcloud_security_group.ssh_restricted.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "22"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "203.0.113.10/32"
    protocol   = "TCP"
    port       = "22"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "198.51.100.0/24"
    protocol   = "TCP"
    port       = "3389"
  }
}

# A bare 0.0.0.0 is a single address, not the world.
resource "tencentcloud_security_group" "bare_zero_address" {
  name = "tkesg202-bare-zero-address"
}

resource "tencentcloud_security_group_rule_set" "bare_zero_address" {
  security_group_id = tencentcloud_security_group.bare_zero_address.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0"
    protocol   = "TCP"
    port       = "22"
  }
}

# The CIDR is an unresolved variable: no finding, only a note that names it.
resource "tencentcloud_security_group" "unresolved_cidr" {
  name = "tkesg202-unresolved-cidr"
}

resource "tencentcloud_security_group_rule_set" "unresolved_cidr" {
  security_group_id = tencentcloud_security_group.unresolved_cidr.id

  ingress { # want "TKESG202 note: .*var.office_cidr"
    action     = "ACCEPT"
    cidr_block = var.office_cidr
    protocol   = "TCP"
    port       = "22"
  }
}

# Ports next to 22 and 3389 but not them, a UDP 22, and a DROP of SSH from the
# world: none exposes remote administration (23-221 holds Telnet and NetBIOS,
# which are TKESG206's).
resource "tencentcloud_security_group" "near_ports" {
  name = "tkesg202-near-ports"
}

resource "tencentcloud_security_group_rule_set" "near_ports" {
  security_group_id = tencentcloud_security_group.near_ports.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2222"
  }

  ingress { # want "TKESG206 .*Telnet.*NetBIOS"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "23-221"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3380,3390"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "22"
  }

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3389"
  }
}

# TKE's NodePort rules N4 and N5 from the world are not flagged.
resource "tencentcloud_security_group" "nodeport_world" {
  name = "tkesg202-nodeport-world"
}

resource "tencentcloud_security_group_rule_set" "nodeport_world" {
  security_group_id = tencentcloud_security_group.nodeport_world.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "30000-32768"
  }
}

# Egress to SSH servers anywhere is not inbound administration.
resource "tencentcloud_security_group" "egress_ssh" {
  name = "tkesg202-egress-ssh"
}

resource "tencentcloud_security_group_rule_set" "egress_ssh" {
  security_group_id = tencentcloud_security_group.egress_ssh.id

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}

# SSH from the world below a DROP of SSH from the world decides no flow: it
# exposes nothing and is TKESG401 only (hidden by a DROP).
resource "tencentcloud_security_group" "ssh_below_drop" {
  name = "tkesg202-ssh-below-drop"
}

resource "tencentcloud_security_group_rule_set" "ssh_below_drop" {
  security_group_id = tencentcloud_security_group.ssh_below_drop.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "no ssh from the internet"
  }

  ingress { # want "TKESG401 .*(?i:drop)"
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "old bastion rule"
  }
}

# SSH from the world inside a rule that TKESG201 already reports (every TCP
# port): only TKESG201, never TKESG202 too.
resource "tencentcloud_security_group" "all_tcp_world" {
  name = "tkesg202-all-tcp-world"
}

resource "tencentcloud_security_group_rule_set" "all_tcp_world" {
  security_group_id = tencentcloud_security_group.all_tcp_world.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "ALL"
  }
}
