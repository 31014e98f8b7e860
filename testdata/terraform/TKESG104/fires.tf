# TKESG104 (warning): the node security groups must accept TCP 30000-32768
# from the load-balancer clients (TKE's worker rule N4), by default 0.0.0.0/0:
# CLB forwards LoadBalancer Services to NodeIP:NodePort. When only UDP
# 30000-32768 (N5) is missing, the finding is a note (still TKESG104). Only
# TKESG104 is annotated here; the other checks these clusters trigger are not
# under test. These fixtures run with the default configuration (clients
# 0.0.0.0/0, the check on).
#
# One cause, one finding: a binding that also lacks the pod CIDR is reported as
# TKESG101 (101 and 104 are unrelated sets: the lowest id), and a DROP ALL from
# the world at the top as TKESG101 too, so a finding for missing NodePorts
# appears only where the SG accepts everything else.
#
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24
# and the GR container network 172.16.0.0/16.
#
# This file holds the cases that fire (warnings and notes); silent.tf holds
# the near misses.

# TKE's rules without N4 and N5: pods, VPC and ping only. NodePort traffic
# from the internet matches no rule: a warning at the binding.
resource "tencentcloud_vpc" "no_nodeport_rules" {
  name       = "tkesg104-no-nodeport-rules"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "no_nodeport_rules_nodes" {
  name              = "tkesg104-no-nodeport-rules-nodes"
  vpc_id            = tencentcloud_vpc.no_nodeport_rules.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "no_nodeport_rules_nodes" {
  name        = "tkesg104-no-nodeport-rules-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "no_nodeport_rules_nodes" {
  security_group_id = tencentcloud_security_group.no_nodeport_rules_nodes.id

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
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "no_nodeport_rules" {
  vpc_id                  = tencentcloud_vpc.no_nodeport_rules.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-no-nodeport-rules"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.no_nodeport_rules_nodes.id
    security_group_ids = [tencentcloud_security_group.no_nodeport_rules_nodes.id] # want "TKESG104 .*no.nodeport.rules"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# TCP NodePorts are accepted, UDP NodePorts are not: only the note-level flow
# of the requirement is missing, so TKESG104 comes as a NOTE at the binding.
resource "tencentcloud_vpc" "udp_nodeport_missing" {
  name       = "tkesg104-udp-nodeport-missing"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "udp_nodeport_missing_nodes" {
  name              = "tkesg104-udp-nodeport-missing-nodes"
  vpc_id            = tencentcloud_vpc.udp_nodeport_missing.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "udp_nodeport_missing_nodes" {
  name        = "tkesg104-udp-nodeport-missing-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "udp_nodeport_missing_nodes" {
  security_group_id = tencentcloud_security_group.udp_nodeport_missing_nodes.id

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
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "udp_nodeport_missing" {
  vpc_id                  = tencentcloud_vpc.udp_nodeport_missing.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-udp-nodeport-missing"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.udp_nodeport_missing_nodes.id
    security_group_ids = [tencentcloud_security_group.udp_nodeport_missing_nodes.id] # want "TKESG104 note: .*udp.nodeport.missing"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# NodePorts are accepted from the office range only. With the default
# clients (0.0.0.0/0) the rest of the internet matches no rule: a warning at the
# binding. (A user whose CLBs pass traffic to the targets turns the check off in
# configuration.)
resource "tencentcloud_vpc" "nodeport_office_only" {
  name       = "tkesg104-nodeport-office-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodeport_office_only_nodes" {
  name              = "tkesg104-nodeport-office-only-nodes"
  vpc_id            = tencentcloud_vpc.nodeport_office_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "nodeport_office_only_nodes" {
  name        = "tkesg104-nodeport-office-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "nodeport_office_only_nodes" {
  security_group_id = tencentcloud_security_group.nodeport_office_only_nodes.id

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
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "NodePort from the office"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "NodePort from the office"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "nodeport_office_only" {
  vpc_id                  = tencentcloud_vpc.nodeport_office_only.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-nodeport-office-only"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.nodeport_office_only_nodes.id
    security_group_ids = [tencentcloud_security_group.nodeport_office_only_nodes.id] # want "TKESG104 .*nodeport.office.only"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Pods, VPC and ping accepted, then a DROP of the rest from the world, and no
# NodePort rule: the NodePort flows are dropped by that DROP (not "no rule
# matches"), so the warning is on the DROP.
resource "tencentcloud_vpc" "deny_rest_no_nodeport" {
  name       = "tkesg104-deny-rest-no-nodeport"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "deny_rest_no_nodeport_nodes" {
  name              = "tkesg104-deny-rest-no-nodeport-nodes"
  vpc_id            = tencentcloud_vpc.deny_rest_no_nodeport.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "deny_rest_no_nodeport_nodes" {
  name        = "tkesg104-deny-rest-no-nodeport-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "deny_rest_no_nodeport_nodes" {
  security_group_id = tencentcloud_security_group.deny_rest_no_nodeport_nodes.id

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
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  ingress { # want "TKESG104 .*(?i:drop)"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny the rest"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "deny_rest_no_nodeport" {
  vpc_id                  = tencentcloud_vpc.deny_rest_no_nodeport.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-deny-rest-no-nodeport"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.deny_rest_no_nodeport_nodes.id
    security_group_ids = [tencentcloud_security_group.deny_rest_no_nodeport_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# "No UDP from the internet": a DROP of all UDP from the world after the pod,
# VPC and TCP NodePort rules, above the UDP NodePort rule it hides. Only the UDP
# NodePorts are lost: TKESG104 at the DROP, as a NOTE.
resource "tencentcloud_vpc" "drop_udp_world" {
  name       = "tkesg104-drop-udp-world"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_udp_world_nodes" {
  name              = "tkesg104-drop-udp-world-nodes"
  vpc_id            = tencentcloud_vpc.drop_udp_world.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_udp_world_nodes" {
  name        = "tkesg104-drop-udp-world-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_udp_world_nodes" {
  security_group_id = tencentcloud_security_group.drop_udp_world_nodes.id

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

  ingress { # want "TKESG104 note: .*(?i:drop)"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "ALL"
    description = "no udp from the internet"
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

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "drop_udp_world" {
  vpc_id                  = tencentcloud_vpc.drop_udp_world.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-drop-udp-world"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.drop_udp_world_nodes.id
    security_group_ids = [tencentcloud_security_group.drop_udp_world_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP of TCP 30000-32768 from the world at the top ("our CLBs pass traffic
# to the targets", but the check was not turned off). It drops the TCP half of
# TKESG104 and only slivers of TKESG101/102: a warning at the DROP.
resource "tencentcloud_vpc" "drop_nodeport_top" {
  name       = "tkesg104-drop-nodeport-top"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_nodeport_top_nodes" {
  name              = "tkesg104-drop-nodeport-top-nodes"
  vpc_id            = tencentcloud_vpc.drop_nodeport_top.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_nodeport_top_nodes" {
  name        = "tkesg104-drop-nodeport-top-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_nodeport_top_nodes" {
  security_group_id = tencentcloud_security_group.drop_nodeport_top_nodes.id

  ingress { # want "TKESG104 .*(?i:drop)"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "clb passes to targets"
  }

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

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "drop_nodeport_top" {
  vpc_id                  = tencentcloud_vpc.drop_nodeport_top.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-drop-nodeport-top"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.drop_nodeport_top_nodes.id
    security_group_ids = [tencentcloud_security_group.drop_nodeport_top_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
