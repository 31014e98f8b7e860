# An ACCEPT of an address template the input does not hold, above a DROP
# of everything: the requirement names no template, so the ACCEPT does not
# satisfy it and the flow is dropped (requirements.md §3), but the finding
# says what that rests on: the template may hold the address, and names the
# ACCEPT as a related location.
resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress { # want "TKESG201 note: .*ipm-12345678"
    action              = "ACCEPT"
    address_template_id = "ipm-12345678"
  }
  ingress { # want "TKESG101 .*is dropped by ingress rule 2 of sg nodes \\(DROP ALL from 0\\.0\\.0\\.0/0\\), unless 172\\.16\\.0\\.1 is in address template ipm-12345678, which is not in the input: ingress rule 1 of sg nodes \\(ACCEPT ALL from ipm-12345678\\) would then accept it"
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "prod"
  cluster_cidr = "172.16.0.0/16"
  service_cidr = "192.168.0.0/22"
  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
