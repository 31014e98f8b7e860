# TKESG106: the master security groups of a self-deployed cluster
# (cluster_deploy_type = "INDEPENDENT_CLUSTER") must accept TKE's master rules
# M2-M9 (NodePorts, API server, kubelet, etcd, DNS and TKE's agents from the VPC
# and the pods); M1 (ping from the world) missing alone is a note. Managed
# clusters are not checked: TKE runs their control plane. Only TKESG106 is
# annotated here; the worker SGs are TKE's defaults.
#
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24
# (masters and workers) and the GR container network 172.16.0.0/16.
#
# This file holds the cases that fire (errors and a note); silent.tf holds the
# near misses.

# The master SG accepts HTTPS from the VPC but not the rest of M4: etcd
# (2379-2380), kubelet (10250) and TKE's agents from the VPC match no rule.
# Error at the master_config binding.
resource "tencentcloud_vpc" "indep_no_etcd" {
  name       = "tkesg106-indep-no-etcd"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_no_etcd_nodes" {
  name              = "tkesg106-indep-no-etcd-nodes"
  vpc_id            = tencentcloud_vpc.indep_no_etcd.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_no_etcd_nodes" {
  name        = "tkesg106-indep-no-etcd-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_no_etcd_nodes" {
  security_group_id = tencentcloud_security_group.indep_no_etcd_nodes.id

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

resource "tencentcloud_security_group" "indep_no_etcd_masters" {
  name        = "tkesg106-indep-no-etcd-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_no_etcd_masters" {
  security_group_id = tencentcloud_security_group.indep_no_etcd_masters.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "M1 ping"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M2 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M3 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "443"
    description = "apiserver from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443"
    description = "M5 the same from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M6 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M7 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M8 dns from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M9 dns from the vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "indep_no_etcd" {
  vpc_id                  = tencentcloud_vpc.indep_no_etcd.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-no-etcd"
  cluster_version         = "1.30.0"
  cluster_deploy_type     = "INDEPENDENT_CLUSTER"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.indep_no_etcd_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_no_etcd_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_no_etcd_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_no_etcd_masters.id] # want "TKESG106 .*indep.no.etcd"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Everything but M1: only the note-level flow (ICMP from the world) is
# missing, so TKESG106 comes as a NOTE at the binding.
resource "tencentcloud_vpc" "indep_no_ping" {
  name       = "tkesg106-indep-no-ping"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_no_ping_nodes" {
  name              = "tkesg106-indep-no-ping-nodes"
  vpc_id            = tencentcloud_vpc.indep_no_ping.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_no_ping_nodes" {
  name        = "tkesg106-indep-no-ping-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_no_ping_nodes" {
  security_group_id = tencentcloud_security_group.indep_no_ping_nodes.id

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

resource "tencentcloud_security_group" "indep_no_ping_masters" {
  name        = "tkesg106-indep-no-ping-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_no_ping_masters" {
  security_group_id = tencentcloud_security_group.indep_no_ping_masters.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M2 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M3 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443,50055,443,61678"
    description = "M4 apiserver, kubelet, etcd, dns, agents from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443"
    description = "M5 the same from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M6 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M7 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M8 dns from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M9 dns from the vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "indep_no_ping" {
  vpc_id                  = tencentcloud_vpc.indep_no_ping.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-no-ping"
  cluster_version         = "1.30.0"
  cluster_deploy_type     = "INDEPENDENT_CLUSTER"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.indep_no_ping_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_no_ping_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_no_ping_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_no_ping_masters.id] # want "TKESG106 note: .*indep.no.ping"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# "etcd never from outside": a DROP of TCP 2379-2380 from the world above
# TKE's master rules. It drops etcd from the VPC (M4) and from the pods (M5):
# error at the DROP.
resource "tencentcloud_vpc" "indep_drop_etcd" {
  name       = "tkesg106-indep-drop-etcd"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_drop_etcd_nodes" {
  name              = "tkesg106-indep-drop-etcd-nodes"
  vpc_id            = tencentcloud_vpc.indep_drop_etcd.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_drop_etcd_nodes" {
  name        = "tkesg106-indep-drop-etcd-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_drop_etcd_nodes" {
  security_group_id = tencentcloud_security_group.indep_drop_etcd_nodes.id

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

resource "tencentcloud_security_group" "indep_drop_etcd_masters" {
  name        = "tkesg106-indep-drop-etcd-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_drop_etcd_masters" {
  security_group_id = tencentcloud_security_group.indep_drop_etcd_masters.id

  ingress { # want "TKESG106 .*(?i:drop)"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "2379-2380"
    description = "etcd never from outside"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "M1 ping"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M2 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M3 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443,50055,443,61678"
    description = "M4 apiserver, kubelet, etcd, dns, agents from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443"
    description = "M5 the same from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M6 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M7 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M8 dns from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M9 dns from the vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "indep_drop_etcd" {
  vpc_id                  = tencentcloud_vpc.indep_drop_etcd.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-drop-etcd"
  cluster_version         = "1.30.0"
  cluster_deploy_type     = "INDEPENDENT_CLUSTER"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.indep_drop_etcd_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_drop_etcd_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_drop_etcd_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_drop_etcd_masters.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A fourth master added with tencentcloud_kubernetes_cluster_master_attachment,
# bound to an SG that accepts the VPC but not the pods (M5-M8): error at the
# attachment's security_group_ids. The master_config binds the full table.
resource "tencentcloud_vpc" "indep_attachment" {
  name       = "tkesg106-indep-attachment"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_attachment_nodes" {
  name              = "tkesg106-indep-attachment-nodes"
  vpc_id            = tencentcloud_vpc.indep_attachment.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_attachment_nodes" {
  name        = "tkesg106-indep-attachment-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_attachment_nodes" {
  security_group_id = tencentcloud_security_group.indep_attachment_nodes.id

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

resource "tencentcloud_security_group" "indep_attachment_masters" {
  name        = "tkesg106-indep-attachment-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_attachment_masters" {
  security_group_id = tencentcloud_security_group.indep_attachment_masters.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "M1 ping"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M2 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M3 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443,50055,443,61678"
    description = "M4 apiserver, kubelet, etcd, dns, agents from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443"
    description = "M5 the same from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M6 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M7 services from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M8 dns from the pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M9 dns from the vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "indep_attachment_masters_vpc_only" {
  name        = "tkesg106-indep-attachment-masters-vpc-only"
  description = "masters, vpc only"
}

resource "tencentcloud_security_group_rule_set" "indep_attachment_masters_vpc_only" {
  security_group_id = tencentcloud_security_group.indep_attachment_masters_vpc_only.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "M1 ping"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "M2 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "M3 NodePort from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "60001,60002,10250,2380,2379,53,17443,50055,443,61678"
    description = "M4 apiserver, kubelet, etcd, dns, agents from the vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "UDP"
    port        = "53"
    description = "M9 dns from the vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "indep_attachment" {
  vpc_id                  = tencentcloud_vpc.indep_attachment.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-attachment"
  cluster_version         = "1.30.0"
  cluster_deploy_type     = "INDEPENDENT_CLUSTER"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.indep_attachment_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_attachment_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_attachment_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_attachment_masters.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_cluster_master_attachment" "indep_attachment" {
  cluster_id         = tencentcloud_kubernetes_cluster.indep_attachment.id
  instance_id        = "ins-3f8a1b2c"
  node_role          = "MASTER_ETCD"
  key_ids            = ["skey-a1b2c3d4"]
  security_group_ids = [tencentcloud_security_group.indep_attachment_masters_vpc_only.id] # want "TKESG106 .*indep.attachment"
}
