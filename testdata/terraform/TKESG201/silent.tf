# TKESG201 near misses: rules that look like "allow all" but must not be
# reported by TKESG201 (nor by any other 2xx check, unless annotated).

variable "admin_cidr" {
  description = "Admin network. No default and no tfvars: the value is unknown."
  type        = string
}

# The CIDR is an unresolved variable: no finding may be reported on a value
# that cannot be known, only a note that names it.
resource "tencentcloud_security_group" "unresolved_cidr" {
  name = "tkesg201-unresolved-cidr"
}

resource "tencentcloud_security_group_rule_set" "unresolved_cidr" {
  security_group_id = tencentcloud_security_group.unresolved_cidr.id

  ingress { # want "TKESG201 note: .*var.admin_cidr"
    action     = "ACCEPT"
    cidr_block = var.admin_cidr
    protocol   = "ALL"
    port       = "ALL"
  }
}

# TKE's own worker rules: N1 (pods), N2 (VPC), N4/N5 (NodePort from the world)
# and N6 (ping from the world). None of them is flagged; the final DROP from
# the world is no exposure.
resource "tencentcloud_security_group" "tke_defaults" {
  name        = "tkesg201-tke-defaults"
  description = "worker nodes, TKE defaults without SSH"
}

resource "tencentcloud_security_group_rule_set" "tke_defaults" {
  security_group_id = tencentcloud_security_group.tke_defaults.id

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

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny the rest"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# A bare 0.0.0.0 is one address, not the world.
resource "tencentcloud_security_group" "bare_zero_address" {
  name = "tkesg201-bare-zero-address"
}

resource "tencentcloud_security_group_rule_set" "bare_zero_address" {
  security_group_id = tencentcloud_security_group.bare_zero_address.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# Everything from another security group (a bastion): not the world.
resource "tencentcloud_security_group" "bastion" {
  name = "tkesg201-bastion"
}

resource "tencentcloud_security_group" "from_bastion_sg" {
  name = "tkesg201-from-bastion-sg"
}

resource "tencentcloud_security_group_rule_set" "from_bastion_sg" {
  security_group_id = tencentcloud_security_group.from_bastion_sg.id

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.bastion.id
    protocol           = "ALL"
    port               = "ALL"
  }
}

# Everything from an address template of office networks only.
resource "tencentcloud_address_template" "offices" {
  name      = "tkesg201-offices"
  addresses = ["203.0.113.0/24", "198.51.100.10", "192.0.2.1-192.0.2.20"]
}

resource "tencentcloud_security_group" "template_offices" {
  name = "tkesg201-template-offices"
}

resource "tencentcloud_security_group_rule_set" "template_offices" {
  security_group_id = tencentcloud_security_group.template_offices.id

  ingress {
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.offices.id
    protocol            = "ALL"
    port                = "ALL"
  }
}

# Egress ACCEPT ALL to the world is TKE's default outbound rule: the 2xx
# checks look at ingress only.
resource "tencentcloud_security_group" "egress_only" {
  name = "tkesg201-egress-only"
}

resource "tencentcloud_security_group_rule_set" "egress_only" {
  security_group_id = tencentcloud_security_group.egress_only.id

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# An ACCEPT ALL from the world below a DROP ALL from the world decides no flow:
# it exposes nothing, so it is TKESG401 only (hidden by a DROP).
resource "tencentcloud_security_group" "accept_below_drop" {
  name = "tkesg201-accept-below-drop"
}

resource "tencentcloud_security_group_rule_set" "accept_below_drop" {
  security_group_id = tencentcloud_security_group.accept_below_drop.id

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress { # want "TKESG401 .*(?i:drop)"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}
