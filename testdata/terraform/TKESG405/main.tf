# TKESG405: DROP rules mixed with tencentcloud_security_group_rule resources
# that give no policy_index: Terraform keeps no order between them, so which
# rule wins is undefined. The finding is on the header of each legacy DROP
# rule whose order is undefined. In the firing cases the DROP overlaps an
# ACCEPT, so the order really decides. No ACCEPT covers another ACCEPT and no
# DROP covers another DROP, and every peer is private, so no other check
# applies. Annotated for every 2xx and 4xx check.

# The VPC may reach everything, but SSH from the VPC is to be dropped: with no
# policy_index the DROP may land below the ACCEPT. Fires on the DROP.
resource "tencentcloud_security_group" "mixed" {
  name        = "tkesg405-mixed"
  description = "workers, legacy rules"
}

resource "tencentcloud_security_group_rule" "mixed_vpc" {
  security_group_id = tencentcloud_security_group.mixed.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "ALL"
  policy            = "ACCEPT"
  description       = "vpc"
}

resource "tencentcloud_security_group_rule" "mixed_pods" {
  security_group_id = tencentcloud_security_group.mixed.id
  type              = "ingress"
  cidr_ip           = "172.16.0.0/16"
  ip_protocol       = "ALL"
  policy            = "ACCEPT"
  description       = "pods"
}

resource "tencentcloud_security_group_rule" "mixed_no_ssh" { # want "TKESG405"
  security_group_id = tencentcloud_security_group.mixed.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "22"
  policy            = "DROP"
  description       = "no ssh inside the vpc"
}

# Two DROPs, in lower case, among ACCEPTs without policy_index: each DROP is
# its own finding.
resource "tencentcloud_security_group" "two_drops" {
  name = "tkesg405-two-drops"
}

resource "tencentcloud_security_group_rule" "two_drops_office" {
  security_group_id = tencentcloud_security_group.two_drops.id
  type              = "ingress"
  cidr_ip           = "192.168.0.0/16"
  ip_protocol       = "tcp"
  port_range        = "1-65535"
  policy            = "accept"
}

resource "tencentcloud_security_group_rule" "two_drops_guest_wifi" { # want "TKESG405"
  security_group_id = tencentcloud_security_group.two_drops.id
  type              = "ingress"
  cidr_ip           = "192.168.100.0/24"
  ip_protocol       = "tcp"
  policy            = "drop"
}

resource "tencentcloud_security_group_rule" "two_drops_rdp" { # want "TKESG405"
  security_group_id = tencentcloud_security_group.two_drops.id
  type              = "ingress"
  cidr_ip           = "192.168.0.0/16"
  ip_protocol       = "tcp"
  port_range        = "3389"
  policy            = "drop"
}

# --- Silent: only ACCEPT legacy rules without policy_index (their order does
# not change the result).

resource "tencentcloud_security_group" "all_accept" {
  name = "tkesg405-all-accept"
}

resource "tencentcloud_security_group_rule" "all_accept_http" {
  security_group_id = tencentcloud_security_group.all_accept.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "80"
  policy            = "ACCEPT"
}

resource "tencentcloud_security_group_rule" "all_accept_https" {
  security_group_id = tencentcloud_security_group.all_accept.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "443"
  policy            = "ACCEPT"
}

resource "tencentcloud_security_group_rule" "all_accept_egress" {
  security_group_id = tencentcloud_security_group.all_accept.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "ACCEPT"
}

# --- Silent: every legacy rule of the SG, DROP and ACCEPT, gives its
# policy_index, so the order is defined.

resource "tencentcloud_security_group" "indexed" {
  name = "tkesg405-indexed"
}

resource "tencentcloud_security_group_rule" "indexed_no_ssh" {
  security_group_id = tencentcloud_security_group.indexed.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "22"
  policy            = "DROP"
  policy_index      = 0
}

resource "tencentcloud_security_group_rule" "indexed_vpc" {
  security_group_id = tencentcloud_security_group.indexed.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "ALL"
  policy            = "ACCEPT"
  policy_index      = 1
}

# --- Silent: the DROP belongs to another SG than the ACCEPTs without
# policy_index, and is the only legacy rule of its SG.

resource "tencentcloud_security_group" "blocklist" {
  name = "tkesg405-blocklist"
}

resource "tencentcloud_security_group_rule" "blocklist_scanner" {
  security_group_id = tencentcloud_security_group.blocklist.id
  type              = "ingress"
  cidr_ip           = "10.9.9.0/24"
  policy            = "DROP"
}

# --- Silent: DROP blocks of a rule set are ordered by their position.

resource "tencentcloud_security_group" "rule_set_drop" {
  name = "tkesg405-rule-set-drop"
}

resource "tencentcloud_security_group_rule_set" "rule_set_drop" {
  security_group_id = tencentcloud_security_group.rule_set_drop.id

  ingress {
    action     = "DROP"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# --- Silent: the DROP can share no flow with any ACCEPT (another address
# family, or other ports), so every order gives the same answers.

resource "tencentcloud_security_group" "disjoint" {
  name = "tkesg405-disjoint"
}

resource "tencentcloud_security_group_rule" "disjoint_drop_ipv6" {
  security_group_id = tencentcloud_security_group.disjoint.id
  type              = "ingress"
  cidr_ip           = "2001:db8::/32"
  ip_protocol       = "tcp"
  policy            = "drop"
}

resource "tencentcloud_security_group_rule" "disjoint_drop_other_port" {
  security_group_id = tencentcloud_security_group.disjoint.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "tcp"
  port_range        = "3389"
  policy            = "drop"
}

resource "tencentcloud_security_group_rule" "disjoint_ssh" {
  security_group_id = tencentcloud_security_group.disjoint.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "tcp"
  port_range        = "22"
  policy            = "accept"
}

# A DROP from a security group: its members may be any address, so it may
# share flows with the ACCEPT from the VPC. Fires.
resource "tencentcloud_security_group" "by_group" {
  name = "tkesg405-by-group"
}

resource "tencentcloud_security_group" "quarantine" {
  name = "tkesg405-quarantine"
}

resource "tencentcloud_security_group_rule" "by_group_quarantine" { # want "TKESG405"
  security_group_id = tencentcloud_security_group.by_group.id
  type              = "ingress"
  source_sgid       = tencentcloud_security_group.quarantine.id
  ip_protocol       = "tcp"
  port_range        = "22"
  policy            = "drop"
}

resource "tencentcloud_security_group_rule" "by_group_vpc" {
  security_group_id = tencentcloud_security_group.by_group.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "tcp"
  port_range        = "22"
  policy            = "accept"
}
