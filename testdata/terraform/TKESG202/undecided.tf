# Notes of the exposure checks (TKESG201-206) where a value is unresolved:
# one note per rule, which names the checks it leaves undecided and, once
# each, only the values that decide what that rule opens.

variable "head_office_cidr" {
  type = string
}

variable "partner_cidr" {
  type = string
}

variable "ops_cidr" {
  type = string
}

variable "pod_cidr" {
  type = string
}

variable "blocked_cidr" {
  type = string
}

# SSH from two unresolved CIDRs. Whether the first rule opens SSH depends on
# its own CIDR only: the second gets only what the first does not take. The
# second may open it whatever the first is (if the first is the world, the
# first is the one to fix). Each note names its own variable.
resource "tencentcloud_security_group" "two_offices" {
  name = "tkesg202-two-offices"
}

resource "tencentcloud_security_group_rule_set" "two_offices" {
  security_group_id = tencentcloud_security_group.two_offices.id

  ingress { # want "TKESG202 note: ingress rule 1 .*; TKESG202 could not be decided: [^;]*\\(var\\.head_office_cidr has no value\\)$"
    action     = "ACCEPT"
    cidr_block = var.head_office_cidr
    protocol   = "TCP"
    port       = "22"
  }

  ingress { # want "TKESG202 note: ingress rule 2 .*; TKESG202 could not be decided: [^;]*\\(var\\.partner_cidr has no value\\)$"
    action     = "ACCEPT"
    cidr_block = var.partner_cidr
    protocol   = "TCP"
    port       = "22"
  }
}

# SSH and etcd from one unresolved CIDR: one note for both checks, which
# says the variable once.
resource "tencentcloud_security_group" "ops" {
  name = "tkesg202-ops"
}

resource "tencentcloud_security_group_rule_set" "ops" {
  security_group_id = tencentcloud_security_group.ops.id

  ingress { # want "TKESG202 note: .*: TCP 22 \\(SSH\\) from any address on the internet; and control-plane or node-agent ports from the world: TCP 2379 \\(etcd\\); TKESG202, TKESG203 could not be decided: [^;]*\\(var\\.ops_cidr has no value\\)$"
    action     = "ACCEPT"
    cidr_block = var.ops_cidr
    protocol   = "TCP"
    port       = "22,2379"
  }
}

# Everything from an unresolved CIDR above TKE's NodePort rule: the first
# rule may be the one that accepts the NodePorts too, so it may open every
# port, one TKESG201 note and no TKESG202, TKESG203 or TKESG206 note.
resource "tencentcloud_security_group" "pods" {
  name = "tkesg202-pods"
}

resource "tencentcloud_security_group_rule_set" "pods" {
  security_group_id = tencentcloud_security_group.pods.id

  ingress { # want "TKESG201 note: ingress rule 1 .* may accept all protocols and ports from the world .*; TKESG201 could not be decided: [^;]*\\(var\\.pod_cidr has no value\\)$"
    action     = "ACCEPT"
    cidr_block = var.pod_cidr
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }
}

# SSH from the world below a DROP of SSH from an unresolved CIDR: the DROP's
# CIDR decides whether the ACCEPT opens SSH, so the note at the ACCEPT
# names it; the DROP gets no note of its own.
resource "tencentcloud_security_group" "blocked" {
  name = "tkesg202-blocked"
}

resource "tencentcloud_security_group_rule_set" "blocked" {
  security_group_id = tencentcloud_security_group.blocked.id

  ingress {
    action     = "DROP"
    cidr_block = var.blocked_cidr
    protocol   = "TCP"
    port       = "22"
  }

  ingress { # want "TKESG202 note: ingress rule 2 .*\\(ACCEPT TCP 22 from 0\\.0\\.0\\.0/0\\) may accept .*; TKESG202 could not be decided: [^;]*\\(var\\.blocked_cidr has no value\\)$"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
