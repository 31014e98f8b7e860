# Every 2xx exposure, one group each: all ports (TKESG201), SSH and RDP (TKESG202),
# kubelet and etcd (TKESG203), a 0.0.0.0/n alias (TKESG205), and TKE's own NodePort rules that stay silent.

resource "tencentcloud_security_group" "twin_allow_all" {
  name = "twin-allow-all"
}

resource "tencentcloud_security_group_rule_set" "twin_allow_all" {
  security_group_id = tencentcloud_security_group.twin_allow_all.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "debug"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group" "twin_all_tcp_lower" {
  name = "twin-all-tcp-lower"
}

resource "tencentcloud_security_group_rule_set" "twin_all_tcp_lower" {
  security_group_id = tencentcloud_security_group.twin_all_tcp_lower.id

  ingress {
    action     = "accept"
    cidr_block = "0.0.0.0/0"
    protocol   = "tcp"
    port       = "1-65535"
  }
}

resource "tencentcloud_security_group" "twin_admin" {
  name = "twin-admin"
}

resource "tencentcloud_security_group_rule_set" "twin_admin" {
  security_group_id = tencentcloud_security_group.twin_admin.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "ssh"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "3389"
    description = "rdp"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "203.0.113.0/24"
    protocol   = "TCP"
    port       = "22"
  }
}

resource "tencentcloud_security_group" "twin_agents" {
  name = "twin-agents"
}

resource "tencentcloud_security_group_rule_set" "twin_agents" {
  security_group_id = tencentcloud_security_group.twin_agents.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "10250"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2379-2380"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "22,6443"
  }
}

resource "tencentcloud_security_group" "twin_alias" {
  name = "twin-alias"
}

resource "tencentcloud_security_group_rule_set" "twin_alias" {
  security_group_id = tencentcloud_security_group.twin_alias.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8"
    protocol   = "TCP"
    port       = "443"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/24"
    protocol   = "TCP"
    port       = "8080"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group" "twin_nodeport" {
  name = "twin-nodeport"
}

resource "tencentcloud_security_group_rule_set" "twin_nodeport" {
  security_group_id = tencentcloud_security_group.twin_nodeport.id

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

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ICMP"
    port       = "ALL"
  }
}
