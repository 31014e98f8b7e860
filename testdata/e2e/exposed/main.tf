# World-facing rules: SSH and the kubelet from 0.0.0.0/0, a 0.0.0.0/8 source
# and a rule hidden by an earlier one.
resource "tencentcloud_security_group" "web" {
  name = "e2e-exposed"
}

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "tcp"
    port       = "10250"
  }
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}
