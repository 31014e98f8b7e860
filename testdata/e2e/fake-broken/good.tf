# Fixture of the CLI tests (fake parser): readable, with one finding.
resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = "sg-1a2b3c4d"
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0" # fake TKESG990 rule 1 of sg-1a2b3c4d accepts all protocols from 0.0.0.0/0
    protocol   = "ALL"
  }
}
