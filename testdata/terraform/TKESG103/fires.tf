# TKESG103: the node security groups must accept UDP 53 from the container
# network CIDR (TKE high-risk operation R8: in-cluster DNS). Only TKESG103 is
# annotated here; the other checks these clusters trigger are not under test.
#
# One cause, one finding: a DROP is reported under the requirement of which it
# drops the largest share of flows. A DROP of UDP 53 from the world drops all of
# TKESG103 and only slivers of TKESG101/102, so it is TKESG103. A binding that
# lacks UDP 53 from the pods always lacks part of TKESG101 too, whose flows
# contain TKESG103's: that is TKESG101, never TKESG103.
#
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24
# and, unless said otherwise, the GR container network 172.16.0.0/16.
#
# This file holds the cases that fire; silent.tf holds the near misses.

# The classic mistake: "no open resolver on our nodes", a DROP of UDP 53 from
# 0.0.0.0/0 placed above the pod rule. CoreDNS on other nodes no longer answers
# the pods. All of TKESG103 is dropped, and a sliver of TKESG101 (and of
# TKESG102): one TKESG103 at the DROP, naming TKESG101.
resource "tencentcloud_vpc" "classic_dns_drop" {
  name       = "tkesg103-classic-dns-drop"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "classic_dns_drop_nodes" {
  name              = "tkesg103-classic-dns-drop-nodes"
  vpc_id            = tencentcloud_vpc.classic_dns_drop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "classic_dns_drop_nodes" {
  name        = "tkesg103-classic-dns-drop-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "classic_dns_drop_nodes" {
  security_group_id = tencentcloud_security_group.classic_dns_drop_nodes.id

  ingress { # want "TKESG103 .*TKESG101"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no open resolver"
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

resource "tencentcloud_kubernetes_cluster" "classic_dns_drop" {
  vpc_id                  = tencentcloud_vpc.classic_dns_drop.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-classic-dns-drop"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.classic_dns_drop_nodes.id
    security_group_ids = [tencentcloud_security_group.classic_dns_drop_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The same mistake in a lite rule: the finding is on the string.
resource "tencentcloud_vpc" "lite_dns_drop" {
  name       = "tkesg103-lite-dns-drop"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "lite_dns_drop_nodes" {
  name              = "tkesg103-lite-dns-drop-nodes"
  vpc_id            = tencentcloud_vpc.lite_dns_drop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "lite_dns_drop_nodes" {
  name        = "tkesg103-lite-dns-drop-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_lite_rule" "lite_dns_drop_nodes" {
  security_group_id = tencentcloud_security_group.lite_dns_drop_nodes.id
  ingress = [
    "DROP#0.0.0.0/0#53#UDP", # want "TKESG103 .*53"
    "ACCEPT#172.16.0.0/16#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
    "ACCEPT#0.0.0.0/0#ALL#ICMP",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

resource "tencentcloud_kubernetes_cluster" "lite_dns_drop" {
  vpc_id                  = tencentcloud_vpc.lite_dns_drop.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-lite-dns-drop"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.lite_dns_drop_nodes.id
    security_group_ids = [tencentcloud_security_group.lite_dns_drop_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Two SGs: a shared "hardening" SG bound first, then TKE's rules. The DROP
# of UDP 53 in the first SG beats the ACCEPT of the pods in the second: one
# TKESG103 at the DROP in the hardening SG. The node pool binds the same list,
# which changes nothing (one cause, one finding).
resource "tencentcloud_vpc" "hardening_first" {
  name       = "tkesg103-hardening-first"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "hardening_first_nodes" {
  name              = "tkesg103-hardening-first-nodes"
  vpc_id            = tencentcloud_vpc.hardening_first.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "hardening_first_nodes" {
  name        = "tkesg103-hardening-first-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "hardening_first_nodes" {
  security_group_id = tencentcloud_security_group.hardening_first_nodes.id

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

resource "tencentcloud_security_group" "hardening_first_hardening" {
  name        = "tkesg103-hardening-first-hardening"
  description = "company baseline"
}

resource "tencentcloud_security_group_rule_set" "hardening_first_hardening" {
  security_group_id = tencentcloud_security_group.hardening_first_hardening.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "no ssh"
  }

  ingress { # want "TKESG103 .*53"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no open resolver"
  }
}

resource "tencentcloud_kubernetes_cluster" "hardening_first" {
  vpc_id                  = tencentcloud_vpc.hardening_first.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-hardening-first"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.hardening_first_nodes.id
    security_group_ids = [tencentcloud_security_group.hardening_first_hardening.id, tencentcloud_security_group.hardening_first_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "hardening_first_pool" {
  name              = "tkesg103-hardening-first-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.hardening_first.id
  vpc_id            = tencentcloud_vpc.hardening_first.id
  subnet_ids        = [tencentcloud_subnet.hardening_first_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.hardening_first_hardening.id, tencentcloud_security_group.hardening_first_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# "We serve no UDP": a DROP of all UDP from the world at the top. It drops
# all of TKESG103 but only the UDP part of TKESG101, 102 and 104: the largest
# share is TKESG103's, so one TKESG103 at the DROP.
resource "tencentcloud_vpc" "drop_all_udp" {
  name       = "tkesg103-drop-all-udp"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_all_udp_nodes" {
  name              = "tkesg103-drop-all-udp-nodes"
  vpc_id            = tencentcloud_vpc.drop_all_udp.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_all_udp_nodes" {
  name        = "tkesg103-drop-all-udp-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_all_udp_nodes" {
  security_group_id = tencentcloud_security_group.drop_all_udp_nodes.id

  ingress { # want "TKESG103 .*(?i:drop)"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "ALL"
    description = "no udp"
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

resource "tencentcloud_kubernetes_cluster" "drop_all_udp" {
  vpc_id                  = tencentcloud_vpc.drop_all_udp.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-drop-all-udp"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.drop_all_udp_nodes.id
    security_group_ids = [tencentcloud_security_group.drop_all_udp_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# VPC-CNI: the pods use the ENI subnet 10.0.64.0/18. A DROP of UDP 53 from
# the world above the VPC rule drops UDP 53 from the pods: TKESG103 at the DROP.
resource "tencentcloud_vpc" "cni_dns_drop" {
  name       = "tkesg103-cni-dns-drop"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "cni_dns_drop_nodes" {
  name              = "tkesg103-cni-dns-drop-nodes"
  vpc_id            = tencentcloud_vpc.cni_dns_drop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_subnet" "cni_dns_drop_pods" {
  name              = "tkesg103-cni-dns-drop-pods"
  vpc_id            = tencentcloud_vpc.cni_dns_drop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.64.0/18"
}

resource "tencentcloud_security_group" "cni_dns_drop_nodes" {
  name        = "tkesg103-cni-dns-drop-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "cni_dns_drop_nodes" {
  security_group_id = tencentcloud_security_group.cni_dns_drop_nodes.id

  ingress { # want "TKESG103 .*53"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no open resolver"
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

resource "tencentcloud_kubernetes_cluster" "cni_dns_drop" {
  vpc_id                  = tencentcloud_vpc.cni_dns_drop.id
  network_type            = "VPC-CNI"
  eni_subnet_ids          = [tencentcloud_subnet.cni_dns_drop_pods.id]
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-cni-dns-drop"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.cni_dns_drop_nodes.id
    security_group_ids = [tencentcloud_security_group.cni_dns_drop_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# "Pods must use the company resolvers": a DROP of UDP 53 from the pod CIDR
# itself, above the pod rule. All of TKESG103, a sliver of TKESG101: TKESG103.
resource "tencentcloud_vpc" "dns_drop_from_pods" {
  name       = "tkesg103-dns-drop-from-pods"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "dns_drop_from_pods_nodes" {
  name              = "tkesg103-dns-drop-from-pods-nodes"
  vpc_id            = tencentcloud_vpc.dns_drop_from_pods.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "dns_drop_from_pods_nodes" {
  name        = "tkesg103-dns-drop-from-pods-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "dns_drop_from_pods_nodes" {
  security_group_id = tencentcloud_security_group.dns_drop_from_pods_nodes.id

  ingress { # want "TKESG103 .*53"
    action      = "DROP"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "pods use the company resolvers"
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

resource "tencentcloud_kubernetes_cluster" "dns_drop_from_pods" {
  vpc_id                  = tencentcloud_vpc.dns_drop_from_pods.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-dns-drop-from-pods"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.dns_drop_from_pods_nodes.id
    security_group_ids = [tencentcloud_security_group.dns_drop_from_pods_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
