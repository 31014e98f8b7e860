# TKESG104 near misses: node security groups that must not get a TKESG104
# finding (some get a TKESG101 finding instead, which is not under test here).
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24 and
# the GR container network 172.16.0.0/16.

# TKE's worker rules N1-N6, SSH included.
resource "tencentcloud_vpc" "tke_defaults_ssh" {
  name       = "tkesg104-tke-defaults-ssh"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "tke_defaults_ssh_nodes" {
  name              = "tkesg104-tke-defaults-ssh-nodes"
  vpc_id            = tencentcloud_vpc.tke_defaults_ssh.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "tke_defaults_ssh_nodes" {
  name        = "tkesg104-tke-defaults-ssh-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "tke_defaults_ssh_nodes" {
  security_group_id = tencentcloud_security_group.tke_defaults_ssh_nodes.id

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
    port        = "22"
    description = "N3 ssh"
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

resource "tencentcloud_kubernetes_cluster" "tke_defaults_ssh" {
  vpc_id                  = tencentcloud_vpc.tke_defaults_ssh.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-tke-defaults-ssh"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.tke_defaults_ssh_nodes.id
    security_group_ids = [tencentcloud_security_group.tke_defaults_ssh_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The NodePort range accepted in two pieces per protocol.
resource "tencentcloud_vpc" "split_range" {
  name       = "tkesg104-split-range"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "split_range_nodes" {
  name              = "tkesg104-split-range-nodes"
  vpc_id            = tencentcloud_vpc.split_range.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "split_range_nodes" {
  name        = "tkesg104-split-range-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "split_range_nodes" {
  security_group_id = tencentcloud_security_group.split_range_nodes.id

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
    port        = "30000-31000"
    description = "NodePort, low"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "31001-32768"
    description = "NodePort, high"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-31000"
    description = "NodePort, low"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "31001-32768"
    description = "NodePort, high"
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

resource "tencentcloud_kubernetes_cluster" "split_range" {
  vpc_id                  = tencentcloud_vpc.split_range.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-split-range"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.split_range_nodes.id
    security_group_ids = [tencentcloud_security_group.split_range_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# TKE's rules as lite strings, with a DROP of the rest at the end.
resource "tencentcloud_vpc" "lite_nodeports" {
  name       = "tkesg104-lite-nodeports"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "lite_nodeports_nodes" {
  name              = "tkesg104-lite-nodeports-nodes"
  vpc_id            = tencentcloud_vpc.lite_nodeports.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "lite_nodeports_nodes" {
  name        = "tkesg104-lite-nodeports-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_lite_rule" "lite_nodeports_nodes" {
  security_group_id = tencentcloud_security_group.lite_nodeports_nodes.id
  ingress = [
    "ACCEPT#172.16.0.0/16#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
    "ACCEPT#0.0.0.0/0#ALL#ICMP",
    "DROP#0.0.0.0/0#ALL#ALL",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

resource "tencentcloud_kubernetes_cluster" "lite_nodeports" {
  vpc_id                  = tencentcloud_vpc.lite_nodeports.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-lite-nodeports"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.lite_nodeports_nodes.id
    security_group_ids = [tencentcloud_security_group.lite_nodeports_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The NodePorts are accepted by a second SG bound after the first, which has
# no DROP: the NodePort flows reach it.
resource "tencentcloud_vpc" "nodeport_second_sg" {
  name       = "tkesg104-nodeport-second-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodeport_second_sg_nodes" {
  name              = "tkesg104-nodeport-second-sg-nodes"
  vpc_id            = tencentcloud_vpc.nodeport_second_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "nodeport_second_sg_nodes" {
  name        = "tkesg104-nodeport-second-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "nodeport_second_sg_nodes" {
  security_group_id = tencentcloud_security_group.nodeport_second_sg_nodes.id

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

resource "tencentcloud_security_group" "nodeport_second_sg_lb" {
  name        = "tkesg104-nodeport-second-sg-lb"
  description = "load balancer backends"
}

resource "tencentcloud_security_group_rule_set" "nodeport_second_sg_lb" {
  security_group_id = tencentcloud_security_group.nodeport_second_sg_lb.id

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
}

resource "tencentcloud_kubernetes_cluster" "nodeport_second_sg" {
  vpc_id                  = tencentcloud_vpc.nodeport_second_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-nodeport-second-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.nodeport_second_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.nodeport_second_sg_nodes.id, tencentcloud_security_group.nodeport_second_sg_lb.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP ALL from the world at the top drops all of TKESG101, 102, 103 and
# 104: one TKESG101 (see TKESG101/), not TKESG104.
resource "tencentcloud_vpc" "drop_all_top" {
  name       = "tkesg104-drop-all-top"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_all_top_nodes" {
  name              = "tkesg104-drop-all-top-nodes"
  vpc_id            = tencentcloud_vpc.drop_all_top.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_all_top_nodes" {
  name        = "tkesg104-drop-all-top-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_all_top_nodes" {
  security_group_id = tencentcloud_security_group.drop_all_top_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny everything"
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

resource "tencentcloud_kubernetes_cluster" "drop_all_top" {
  vpc_id                  = tencentcloud_vpc.drop_all_top.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-drop-all-top"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.drop_all_top_nodes.id
    security_group_ids = [tencentcloud_security_group.drop_all_top_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Neither the pod CIDR nor the NodePorts are accepted. The binding touches
# TKESG101, 103 and 104; 101 and 104 are unrelated sets, so the one finding is
# TKESG101 (the lowest id), naming TKESG104, and there is no TKESG104.
resource "tencentcloud_vpc" "no_pods_no_nodeports" {
  name       = "tkesg104-no-pods-no-nodeports"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "no_pods_no_nodeports_nodes" {
  name              = "tkesg104-no-pods-no-nodeports-nodes"
  vpc_id            = tencentcloud_vpc.no_pods_no_nodeports.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "no_pods_no_nodeports_nodes" {
  name        = "tkesg104-no-pods-no-nodeports-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "no_pods_no_nodeports_nodes" {
  security_group_id = tencentcloud_security_group.no_pods_no_nodeports_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "no_pods_no_nodeports" {
  vpc_id                  = tencentcloud_vpc.no_pods_no_nodeports.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg104-no-pods-no-nodeports"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.no_pods_no_nodeports_nodes.id
    security_group_ids = [tencentcloud_security_group.no_pods_no_nodeports_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
