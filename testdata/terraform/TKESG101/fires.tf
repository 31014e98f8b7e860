# TKESG101: the node security groups must accept all traffic from the
# container network CIDR (TKE's worker rule N1), except TCP 22 and 3389. Only
# TKESG101 is annotated here; the other checks these clusters trigger are not
# under test. One cause, one finding: a DROP is reported under the requirement
# of which it drops the largest share of flows (ties: the lowest id), "no rule
# matches" at the binding under the broadest requirement it touches (unrelated
# sets: the lowest id), and the message names the other requirements.
#
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24
# and, unless said otherwise, the GR container network 172.16.0.0/16.
#
# This file holds the cases that fire (findings and notes); silent.tf holds
# the near misses.

# The textbook case: the node SG accepts the VPC, the NodePorts and ping, but
# nothing from the pod CIDR. No rule matches pod traffic, so the finding is at
# the binding. The same cause also loses UDP 53 from the pods (TKESG103), whose
# flows TKESG101's contain: one TKESG101, not TKESG101 + TKESG103.
resource "tencentcloud_vpc" "no_pod_rule" {
  name       = "tkesg101-no-pod-rule"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "no_pod_rule_nodes" {
  name              = "tkesg101-no-pod-rule-nodes"
  vpc_id            = tencentcloud_vpc.no_pod_rule.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "no_pod_rule_nodes" {
  name        = "tkesg101-no-pod-rule-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "no_pod_rule_nodes" {
  security_group_id = tencentcloud_security_group.no_pod_rule_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "no_pod_rule" {
  vpc_id                  = tencentcloud_vpc.no_pod_rule.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-no-pod-rule"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.no_pod_rule_nodes.id
    security_group_ids = [tencentcloud_security_group.no_pod_rule_nodes.id] # want "TKESG101 .*no.pod.rule"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP ALL from 0.0.0.0/0 placed above TKE's rules instead of below them.
# It drops all of TKESG101, 102, 103 and 104: a tie at 100%, so one TKESG101 at
# the DROP, naming the others (TKESG104 among them).
resource "tencentcloud_vpc" "drop_all_top" {
  name       = "tkesg101-drop-all-top"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_all_top_nodes" {
  name              = "tkesg101-drop-all-top-nodes"
  vpc_id            = tencentcloud_vpc.drop_all_top.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_all_top_nodes" {
  name        = "tkesg101-drop-all-top-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_all_top_nodes" {
  security_group_id = tencentcloud_security_group.drop_all_top_nodes.id

  ingress { # want "TKESG101 .*TKESG104"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny everything else"
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
  cluster_name            = "tkesg101-drop-all-top"
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

# "Kubelet only from the VPC": the VPC rule comes first, then a DROP of TCP
# 10250 from everywhere, then the pod rule. In GR mode the pods are outside the
# VPC, so pod traffic to kubelet (metrics-server, probes) is dropped: TKESG101
# at the DROP. The VPC's flows are accepted before it, so only TKESG101 is hit.
resource "tencentcloud_vpc" "drop_kubelet_world" {
  name       = "tkesg101-drop-kubelet-world"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_kubelet_world_nodes" {
  name              = "tkesg101-drop-kubelet-world-nodes"
  vpc_id            = tencentcloud_vpc.drop_kubelet_world.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_kubelet_world_nodes" {
  name        = "tkesg101-drop-kubelet-world-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_kubelet_world_nodes" {
  security_group_id = tencentcloud_security_group.drop_kubelet_world_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress { # want "TKESG101 .*10250"
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "10250"
    description = "kubelet is not for the internet"
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

resource "tencentcloud_kubernetes_cluster" "drop_kubelet_world" {
  vpc_id                  = tencentcloud_vpc.drop_kubelet_world.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-drop-kubelet-world"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.drop_kubelet_world_nodes.id
    security_group_ids = [tencentcloud_security_group.drop_kubelet_world_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Copied from a VPC-CNI cluster with pod security groups: everything is
# accepted from the SG "pods" instead of from the pod CIDR. In GR mode pod
# traffic carries addresses of cluster_cidr, and an ACCEPT from another SG never
# stands for a CIDR: the pod flows match no rule that accepts them. Finding at
# the binding.
resource "tencentcloud_vpc" "pods_from_other_sg" {
  name       = "tkesg101-pods-from-other-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pods_from_other_sg_nodes" {
  name              = "tkesg101-pods-from-other-sg-nodes"
  vpc_id            = tencentcloud_vpc.pods_from_other_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pods_from_other_sg_nodes" {
  name        = "tkesg101-pods-from-other-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pods_from_other_sg_nodes" {
  security_group_id = tencentcloud_security_group.pods_from_other_sg_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.pods_from_other_sg_pods.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "pods"
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

resource "tencentcloud_security_group" "pods_from_other_sg_pods" {
  name        = "tkesg101-pods-from-other-sg-pods"
  description = "pod security group of another cluster"
}

resource "tencentcloud_kubernetes_cluster" "pods_from_other_sg" {
  vpc_id                  = tencentcloud_vpc.pods_from_other_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-pods-from-other-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.pods_from_other_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.pods_from_other_sg_nodes.id] # want "TKESG101 .*pods.from.other.sg"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Node <-> node is accepted through the node SG itself (which satisfies
# TKESG102), but nothing accepts the pod CIDR. The members of the node SG lie in
# the VPC, which does not overlap 172.16.0.0/16, so no rule matches pod
# traffic: TKESG101 at the binding.
resource "tencentcloud_vpc" "self_sg_no_pods" {
  name       = "tkesg101-self-sg-no-pods"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "self_sg_no_pods_nodes" {
  name              = "tkesg101-self-sg-no-pods-nodes"
  vpc_id            = tencentcloud_vpc.self_sg_no_pods.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "self_sg_no_pods_nodes" {
  name        = "tkesg101-self-sg-no-pods-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "self_sg_no_pods_nodes" {
  security_group_id = tencentcloud_security_group.self_sg_no_pods_nodes.id

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.self_sg_no_pods_nodes.id
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

resource "tencentcloud_kubernetes_cluster" "self_sg_no_pods" {
  vpc_id                  = tencentcloud_vpc.self_sg_no_pods.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-self-sg-no-pods"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.self_sg_no_pods_nodes.id
    security_group_ids = [tencentcloud_security_group.self_sg_no_pods_nodes.id] # want "TKESG101 .*self.sg.no.pods"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# VPC-CNI: the pods get addresses of the ENI subnet 10.0.64.0/18, inside the
# VPC. A DROP of TCP 10250 from the ENI subnet, above the VPC rule, keeps pods
# away from kubelet and breaks metrics-server. It drops the same flows of
# TKESG101 and TKESG102; TKESG101 is the larger share (and the lower id): one
# TKESG101 at the DROP, naming TKESG102.
resource "tencentcloud_vpc" "cni_drop_kubelet" {
  name       = "tkesg101-cni-drop-kubelet"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "cni_drop_kubelet_nodes" {
  name              = "tkesg101-cni-drop-kubelet-nodes"
  vpc_id            = tencentcloud_vpc.cni_drop_kubelet.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_subnet" "cni_drop_kubelet_pods" {
  name              = "tkesg101-cni-drop-kubelet-pods"
  vpc_id            = tencentcloud_vpc.cni_drop_kubelet.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.64.0/18"
}

resource "tencentcloud_security_group" "cni_drop_kubelet_nodes" {
  name        = "tkesg101-cni-drop-kubelet-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "cni_drop_kubelet_nodes" {
  security_group_id = tencentcloud_security_group.cni_drop_kubelet_nodes.id

  ingress { # want "TKESG101 .*10250"
    action      = "DROP"
    cidr_block  = "10.0.64.0/18"
    protocol    = "TCP"
    port        = "10250"
    description = "pods may not reach kubelet"
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

resource "tencentcloud_kubernetes_cluster" "cni_drop_kubelet" {
  vpc_id                  = tencentcloud_vpc.cni_drop_kubelet.id
  network_type            = "VPC-CNI"
  eni_subnet_ids          = [tencentcloud_subnet.cni_drop_kubelet_pods.id]
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-cni-drop-kubelet"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.cni_drop_kubelet_nodes.id
    security_group_ids = [tencentcloud_security_group.cni_drop_kubelet_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# No worker_config: two node pools bind exactly the same list, whose SG has no
# pod rule. One binding, one finding, on the first pool (by file position).
resource "tencentcloud_vpc" "pools_same_list" {
  name       = "tkesg101-pools-same-list"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pools_same_list_nodes" {
  name              = "tkesg101-pools-same-list-nodes"
  vpc_id            = tencentcloud_vpc.pools_same_list.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pools_same_list_nodes" {
  name        = "tkesg101-pools-same-list-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pools_same_list_nodes" {
  security_group_id = tencentcloud_security_group.pools_same_list_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "pools_same_list" {
  vpc_id                  = tencentcloud_vpc.pools_same_list.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-pools-same-list"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_node_pool" "pools_same_list_a" {
  name              = "tkesg101-pools-same-list-a"
  cluster_id        = tencentcloud_kubernetes_cluster.pools_same_list.id
  vpc_id            = tencentcloud_vpc.pools_same_list.id
  subnet_ids        = [tencentcloud_subnet.pools_same_list_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.pools_same_list_nodes.id] # want "TKESG101 .*pools.same.list"
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "pools_same_list_b" {
  name              = "tkesg101-pools-same-list-b"
  cluster_id        = tencentcloud_kubernetes_cluster.pools_same_list.id
  vpc_id            = tencentcloud_vpc.pools_same_list.id
  subnet_ids        = [tencentcloud_subnet.pools_same_list_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.pools_same_list_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# A DROP of everything from the SG "quarantine" sits between the VPC,
# NodePort and ping rules and the pod rule. Which addresses that SG holds is
# not known, so whether pod traffic is dropped is unknown: a NOTE (level note)
# of TKESG101 at the binding, not an error. (UDP 53 from the pods, TKESG103, is
# part of the same unknown; one note.)
resource "tencentcloud_vpc" "opaque_drop" {
  name       = "tkesg101-opaque-drop"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "opaque_drop_nodes" {
  name              = "tkesg101-opaque-drop-nodes"
  vpc_id            = tencentcloud_vpc.opaque_drop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "opaque_drop_nodes" {
  name        = "tkesg101-opaque-drop-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "opaque_drop_nodes" {
  security_group_id = tencentcloud_security_group.opaque_drop_nodes.id

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
    source_security_id = tencentcloud_security_group.opaque_drop_quarantine.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "hosts under investigation"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "opaque_drop_quarantine" {
  name        = "tkesg101-opaque-drop-quarantine"
  description = "hosts under investigation"
}

resource "tencentcloud_kubernetes_cluster" "opaque_drop" {
  vpc_id                  = tencentcloud_vpc.opaque_drop.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-opaque-drop"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.opaque_drop_nodes.id
    security_group_ids = [tencentcloud_security_group.opaque_drop_nodes.id] # want "TKESG101 note: .*opaque.drop"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The worker SG is known only by its id: its rules are not in the input.
# "No rule matches" is then unknown, never a finding: one NOTE of TKESG101 (the
# lowest of the ingress requirements it leaves undecided) at the binding.
resource "tencentcloud_vpc" "unknown_sg_id" {
  name       = "tkesg101-unknown-sg-id"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "unknown_sg_id_nodes" {
  name              = "tkesg101-unknown-sg-id-nodes"
  vpc_id            = tencentcloud_vpc.unknown_sg_id.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "unknown_sg_id" {
  vpc_id                  = tencentcloud_vpc.unknown_sg_id.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-unknown-sg-id"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.unknown_sg_id_nodes.id
    security_group_ids = ["sg-12345678"] # want "TKESG101 note: .*unknown.sg.id"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The container network comes from a variable that has no value, so it is
# unknown: one NOTE of TKESG101 (the lowest requirement that needs it) on the
# cluster, saying the container network is unknown. Nothing else is reported
# for the parts that need it. The node SG accepts 172.16.0.0/12 and the VPC, so
# the parts that do not need it are fine.
variable "pod_cidr" {
  description = "Pod CIDR, given at apply time."
  type        = string
}

resource "tencentcloud_vpc" "pod_cidr_unknown" {
  name       = "tkesg101-pod-cidr-unknown"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pod_cidr_unknown_nodes" {
  name              = "tkesg101-pod-cidr-unknown-nodes"
  vpc_id            = tencentcloud_vpc.pod_cidr_unknown.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pod_cidr_unknown_nodes" {
  name        = "tkesg101-pod-cidr-unknown-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pod_cidr_unknown_nodes" {
  security_group_id = tencentcloud_security_group.pod_cidr_unknown_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/12"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods, whatever cluster_cidr is"
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

resource "tencentcloud_kubernetes_cluster" "pod_cidr_unknown" { # want "TKESG101 note: .*container network"
  vpc_id                  = tencentcloud_vpc.pod_cidr_unknown.id
  cluster_cidr            = var.pod_cidr
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-pod-cidr-unknown"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.pod_cidr_unknown_nodes.id
    security_group_ids = [tencentcloud_security_group.pod_cidr_unknown_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# An auto-scaling group of the cluster (tencentcloud_kubernetes_as_scaling_group)
# binds the node SG through auto_scaling_config.security_group_ids: its CVMs
# are nodes, and the SG accepts the VPC and NodePorts but nothing from the pod
# network. Finding at the scaling group's binding.
resource "tencentcloud_vpc" "scaling_sg" {
  name       = "tkesg101-scaling-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "scaling_sg_nodes" {
  name              = "tkesg101-scaling-sg-nodes"
  vpc_id            = tencentcloud_vpc.scaling_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "scaling_sg_nodes" {
  name        = "tkesg101-scaling-sg-nodes"
  description = "scaling group nodes"
}

resource "tencentcloud_security_group_lite_rule" "scaling_sg_nodes" {
  security_group_id = tencentcloud_security_group.scaling_sg_nodes.id
  ingress = [
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "scaling_sg" {
  vpc_id                  = tencentcloud_vpc.scaling_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-scaling-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_as_scaling_group" "scaling_sg" {
  cluster_id = tencentcloud_kubernetes_cluster.scaling_sg.id

  auto_scaling_group {
    scaling_group_name = "tkesg101-scaling-sg"
    max_size           = 4
    min_size           = 1
    vpc_id             = tencentcloud_vpc.scaling_sg.id
    subnet_ids         = [tencentcloud_subnet.scaling_sg_nodes.id]
  }

  auto_scaling_config {
    configuration_name = "tkesg101-scaling-sg"
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.scaling_sg_nodes.id] # want "TKESG101 .* to the nodes of cluster tkesg101-scaling-sg matches no rule of sg tkesg101-scaling-sg-nodes"
    key_ids            = ["skey-a1b2c3d4"]
  }
}
