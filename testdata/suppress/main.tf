# Inline suppressions of every kind, for cmd/tkesglint/suppress_test.go and
# the SARIF validation of .ci/run. The clock of the tests is 2026-01-02.

resource "tencentcloud_security_group" "bastion" {
  name = "bastion"
}

resource "tencentcloud_security_group_rule_set" "bastion" {
  security_group_id = tencentcloud_security_group.bastion.id

  # Above a block, after another comment: covers the whole block.
  # tkesglint:ignore TKESG202 reason="bastion only, VPN fronted"
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "SSH"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3389" // tkesglint:ignore TKESG202 reason="RDP jump host" exp=2099-12-31
  }

  # An expired suppression is reported and not applied.
  # tkesglint:ignore TKESG203 reason="kubelet debugging" exp=2025-06-30
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "10250"
  }

  # Several checks in one comment, the line above the finding.
  ingress {
    action = "ACCEPT"
    # tkesglint:ignore TKESG201,TKESG203 reason="lab SG, torn down nightly"
    cidr_block = "0.0.0.0/0"
  }

  # tkesglint:ignore TKESG205
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8"
    protocol   = "TCP"
    port       = "8080"
  }

  # tkesglint:ignore TKESG402 reason="nothing is invalid below"
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

# tkesglint:ignore-all TKESG202

# The suppression of TKESG001 above a comment silences what that comment gets.
# tkesglint:ignore TKESG001 reason="kept for the audit of 2026"
# tkesglint:ignore TKESG204 reason="left over"

# Above a module call: covers the findings inside that call only.
# tkesglint:ignore TKESG202 reason="jump host module, VPN fronted"
module "jump" {
  source = "./modules/jump"
}

module "jump_other" {
  source = "./modules/jump"
}
