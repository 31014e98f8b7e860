# Fixture of the CLI tests: "# fake" comments are read by the fake parser of
# cmd/tkesglint/fake_test.go, not by the real one.
resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0" # fake TKESG990 rule 1 of sg nodes accepts all protocols from 0.0.0.0/0
    protocol   = "ALL"
  }
  ingress {
	action      = "ACCEPT"
	cidr_block  = "0.0.0.0/0" # fake TKESG991 rule 2 of sg nodes accepts TCP 22 from 0.0.0.0/0 (fingerprinted)
	description = "节点 SSH" # fake TKESG992 a description in Chinese, marked under wide characters
    protocol    = "TCP"
    port        = "22"
  }
}
