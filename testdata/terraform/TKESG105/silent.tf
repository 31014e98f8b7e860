# TKESG105 near misses: node security groups that must not get a TKESG105
# finding or note. Every cluster has its own VPC 10.0.0.0/16 with the node
# subnet 10.0.1.0/24 and, unless said otherwise, the GR container network
# 172.16.0.0/16.

# TKE's outbound rule: everything to the world.
resource "tencentcloud_vpc" "egress_all_world" {
  name       = "tkesg105-egress-all-world"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "egress_all_world_nodes" {
  name              = "tkesg105-egress-all-world-nodes"
  vpc_id            = tencentcloud_vpc.egress_all_world.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "egress_all_world_nodes" {
  name        = "tkesg105-egress-all-world-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "egress_all_world_nodes" {
  security_group_id = tencentcloud_security_group.egress_all_world_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "egress_all_world" {
  vpc_id                  = tencentcloud_vpc.egress_all_world.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg105-egress-all-world"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.egress_all_world_nodes.id
    security_group_ids = [tencentcloud_security_group.egress_all_world_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Egress restricted to the VPC and the pod CIDR: that is all TKESG105 needs.
resource "tencentcloud_vpc" "egress_vpc_and_pods" {
  name       = "tkesg105-egress-vpc-and-pods"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "egress_vpc_and_pods_nodes" {
  name              = "tkesg105-egress-vpc-and-pods-nodes"
  vpc_id            = tencentcloud_vpc.egress_vpc_and_pods.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "egress_vpc_and_pods_nodes" {
  name        = "tkesg105-egress-vpc-and-pods-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "egress_vpc_and_pods_nodes" {
  security_group_id = tencentcloud_security_group.egress_vpc_and_pods_nodes.id

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
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods"
  }
}

resource "tencentcloud_kubernetes_cluster" "egress_vpc_and_pods" {
  vpc_id                  = tencentcloud_vpc.egress_vpc_and_pods.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg105-egress-vpc-and-pods"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.egress_vpc_and_pods_nodes.id
    security_group_ids = [tencentcloud_security_group.egress_vpc_and_pods_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# VPC-CNI: the pods use the ENI subnet 10.0.64.0/18, inside the VPC, so
# egress to the VPC covers them.
resource "tencentcloud_vpc" "cni_egress_vpc" {
  name       = "tkesg105-cni-egress-vpc"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "cni_egress_vpc_nodes" {
  name              = "tkesg105-cni-egress-vpc-nodes"
  vpc_id            = tencentcloud_vpc.cni_egress_vpc.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_subnet" "cni_egress_vpc_pods" {
  name              = "tkesg105-cni-egress-vpc-pods"
  vpc_id            = tencentcloud_vpc.cni_egress_vpc.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.64.0/18"
}

resource "tencentcloud_security_group" "cni_egress_vpc_nodes" {
  name        = "tkesg105-cni-egress-vpc-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "cni_egress_vpc_nodes" {
  security_group_id = tencentcloud_security_group.cni_egress_vpc_nodes.id

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
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "443"
    description = "https out"
  }
}

resource "tencentcloud_kubernetes_cluster" "cni_egress_vpc" {
  vpc_id                  = tencentcloud_vpc.cni_egress_vpc.id
  network_type            = "VPC-CNI"
  eni_subnet_ids          = [tencentcloud_subnet.cni_egress_vpc_pods.id]
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg105-cni-egress-vpc"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.cni_egress_vpc_nodes.id
    security_group_ids = [tencentcloud_security_group.cni_egress_vpc_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The VPC and pods are accepted first, then HTTPS out, then a DROP of the
# rest.
resource "tencentcloud_vpc" "egress_drop_below" {
  name       = "tkesg105-egress-drop-below"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "egress_drop_below_nodes" {
  name              = "tkesg105-egress-drop-below-nodes"
  vpc_id            = tencentcloud_vpc.egress_drop_below.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "egress_drop_below_nodes" {
  name        = "tkesg105-egress-drop-below-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "egress_drop_below_nodes" {
  security_group_id = tencentcloud_security_group.egress_drop_below_nodes.id

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
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "443"
    description = "https out"
  }

  egress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny the rest"
  }
}

resource "tencentcloud_kubernetes_cluster" "egress_drop_below" {
  vpc_id                  = tencentcloud_vpc.egress_drop_below.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg105-egress-drop-below"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.egress_drop_below_nodes.id
    security_group_ids = [tencentcloud_security_group.egress_drop_below_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The first SG has no egress rules, the second accepts all outbound. "No rule
# matches" in the first SG is no DROP: evaluation goes on to the second.
resource "tencentcloud_vpc" "egress_second_sg" {
  name       = "tkesg105-egress-second-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "egress_second_sg_nodes" {
  name              = "tkesg105-egress-second-sg-nodes"
  vpc_id            = tencentcloud_vpc.egress_second_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "egress_second_sg_nodes" {
  name        = "tkesg105-egress-second-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "egress_second_sg_nodes" {
  security_group_id = tencentcloud_security_group.egress_second_sg_nodes.id

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
}

resource "tencentcloud_security_group" "egress_second_sg_egress" {
  name        = "tkesg105-egress-second-sg-egress"
  description = "outbound"
}

resource "tencentcloud_security_group_rule_set" "egress_second_sg_egress" {
  security_group_id = tencentcloud_security_group.egress_second_sg_egress.id

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "egress_second_sg" {
  vpc_id                  = tencentcloud_vpc.egress_second_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg105-egress-second-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.egress_second_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.egress_second_sg_nodes.id, tencentcloud_security_group.egress_second_sg_egress.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
