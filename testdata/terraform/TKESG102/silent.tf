# TKESG102 near misses: node security groups that must not get a TKESG102
# finding or note. Every cluster has its own VPC 10.0.0.0/16 with the node
# subnet 10.0.1.0/24 and, unless said otherwise, the GR container network
# 172.16.0.0/16.

# No VPC rule, but ALL from the node SG itself: that satisfies TKESG102.
resource "tencentcloud_vpc" "self_all" {
  name       = "tkesg102-self-all"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "self_all_nodes" {
  name              = "tkesg102-self-all-nodes"
  vpc_id            = tencentcloud_vpc.self_all.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "self_all_nodes" {
  name        = "tkesg102-self-all-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "self_all_nodes" {
  security_group_id = tencentcloud_security_group.self_all_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.self_all_nodes.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "node to node"
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

resource "tencentcloud_kubernetes_cluster" "self_all" {
  vpc_id                  = tencentcloud_vpc.self_all.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-self-all"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.self_all_nodes.id
    security_group_ids = [tencentcloud_security_group.self_all_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP of TCP 22 and 3389 from the VPC above the VPC rule: TKESG102 excepts
# them.
resource "tencentcloud_vpc" "ssh_rdp_from_vpc" {
  name       = "tkesg102-ssh-rdp-from-vpc"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "ssh_rdp_from_vpc_nodes" {
  name              = "tkesg102-ssh-rdp-from-vpc-nodes"
  vpc_id            = tencentcloud_vpc.ssh_rdp_from_vpc.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "ssh_rdp_from_vpc_nodes" {
  name        = "tkesg102-ssh-rdp-from-vpc-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "ssh_rdp_from_vpc_nodes" {
  security_group_id = tencentcloud_security_group.ssh_rdp_from_vpc_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "22,3389"
    description = "no ssh/rdp between hosts"
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

resource "tencentcloud_kubernetes_cluster" "ssh_rdp_from_vpc" {
  vpc_id                  = tencentcloud_vpc.ssh_rdp_from_vpc.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-ssh-rdp-from-vpc"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.ssh_rdp_from_vpc_nodes.id
    security_group_ids = [tencentcloud_security_group.ssh_rdp_from_vpc_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The VPC is accepted through 10.0.0.0/8.
resource "tencentcloud_vpc" "vpc_supernet" {
  name       = "tkesg102-vpc-supernet"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "vpc_supernet_nodes" {
  name              = "tkesg102-vpc-supernet-nodes"
  vpc_id            = tencentcloud_vpc.vpc_supernet.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "vpc_supernet_nodes" {
  name        = "tkesg102-vpc-supernet-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "vpc_supernet_nodes" {
  security_group_id = tencentcloud_security_group.vpc_supernet_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/8"
    protocol    = "ALL"
    port        = "ALL"
    description = "all of 10/8"
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

resource "tencentcloud_kubernetes_cluster" "vpc_supernet" {
  vpc_id                  = tencentcloud_vpc.vpc_supernet.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-vpc-supernet"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.vpc_supernet_nodes.id
    security_group_ids = [tencentcloud_security_group.vpc_supernet_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The required rules are split over two SGs; the second one accepts the VPC.
# The first has no DROP, so the VPC flows reach it.
resource "tencentcloud_vpc" "two_sgs" {
  name       = "tkesg102-two-sgs"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "two_sgs_nodes" {
  name              = "tkesg102-two-sgs-nodes"
  vpc_id            = tencentcloud_vpc.two_sgs.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "two_sgs_nodes" {
  name        = "tkesg102-two-sgs-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "two_sgs_nodes" {
  security_group_id = tencentcloud_security_group.two_sgs_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
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

resource "tencentcloud_security_group" "two_sgs_vpc" {
  name        = "tkesg102-two-sgs-vpc"
  description = "vpc traffic"
}

resource "tencentcloud_security_group_rule_set" "two_sgs_vpc" {
  security_group_id = tencentcloud_security_group.two_sgs_vpc.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }
}

resource "tencentcloud_kubernetes_cluster" "two_sgs" {
  vpc_id                  = tencentcloud_vpc.two_sgs.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-two-sgs"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.two_sgs_nodes.id
    security_group_ids = [tencentcloud_security_group.two_sgs_nodes.id, tencentcloud_security_group.two_sgs_vpc.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A VPC with an assistant CIDR, and an SG that accepts both CIDRs.
resource "tencentcloud_vpc" "assistant_covered" {
  name            = "tkesg102-assistant-covered"
  cidr_block      = "10.0.0.0/16"
  assistant_cidrs = ["10.1.0.0/16"]
}

resource "tencentcloud_subnet" "assistant_covered_nodes" {
  name              = "tkesg102-assistant-covered-nodes"
  vpc_id            = tencentcloud_vpc.assistant_covered.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "assistant_covered_nodes" {
  name        = "tkesg102-assistant-covered-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "assistant_covered_nodes" {
  security_group_id = tencentcloud_security_group.assistant_covered_nodes.id

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
    cidr_block  = "10.1.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc assistant cidr"
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

resource "tencentcloud_kubernetes_cluster" "assistant_covered" {
  vpc_id                  = tencentcloud_vpc.assistant_covered.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-assistant-covered"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.assistant_covered_nodes.id
    security_group_ids = [tencentcloud_security_group.assistant_covered_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The DROP from the SG "dmz" comes after the VPC rule: it decides no
# required flow.
resource "tencentcloud_vpc" "opaque_drop_below" {
  name       = "tkesg102-opaque-drop-below"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "opaque_drop_below_nodes" {
  name              = "tkesg102-opaque-drop-below-nodes"
  vpc_id            = tencentcloud_vpc.opaque_drop_below.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "opaque_drop_below_nodes" {
  name        = "tkesg102-opaque-drop-below-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "opaque_drop_below_nodes" {
  security_group_id = tencentcloud_security_group.opaque_drop_below_nodes.id

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

  ingress {
    action             = "DROP"
    source_security_id = tencentcloud_security_group.opaque_drop_below_dmz.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "dmz hosts"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "opaque_drop_below_dmz" {
  name        = "tkesg102-opaque-drop-below-dmz"
  description = "dmz hosts"
}

resource "tencentcloud_kubernetes_cluster" "opaque_drop_below" {
  vpc_id                  = tencentcloud_vpc.opaque_drop_below.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg102-opaque-drop-below"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.opaque_drop_below_nodes.id
    security_group_ids = [tencentcloud_security_group.opaque_drop_below_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
