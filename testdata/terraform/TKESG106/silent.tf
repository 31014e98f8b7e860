# TKESG106 near misses: master security groups that must not get a TKESG106
# finding or note. Every cluster has its own VPC 10.0.0.0/16 with the node
# subnet 10.0.1.0/24 and the GR container network 172.16.0.0/16.

# The master SG of indep_no_etcd (fires.tf) on a MANAGED_CLUSTER, whose
# master_config was left over from a self-deployed setup: TKE runs the control
# plane of a managed cluster, so TKESG106 does not apply.
resource "tencentcloud_vpc" "managed_no_etcd" {
  name       = "tkesg106-managed-no-etcd"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "managed_no_etcd_nodes" {
  name              = "tkesg106-managed-no-etcd-nodes"
  vpc_id            = tencentcloud_vpc.managed_no_etcd.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "managed_no_etcd_nodes" {
  name        = "tkesg106-managed-no-etcd-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "managed_no_etcd_nodes" {
  security_group_id = tencentcloud_security_group.managed_no_etcd_nodes.id

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

resource "tencentcloud_security_group" "managed_no_etcd_masters" {
  name        = "tkesg106-managed-no-etcd-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "managed_no_etcd_masters" {
  security_group_id = tencentcloud_security_group.managed_no_etcd_masters.id

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

resource "tencentcloud_kubernetes_cluster" "managed_no_etcd" {
  vpc_id                  = tencentcloud_vpc.managed_no_etcd.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-managed-no-etcd"
  cluster_version         = "1.30.0"
  cluster_deploy_type     = "MANAGED_CLUSTER"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.managed_no_etcd_nodes.id
    security_group_ids = [tencentcloud_security_group.managed_no_etcd_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.managed_no_etcd_nodes.id
    security_group_ids = [tencentcloud_security_group.managed_no_etcd_masters.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# TKE's master table M1-M9, rule by rule.
resource "tencentcloud_vpc" "indep_table" {
  name       = "tkesg106-indep-table"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_table_nodes" {
  name              = "tkesg106-indep-table-nodes"
  vpc_id            = tencentcloud_vpc.indep_table.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_table_nodes" {
  name        = "tkesg106-indep-table-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_table_nodes" {
  security_group_id = tencentcloud_security_group.indep_table_nodes.id

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

resource "tencentcloud_security_group" "indep_table_masters" {
  name        = "tkesg106-indep-table-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_table_masters" {
  security_group_id = tencentcloud_security_group.indep_table_masters.id

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

resource "tencentcloud_kubernetes_cluster" "indep_table" {
  vpc_id                  = tencentcloud_vpc.indep_table.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-table"
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
    subnet_id          = tencentcloud_subnet.indep_table_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_table_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_table_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_table_masters.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Ping from the world and everything from the VPC and the pods.
resource "tencentcloud_vpc" "indep_private_all" {
  name       = "tkesg106-indep-private-all"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_private_all_nodes" {
  name              = "tkesg106-indep-private-all-nodes"
  vpc_id            = tencentcloud_vpc.indep_private_all.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_private_all_nodes" {
  name        = "tkesg106-indep-private-all-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_private_all_nodes" {
  security_group_id = tencentcloud_security_group.indep_private_all_nodes.id

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

resource "tencentcloud_security_group" "indep_private_all_masters" {
  name        = "tkesg106-indep-private-all-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_private_all_masters" {
  security_group_id = tencentcloud_security_group.indep_private_all_masters.id

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
    protocol    = "ALL"
    port        = "ALL"
    description = "vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "indep_private_all" {
  vpc_id                  = tencentcloud_vpc.indep_private_all.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-private-all"
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
    subnet_id          = tencentcloud_subnet.indep_private_all_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_private_all_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_private_all_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_private_all_masters.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The table split over two master SGs, neither with a DROP.
resource "tencentcloud_vpc" "indep_two_sgs" {
  name       = "tkesg106-indep-two-sgs"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_two_sgs_nodes" {
  name              = "tkesg106-indep-two-sgs-nodes"
  vpc_id            = tencentcloud_vpc.indep_two_sgs.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_two_sgs_nodes" {
  name        = "tkesg106-indep-two-sgs-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_two_sgs_nodes" {
  security_group_id = tencentcloud_security_group.indep_two_sgs_nodes.id

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

resource "tencentcloud_security_group" "indep_two_sgs_masters" {
  name        = "tkesg106-indep-two-sgs-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_two_sgs_masters" {
  security_group_id = tencentcloud_security_group.indep_two_sgs_masters.id

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

resource "tencentcloud_security_group" "indep_two_sgs_masters_pods" {
  name        = "tkesg106-indep-two-sgs-masters-pods"
  description = "masters, from the pods"
}

resource "tencentcloud_security_group_rule_set" "indep_two_sgs_masters_pods" {
  security_group_id = tencentcloud_security_group.indep_two_sgs_masters_pods.id

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
}

resource "tencentcloud_kubernetes_cluster" "indep_two_sgs" {
  vpc_id                  = tencentcloud_vpc.indep_two_sgs.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-two-sgs"
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
    subnet_id          = tencentcloud_subnet.indep_two_sgs_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_two_sgs_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_two_sgs_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_two_sgs_masters.id, tencentcloud_security_group.indep_two_sgs_masters_pods.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The table, then a DROP of the rest from the world.
resource "tencentcloud_vpc" "indep_drop_below" {
  name       = "tkesg106-indep-drop-below"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "indep_drop_below_nodes" {
  name              = "tkesg106-indep-drop-below-nodes"
  vpc_id            = tencentcloud_vpc.indep_drop_below.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "indep_drop_below_nodes" {
  name        = "tkesg106-indep-drop-below-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "indep_drop_below_nodes" {
  security_group_id = tencentcloud_security_group.indep_drop_below_nodes.id

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

resource "tencentcloud_security_group" "indep_drop_below_masters" {
  name        = "tkesg106-indep-drop-below-masters"
  description = "masters"
}

resource "tencentcloud_security_group_rule_set" "indep_drop_below_masters" {
  security_group_id = tencentcloud_security_group.indep_drop_below_masters.id

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

  ingress {
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

resource "tencentcloud_kubernetes_cluster" "indep_drop_below" {
  vpc_id                  = tencentcloud_vpc.indep_drop_below.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg106-indep-drop-below"
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
    subnet_id          = tencentcloud_subnet.indep_drop_below_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_drop_below_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.indep_drop_below_nodes.id
    security_group_ids = [tencentcloud_security_group.indep_drop_below_masters.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
