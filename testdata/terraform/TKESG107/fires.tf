# TKESG107: a cluster with public API access (cluster_internet = true, on the
# cluster or on a tencentcloud_kubernetes_cluster_endpoint) must name an
# internet endpoint security group (cluster_internet_security_group). The
# finding is on the cluster_internet = true line. Only TKESG107 is annotated
# here; the worker SGs are TKE's defaults.
#
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24
# and the GR container network 172.16.0.0/16.
#
# This file holds the cases that fire; silent.tf holds the near misses.

# Public API server, no endpoint SG: the API server's CLB is open to the
# whole internet.
resource "tencentcloud_vpc" "internet_no_sg" {
  name       = "tkesg107-internet-no-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "internet_no_sg_nodes" {
  name              = "tkesg107-internet-no-sg-nodes"
  vpc_id            = tencentcloud_vpc.internet_no_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "internet_no_sg_nodes" {
  name        = "tkesg107-internet-no-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "internet_no_sg_nodes" {
  security_group_id = tencentcloud_security_group.internet_no_sg_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "internet_no_sg" {
  vpc_id                  = tencentcloud_vpc.internet_no_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg107-internet-no-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
  cluster_internet        = true # want "TKESG107 .*internet.no.sg"

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.internet_no_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.internet_no_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The endpoint managed by a separate tencentcloud_kubernetes_cluster_endpoint,
# which opens the public endpoint without an SG: the finding is on its
# cluster_internet line.
resource "tencentcloud_vpc" "endpoint_no_sg" {
  name       = "tkesg107-endpoint-no-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "endpoint_no_sg_nodes" {
  name              = "tkesg107-endpoint-no-sg-nodes"
  vpc_id            = tencentcloud_vpc.endpoint_no_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "endpoint_no_sg_nodes" {
  name        = "tkesg107-endpoint-no-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "endpoint_no_sg_nodes" {
  security_group_id = tencentcloud_security_group.endpoint_no_sg_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "endpoint_no_sg" {
  vpc_id                  = tencentcloud_vpc.endpoint_no_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg107-endpoint-no-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.endpoint_no_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.endpoint_no_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_cluster_endpoint" "endpoint_no_sg" {
  cluster_id       = tencentcloud_kubernetes_cluster.endpoint_no_sg.id
  cluster_internet = true # want "TKESG107 .*endpoint.no.sg"
  depends_on       = [tencentcloud_kubernetes_cluster.endpoint_no_sg]
}

# Public API server restricted only by the deprecated
# managed_cluster_internet_security_policies CIDR list: that list is not an
# endpoint security group, so the cluster still names none.
resource "tencentcloud_vpc" "policies_only" {
  name       = "tkesg107-policies-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "policies_only_nodes" {
  name              = "tkesg107-policies-only-nodes"
  vpc_id            = tencentcloud_vpc.policies_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "policies_only_nodes" {
  name        = "tkesg107-policies-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "policies_only_nodes" {
  security_group_id = tencentcloud_security_group.policies_only_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "policies_only" {
  vpc_id                                     = tencentcloud_vpc.policies_only.id
  cluster_cidr                               = "172.16.0.0/16"
  service_cidr                               = "192.168.0.0/22"
  cluster_name                               = "tkesg107-policies-only"
  cluster_version                            = "1.30.0"
  cluster_max_pod_num                        = 64
  cluster_max_service_num                    = 256
  cluster_internet                           = true # want "TKESG107 .*policies.only"
  managed_cluster_internet_security_policies = ["203.0.113.0/24"]

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.policies_only_nodes.id
    security_group_ids = [tencentcloud_security_group.policies_only_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Scenario: whether the API server is public comes from a variable with no
# value and no endpoint SG is named. Nothing can be decided, so there is no
# finding: only a note that names the missing value.
variable "public_api" {
  type = bool
}

resource "tencentcloud_vpc" "undecided" {
  name       = "tkesg107-undecided"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_kubernetes_cluster" "undecided" {
  vpc_id           = tencentcloud_vpc.undecided.id
  cluster_cidr     = "172.16.0.0/16"
  service_cidr     = "192.168.0.0/22"
  cluster_name     = "tkesg107-undecided"
  cluster_internet = var.public_api # want "TKESG107 note: .*var.public_api has no value"
}
